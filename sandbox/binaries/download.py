"""Download a component from its official release site and verify its published SHA-256."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

from ..errors import BinariesUnavailable, ChecksumMismatch
from ..progress import Phase, Reporter
from .catalog import Artifact, Checksum, Component, artifacts

TIMEOUT = 30
CHUNK = 1 << 20


def _open(url: str):
    request = urllib.request.Request(url, headers={"User-Agent": "cpn-kit"})
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise BinariesUnavailable(
            f"Téléchargement impossible : {url} ({reason}).",
            "Vérifiez votre accès à internet, ou installez Go 1.26 (https://go.dev/dl/) "
            "pour que le kit compile les binaires lui-même.",
        ) from error


def _read(url: str, phase: Phase | None = None) -> bytes:
    with _open(url) as response:
        size = int(response.headers.get("Content-Length") or 0)
        if phase is not None and size:
            phase.total(size)
        chunks = []
        for chunk in iter(lambda: response.read(CHUNK), b""):
            chunks.append(chunk)
            if phase is not None:
                phase.advance(len(chunk))
        return b"".join(chunks)


def published_sha256(checksum: Checksum) -> str:
    """The SHA-256 the release site publishes for an artefact (lowercase hex)."""
    text = _read(checksum.url).decode()
    if checksum.kind == "file":
        return text.split()[0].lower()
    if checksum.kind == "sums":
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].lstrip("*") == checksum.entry:
                return parts[0].lower()
    if checksum.kind == "github":
        for asset in json.loads(text).get("assets", []):
            if asset.get("name") == checksum.entry and asset.get("digest"):
                return asset["digest"].removeprefix("sha256:").lower()
    raise BinariesUnavailable(
        f"Aucune somme SHA-256 publiée pour {checksum.entry or checksum.url}.",
        "La publication est peut-être incomplète : réessayez plus tard ou installez Go.",
    )


def _payload(artifact: Artifact, data: bytes) -> bytes:
    if artifact.member is None:
        return data
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile(artifact.member)
        if member is None:
            raise BinariesUnavailable(f"{artifact.member} absent de {artifact.url}.")
        return member.read()


def fetch(artifact: Artifact, target: Path, reporter: Reporter) -> None:
    """Download one artefact, check it against its published sum, write its binary."""
    expected = published_sha256(artifact.checksum)
    with reporter.phase(f"Téléchargement de {artifact.url.rsplit('/', 1)[-1]}") as phase:
        data = _read(artifact.url, phase)
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise ChecksumMismatch(
            f"Somme SHA-256 incorrecte pour {artifact.url} : attendue {expected}, "
            f"obtenue {actual}. Le fichier a été rejeté.",
            "Le téléchargement a pu être altéré : relancez la commande ; si cela persiste, "
            "signalez-le au formateur.",
        )
    (target / artifact.binary).write_bytes(_payload(artifact, data))


def download(component: Component, target: Path, reporter: Reporter) -> None:
    for artifact in artifacts(component):
        fetch(artifact, target, reporter)
