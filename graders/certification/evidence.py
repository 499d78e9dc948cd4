"""What a credential rests on: the kit's version, the autograded notebooks and the grading
record (the gradebook rows the award was computed from), each with its SHA-256.

The credential carries them as W3C `relatedResource` entries (id, `digestSRI`, mediaType)
inside the signed document: changing one breaks the signature. The record is written beside
the credential in its canonical form (RFC 8785), so `sha256sum` on that file gives the digest
the credential holds.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import rfc8785
from nbgrader.api import Gradebook, MissingEntry

from ..errors import GradingError
from .credential import Award

DISTRIBUTION = "cpn-kit"
NOTEBOOK_TYPE = "application/x-ipynb+json"


def kit_version() -> str:
    """The installed kit's version (package metadata)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "inconnue"


@dataclass(frozen=True)
class Digest:
    """A file the credential rests on, named by a URN, and its SHA-256 (hex)."""

    id: str
    sha256: str
    media_type: str

    def claim(self) -> dict:
        sri = base64.b64encode(bytes.fromhex(self.sha256)).decode()
        return {"id": self.id, "digestSRI": f"sha256-{sri}", "mediaType": self.media_type}


@dataclass(frozen=True)
class Evidence:
    kit_version: str
    notebooks: tuple[Digest, ...]
    record: dict

    @property
    def record_bytes(self) -> bytes:
        return rfc8785.dumps(self.record)

    @property
    def record_digest(self) -> Digest:
        return Digest(f"urn:cpn-kit:releve:{self.record['niveau']}:{self.record['apprenant']}",
                      hashlib.sha256(self.record_bytes).hexdigest(), "application/json")

    def claims(self) -> list[dict]:
        return [d.claim() for d in (*self.notebooks, self.record_digest)]


def grading_record(root: Path, award: Award, modules: tuple[str, ...]) -> dict:
    """The gradebook rows the award rests on: per module, the score of every graded cell."""
    rows: dict[str, dict] = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        for module in modules:
            try:
                notebook = gradebook.find_submission_notebook(module, award.level_id,
                                                              award.learner_id)
            except MissingEntry:
                raise GradingError(f"{award.learner_id} : {module} absent du carnet de notes.",
                                   f"Relancez la correction : cpn grade {award.level_id}") from None
            rows[module] = {"score": notebook.score, "max_score": notebook.max_score,
                            "cellules": {g.name: [g.score, g.max_score]
                                         for g in sorted(notebook.grades, key=lambda g: g.name)}}
    return {"niveau": award.level_id, "apprenant": award.learner_id, "modules": rows}


def _notebook(root: Path, award: Award, module: str) -> Digest:
    path = root / "autograded" / award.learner_id / award.level_id / f"{module}.ipynb"
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        raise GradingError(f"Copie corrigée introuvable : {path}.",
                           f"Relancez la correction : cpn grade {award.level_id} --student "
                           f"{award.learner_id}") from None
    return Digest(f"urn:cpn-kit:copie:{award.level_id}:{award.learner_id}:{module}.ipynb",
                  digest, NOTEBOOK_TYPE)


def evidence(root: Path, award: Award, modules: tuple[str, ...]) -> Evidence:
    """Hash the learner's autograded notebooks of the level and the grading record."""
    return Evidence(kit_version(), tuple(_notebook(root, award, m) for m in modules),
                    grading_record(root, award, modules))
