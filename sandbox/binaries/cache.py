"""The binary cache, outside the clone, keyed by component and version.

Layout: `<cache_dir>/<component>-<version>/` holds the binaries and a `manifest.json` with
the size and SHA-256 of each. A directory appears only once complete (built aside, then
renamed), so an interrupted build never leaves a half cache behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .catalog import Component

MANIFEST = "manifest.json"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    """The cached binaries of one component version."""

    root: Path
    component: Component

    @property
    def directory(self) -> Path:
        return self.root / self.component.key

    def path(self, binary: str) -> Path:
        return self.directory / binary

    def problems(self) -> list[str]:
        """What is wrong with this entry, in French; empty when every binary is sound."""
        manifest = self._manifest()
        if manifest is None:
            return [f"{self.component.key} : absent du cache"]
        found = []
        for binary in self.component.binaries:
            found += self._check(binary, manifest.get(binary))
        return found

    def is_valid(self) -> bool:
        return not self.problems()

    def _manifest(self) -> dict | None:
        try:
            return json.loads((self.directory / MANIFEST).read_text())["binaries"]
        except (OSError, ValueError, KeyError):
            return None

    def _check(self, binary: str, recorded: dict | None) -> list[str]:
        path = self.path(binary)
        if recorded is None or not path.is_file():
            return [f"{binary} : fichier manquant"]
        stat = path.stat()
        if stat.st_size != recorded["size"]:
            return [f"{binary} : taille {stat.st_size} au lieu de {recorded['size']} (tronqué)"]
        if not os.access(path, os.X_OK):
            return [f"{binary} : n'est pas exécutable"]
        if stat.st_mtime_ns != recorded["mtime_ns"] and sha256_of(path) != recorded["sha256"]:
            return [f"{binary} : contenu modifié (SHA-256 différent)"]
        return []

    def install(self, staging: Path, source: str) -> None:
        """Record the binaries of `staging` and move them into place atomically."""
        binaries = {}
        for binary in self.component.binaries:
            path = staging / binary
            path.chmod(0o755)
            stat = path.stat()
            binaries[binary] = {
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
                "sha256": sha256_of(path),
            }
        manifest = {
            "component": self.component.name,
            "version": self.component.version,
            "source": source,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "binaries": binaries,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        self._replace_with(staging)

    def staging_dir(self) -> Path:
        staging = self.root / f".{self.component.key}.partial-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        return staging

    def _replace_with(self, staging: Path) -> None:
        old = self.root / f".{self.component.key}.old-{os.getpid()}"
        if self.directory.exists():
            self.directory.rename(old)
        staging.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)
