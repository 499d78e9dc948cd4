"""How JupyterLab is started on a folder: one place for `./kit.sh lab`, trainers and Binder.

The server's root is the folder itself (`ServerApp.root_dir`), so nothing above it (the kit's
source notebooks in particular) can be browsed or fetched from JupyterLab.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from .errors import KitError


def server_settings(root: Path, opening: str | None) -> dict[str, dict[str, object]]:
    """Jupyter Server settings for a root folder, opening `opening` (relative to it)."""
    settings: dict[str, object] = {"root_dir": str(root)}
    if opening:
        settings["default_url"] = f"/lab/tree/{opening}"
    if os.geteuid() == 0:  # a dev container, WSL as root: Jupyter refuses root without it
        settings["allow_root"] = True
    return {"ServerApp": settings}


def command(root: Path, opening: str | None, extra: list[str]) -> list[str]:
    """The `jupyter lab` command line for `server_settings`."""
    options = []
    for section, values in server_settings(root, opening).items():
        for key, value in values.items():
            if isinstance(value, bool):
                value = str(value)
            options.append(f"--{section}.{key}={value}")
    return [_jupyter(), "lab", *options, *extra]


def _jupyter() -> str:
    beside = Path(sys.executable).with_name("jupyter")
    found = str(beside) if beside.is_file() else shutil.which("jupyter")
    if found is None:
        raise KitError("JupyterLab est introuvable dans cet environnement Python.",
                       "Lancez « ./kit.sh lab », qui l'installe.")
    return found


def launch(root: Path, opening: str | None, extra: list[str]) -> None:
    """Replace this process with JupyterLab on `root` (never returns)."""
    argv = command(root, opening, extra)
    os.execv(argv[0], argv)


def write_config(path: Path, root: Path, opening: str | None) -> None:
    """Write `server_settings` as a Jupyter configuration file (Binder starts its own server)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(server_settings(root, opening), indent=1) + "\n", encoding="utf-8")
