"""Jeux de données des modules, générés par le kit avec une graine fixe.

Chaque générateur rend un dictionnaire « nom de fichier -> contenu » ; `write` les écrit dans
le dossier du module (`notebooks/<module>/`), où ils sont versionnés. Régénérer donne
exactement les mêmes fichiers (un test le vérifie) :

    python -m cpnkit.datasets            # tous les modules
    python -m cpnkit.datasets MODULE …   # certains modules
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..curriculum import NOTEBOOKS_DIR
from . import backlog, preview_environments, value_stream, westrum

GENERATORS: dict[str, Callable[[], dict[str, str]]] = {
    westrum.MODULE: westrum.files,
    preview_environments.MODULE: preview_environments.files,
    backlog.MODULE: backlog.files,
    value_stream.MODULE: value_stream.files,
}


def write(module: str, directory: Path | None = None) -> list[Path]:
    """Écrire les fichiers de données d'un module ; renvoie leurs chemins."""
    target = directory or NOTEBOOKS_DIR / module
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in GENERATORS[module]().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["GENERATORS", "write"]
