"""The trainer's signing key (Ed25519) and its did:key identifier.

The key lives in the trainer's own configuration folder (never in the course material that
learners receive): a key in a learner's copy would prove nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import base58
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..errors import GradingError
from .custody import check_private

ED25519_MULTICODEC = b"\xed\x01"
KEY_FILE = "cle-signature.pem"
PROFILE_FILE = "emetteur.json"


def trainer_dir() -> Path:
    """Le dossier du formateur (CPN_TRAINER_DIR, sinon ~/.config/cpn-kit/formateur)."""
    default = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "cpn-kit"
    return Path(os.environ.get("CPN_TRAINER_DIR", default / "formateur")).expanduser()


def did_key(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "did:key:z" + base58.b58encode(ED25519_MULTICODEC + raw).decode()


def public_key_from_did(did: str) -> Ed25519PublicKey:
    """The Ed25519 public key a did:key names (the verification method needs no network)."""
    identifier = did.split("#")[0].removeprefix("did:key:")
    if not identifier.startswith("z"):
        raise GradingError(f"Identifiant d'émetteur non reconnu : {did}.")
    data = base58.b58decode(identifier[1:])
    if not data.startswith(ED25519_MULTICODEC) or len(data) != 34:
        raise GradingError(f"{did} ne désigne pas une clé Ed25519.")
    return Ed25519PublicKey.from_public_bytes(data[2:])


@dataclass(frozen=True)
class Issuer:
    name: str
    did: str
    key: Ed25519PrivateKey

    @property
    def verification_method(self) -> str:
        return f"{self.did}#{self.did.removeprefix('did:key:')}"

    def profile(self) -> dict:
        return {"id": self.did, "type": ["Profile"], "name": self.name}


def _inside_course_material(directory: Path) -> bool:
    markers = ("nbgrader_config.py", "gradebook.db", "pyproject.toml")
    return any((p / m).exists() for p in (directory, *directory.parents) for m in markers)


def create(name: str, directory: Path | None = None, force: bool = False) -> Issuer:
    """Create the trainer's key and profile (refused inside a course or the kit's folder)."""
    directory = (directory or trainer_dir()).resolve()
    if _inside_course_material(directory):
        raise GradingError(
            f"{directory} est dans un dossier de cours ou dans le kit : la clé y serait "
            "distribuée aux apprenants.",
            "Choisissez un dossier personnel, par exemple le défaut ~/.config/cpn-kit/formateur.")
    if (directory / KEY_FILE).exists() and not force:
        raise GradingError(f"Une clé existe déjà dans {directory}.",
                           "Elle reste valable ; --force la remplace (les anciennes attestations "
                           "ne seront plus vérifiables avec la nouvelle clé).")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    directory.chmod(0o700)  # also when the folder existed before
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    _write_private(directory / KEY_FILE, pem)
    issuer = Issuer(name, did_key(key.public_key()), key)
    (directory / PROFILE_FILE).write_text(json.dumps(
        {"name": name, "did": issuer.did}, ensure_ascii=False, indent=2) + "\n")
    return issuer


def _write_private(path: Path, data: bytes) -> None:
    """Write a file that is 0600 from its first byte (never world-readable, whatever the
    umask), replacing any previous one."""
    path.unlink(missing_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as stream:
        os.fchmod(stream.fileno(), 0o600)
        stream.write(data)


def _missing(directory: Path) -> GradingError:
    return GradingError(f"Aucune clé de formateur lisible dans {directory}.",
                        "Créez-la une fois avec « cpn certify init --nom \"Votre nom\" ».")


def issuer_did(directory: Path | None = None) -> str:
    """The trainer's public identifier (read from the profile; the key is not opened)."""
    directory = directory or trainer_dir()
    try:
        return json.loads((directory / PROFILE_FILE).read_text(encoding="utf-8"))["did"]
    except (OSError, ValueError, KeyError) as error:
        raise _missing(directory) from error


def load(directory: Path | None = None) -> Issuer:
    """The trainer's signing identity; refused when anyone else could read the key."""
    directory = directory or trainer_dir()
    if not (directory / KEY_FILE).is_file():
        raise _missing(directory)
    check_private(directory / KEY_FILE)
    try:
        profile = json.loads((directory / PROFILE_FILE).read_text(encoding="utf-8"))
        key = serialization.load_pem_private_key((directory / KEY_FILE).read_bytes(), None)
    except (OSError, ValueError) as error:
        raise _missing(directory) from error
    return Issuer(profile["name"], profile["did"], key)
