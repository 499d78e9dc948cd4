"""Copy kit material into a learner's folder without ever overwriting the learner's work.

The manifest (`.cpn-espace.json`, hidden from JupyterLab) records the SHA-256 of every file the
kit wrote. On an update, for each file of the new material:

- absent from the workspace: written (a file the learner deleted comes back, fresh);
- identical to the new version: nothing to do;
- unchanged since the kit wrote it (same hash as recorded): replaced in place;
- changed by the learner (or never written by the kit): kept, and the new version is written
  beside it as `<nom>.nouvelle-version<.ext>`, which the learner is told about.

Files the kit no longer ships are left where they are. Running it twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".cpn-espace.json"
NEW_VERSION = "nouvelle-version"


@dataclass
class SyncReport:
    workspace: Path
    written: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (learner's file, new version)
    unchanged: int = 0

    def lines(self) -> list[str]:
        """What the learner should know, in French."""
        lines = [f"Espace de travail : {self.workspace}"]
        if self.written:
            lines.append(f"  {len(self.written)} fichier(s) ajouté(s).")
        if self.updated:
            lines.append(f"  {len(self.updated)} fichier(s) mis à jour (vous ne les aviez pas "
                         "modifiés).")
        if not self.written and not self.updated and not self.kept:
            lines.append("  Déjà à jour.")
        if self.kept:
            lines.append("  Vous avez modifié ces fichiers : ils sont conservés tels quels, et la "
                         "nouvelle version du kit est écrite à côté :")
            lines += [f"    {mine}  →  {new}" for mine, new in self.kept]
            lines.append("  Comparez-les, reportez ce qui vous intéresse, puis supprimez la "
                         "nouvelle version (ou votre fichier, pour repartir de la nouvelle).")
        return lines


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(relative: str) -> str:
    """`a/module.ipynb` -> `a/module.nouvelle-version.ipynb`; `a/Dockerfile` ->
    `a/Dockerfile.nouvelle-version`."""
    path = Path(relative)
    suffix = path.suffix if path.stem else ""
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    return str(path.with_name(f"{stem}.{NEW_VERSION}{suffix}"))


def _files(root: Path, skip: Iterable[str]) -> list[str]:
    skipped = set(skip) | {MANIFEST}
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and p.name not in skipped)


def _load(workspace: Path) -> dict[str, str]:
    try:
        return json.loads((workspace / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _save(workspace: Path, recorded: dict[str, str]) -> None:
    text = json.dumps({"version": 1, "files": dict(sorted(recorded.items()))}, indent=1)
    handle, name = tempfile.mkstemp(prefix=".manifeste-", dir=workspace)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text + "\n")
    os.replace(name, workspace / MANIFEST)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def sync(release: Path, workspace: Path, skip: Iterable[str] = ()) -> SyncReport:
    """Bring `workspace` up to the material in `release` (see the module docstring)."""
    workspace.mkdir(parents=True, exist_ok=True)
    recorded = _load(workspace)
    report = SyncReport(workspace)
    for relative in _files(release, skip):
        source, target = release / relative, workspace / relative
        new = digest(source)
        if not target.exists():
            _copy(source, target)
            report.written.append(relative)
        elif (current := digest(target)) == new:
            report.unchanged += 1
        elif current == recorded.get(relative):
            _copy(source, target)
            report.updated.append(relative)
        else:
            other = beside(relative)
            if not (workspace / other).is_file() or digest(workspace / other) != new:
                _copy(source, workspace / other)
            report.kept.append((relative, other))
            continue  # the record stays the kit's last version of the learner's file
        recorded[relative] = new
    _save(workspace, recorded)
    return report
