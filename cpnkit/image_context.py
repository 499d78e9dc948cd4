"""The build context of the JupyterHub learner image, laid out from an allowlist.

An allowlist rather than a `.dockerignore` at the repository root: a folder added to the
repository later (a trainer's `kubeconfigs/`, a course directory, grading records) stays out of
the image unless someone adds it here, and the context can be listed and tested as it is.

    DIR/Dockerfile       sandbox/config/jupyterhub/Dockerfile
    DIR/kit/             what `pip install` and the curriculum need: pyproject.toml, README.md,
                         paths/, and the cpnkit, graders, sandbox packages
    DIR/espace/          the learner workspace's release material (no solution, no hidden test)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sandbox import Reporter

from .curriculum import Curriculum
from .errors import KitError
from .workspace import staged_release

KIT_ROOT = Path(__file__).resolve().parent.parent
KIT_FILES = ("pyproject.toml", "README.md")
KIT_FOLDERS = ("paths", "cpnkit", "graders", "sandbox")
DOCKERFILE = KIT_ROOT / "sandbox" / "config" / "jupyterhub" / "Dockerfile"
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints",
                                  "*kubeconfig*", "travail")


def stage(curriculum: Curriculum, target: Path, reporter: Reporter) -> Path:
    """Lay out the learner image's build context in `target` (an empty or absent folder)."""
    if target.exists() and any(target.iterdir()):
        raise KitError(f"{target} n'est pas vide.",
                       "Indiquez un dossier neuf : le contexte de l'image y est écrit en entier.")
    release = staged_release(curriculum, reporter)
    with reporter.phase(f"Contexte de l'image apprenant dans {target}"):
        kit = target / "kit"
        kit.mkdir(parents=True)
        for name in KIT_FILES:
            shutil.copy2(KIT_ROOT / name, kit / name)
        for name in KIT_FOLDERS:
            shutil.copytree(KIT_ROOT / name, kit / name, ignore=_IGNORED)
        shutil.copytree(release, target / "espace", ignore=_IGNORED)
        shutil.copy2(DOCKERFILE, target / "Dockerfile")
    return target
