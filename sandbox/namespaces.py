"""Namespaces of the exercises: one per module, and one per learner under grading."""

from __future__ import annotations

import hashlib
import os
import re

from .errors import SandboxError

MAX_LENGTH = 63


def grading() -> bool:
    """True when the notebook runs under `nbgrader autograde` (or `CPN_GRADING=1`)."""
    return os.environ.get("NBGRADER_EXECUTION") == "autograde" or os.environ.get(
        "CPN_GRADING") == "1"


def _label(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")


def namespace_for(module: str, learner: str | None = None) -> str:
    """Le namespace où un module travaille.

    Pour un apprenant : « cpn-<module> ». Sous correction : « g-<module>-<apprenant>-<hash> »,
    unique par apprenant même quand le nom doit être raccourci à 63 caractères.
    """
    module_label = _label(module)
    if not module_label:
        raise SandboxError(
            f"Identifiant de module invalide : « {module} ».",
            "Utilisez l'identifiant du module, par exemple « premiers-pas-bac-a-sable ».",
        )
    if learner is None and grading():
        learner = os.environ.get("CPN_LEARNER", "anonyme")
    if learner is None:
        return f"cpn-{module_label}"[:MAX_LENGTH].rstrip("-")
    digest = hashlib.sha256(f"{module}\0{learner}".encode()).hexdigest()[:6]
    stem = f"g-{module_label}-{_label(learner) or 'x'}"[: MAX_LENGTH - 7].rstrip("-")
    return f"{stem}-{digest}"
