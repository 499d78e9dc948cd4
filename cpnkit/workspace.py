"""The learner workspace: release notebooks (no solution, no hidden test) laid out in course order.

Layout, from `paths/` (one folder per path, numbered in the order of the course, holding one
folder per level named like its nbgrader assignment, so that `nbgrader submit qualite-n1` and the
"Assignments" tab find it):

    ~/cpn-formation/
      bienvenue.ipynb
      0-decouverte/decouverte/pourquoi-cloud-pi-native.ipynb, pourquoi-cloud-pi-native/ …
      1-qualite/qualite-n1/…, qualite-n2/…, qualite-n3/…
      2-sre/…  3-integrite/…  4-decision/…

A module shared by several levels is copied into each level's folder: a level folder is what a
learner submits and what nbgrader collects, so it must hold every notebook of the level.

The release material comes from `nbgrader generate_assignment` (through `course.build`), staged
once per version of the sources under the kit's home, then copied into the workspace by
`cpnkit.manifest`, which never overwrites a file the learner changed.

Precedence of the location, stated once: `--dest` flag > `CPN_WORKSPACE` environment > default.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

from sandbox import Reporter, Settings

from . import course, layout
from .curriculum import NOTEBOOKS_DIR, PATHS_DIR, Curriculum
from .errors import KitError
from .layout import WELCOME, folder
from .manifest import SyncReport, sync

_STAMP = ".sources"


def location(flag: str | Path | None = None) -> Path:
    """Where the workspace lives: flag > `CPN_WORKSPACE` > `~/cpn-formation`."""
    chosen = flag or os.environ.get("CPN_WORKSPACE") or Path.home() / "cpn-formation"
    return Path(chosen).expanduser().resolve()


def sources_fingerprint() -> str:
    """A hash of everything the release material is made from (notebooks, paths, nbgrader
    configuration, the code that lays it out, kit version): the staged release is rebuilt only
    when it changes."""
    digest = hashlib.sha256(version("cpn-kit").encode())
    for code in (course.__file__, layout.__file__, __file__):  # how the material is made
        digest.update(hashlib.sha256(Path(code).read_bytes()).digest())
    for root in (NOTEBOOKS_DIR, PATHS_DIR, course.CONFIG_TEMPLATE.parent):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if set(course.RUN_OUTPUTS) & set(path.relative_to(root).parts):
                continue
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _generate(curriculum: Curriculum, target: Path, reporter: Reporter) -> None:
    """Release versions of every level, laid out as the workspace, into `target`."""
    with tempfile.TemporaryDirectory(prefix="cpn-cours-") as scratch:
        with reporter.phase("Génération des versions apprenant (nbgrader)",
                            total=len(curriculum.assignments)) as phase:
            def progress(message: str) -> None:
                phase.advance(detail=message.split(" ")[0])
            report = course.build(curriculum, Path(scratch), progress=progress)
        for assignment_id in report.generated:
            assignment = curriculum.assignment(assignment_id)
            shutil.copytree(Path(scratch) / "release" / assignment_id,
                            target / folder(curriculum, assignment))
    shutil.copy2(NOTEBOOKS_DIR / WELCOME, target / WELCOME)


def staged_release(curriculum: Curriculum, reporter: Reporter) -> Path:
    """The release material for the current sources, generated once and kept under the kit's
    home (`~/.cpn-kit/espace-apprenant/`)."""
    staged = Settings.from_env().home / "espace-apprenant"
    fingerprint = sources_fingerprint()
    stamp = staged / _STAMP
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return staged
    fresh = Path(tempfile.mkdtemp(prefix=".espace-", dir=_parent(staged)))
    try:
        _generate(curriculum, fresh, reporter)
        (fresh / _STAMP).write_text(fingerprint)
        if staged.exists():
            shutil.rmtree(staged)
        fresh.rename(staged)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return staged


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.parent


def update(curriculum: Curriculum | None, workspace: Path, reporter: Reporter,
           release: Path | None = None) -> SyncReport:
    """Build or update the workspace from the sources (or from an already staged `release`,
    as in the learner image, which holds no source)."""
    if release is None:
        if curriculum is None or not (NOTEBOOKS_DIR / WELCOME).is_file():
            raise KitError("Les carnets sources du kit sont absents : impossible de construire "
                           "l'espace de travail.",
                           "Indiquez une version déjà préparée avec --from DOSSIER.")
        release = staged_release(curriculum, reporter)
    elif not (release / WELCOME).is_file():
        raise KitError(f"{release} ne contient pas d'espace de travail préparé ({WELCOME}).",
                       "Indiquez le dossier espace/ d'un contexte préparé par "
                       "« cpn workspace image-context ».")
    with reporter.phase(f"Mise à jour de l'espace de travail {workspace}"):
        return sync(release, workspace, skip={_STAMP})
