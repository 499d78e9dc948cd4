"""How JupyterLab is started: one place for `./kit.sh lab`, trainers, Binder and the hub image.

The server's root is the folder it serves (`ServerApp.root_dir`): for a learner, the workspace
of release notebooks, so the kit's source notebooks can be neither browsed nor fetched.

The learner's JupyterLab is in French and without the instructor's tools, with the welcome
notebook and the table of contents open on first start. Everything is the kit's own
configuration, never the user's ``~/.jupyter``: Jupyter config directories shipped in
``cpnkit/jupyter/`` and put first on ``JUPYTER_CONFIG_PATH``.

- ``common/``: for learners and trainers, points JupyterLab at the kit's setting overrides
  (``lab-settings/overrides.json``: French interface, no question about Jupyter's news feed).
- ``learner/``: the nbgrader tools a learner does not use are off: the server extensions
  (``jupyter_server_config.json``: formgrader, course list) and the JupyterLab plugins
  (``labconfig/page_config.json``: create assignment, formgrader, course list, and the
  assignment list with the Nbgrader menu); validate stays. The extension manager is off too.
- ``learner-exchange/``: put before ``learner/`` where a course exchange exists (JupyterHub),
  it turns the assignment list and the Nbgrader menu back on.

`cpn lab` and `cpn course lab` call `launch`; Binder's ``start`` and the JupyterHub learner
image, which start their own server, take the environment from ``python -m cpnkit.lab env``.
"""


from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from sandbox import Settings

from . import french_argparse
from .errors import KitError

CONFIG = Path(__file__).parent / "jupyter"
COMMON = CONFIG / "common"
LEARNER = CONFIG / "learner"
LEARNER_EXCHANGE = CONFIG / "learner-exchange"
KIT_CONFIG_DIRS = (COMMON, LEARNER, LEARNER_EXCHANGE)
# nbgrader's default Exchange.root, where the JupyterHub values mount the shared exchange.
DEFAULT_EXCHANGE = Path("/srv/nbgrader/exchange")
WELCOME = "bienvenue.ipynb"
TOC = "@jupyterlab/toc:plugin"


def learner_lab_env(environ: Mapping[str, str] = os.environ, *,
                    exchange: Path = DEFAULT_EXCHANGE) -> dict[str, str]:
    """Environment variables to add to a learner's JupyterLab launch."""
    dirs = [LEARNER_EXCHANGE] if exchange.is_dir() else []
    return _lab_env(environ, [*dirs, LEARNER, COMMON], "learner")


def trainer_lab_env(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Environment variables of a trainer's JupyterLab: the kit's defaults, every nbgrader tool."""
    return _lab_env(environ, [COMMON], "trainer")


def _lab_env(environ: Mapping[str, str], dirs: Sequence[Path], role: str) -> dict[str, str]:
    inherited = [path for path in environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)
                 if path and Path(path) not in KIT_CONFIG_DIRS]
    return {"JUPYTER_CONFIG_PATH": os.pathsep.join([*map(str, dirs), *inherited]),
            "JUPYTERLAB_WORKSPACES_DIR": str(workspaces_dir(role))}


def workspaces_dir(role: str) -> Path:
    """Where JupyterLab keeps a role's layout: in the kit's home, not in ``~/.jupyter``."""
    return Settings.from_env().home / "jupyterlab" / f"{role}-workspaces"


def seed_first_layout(workspaces: Path, welcome: str = WELCOME) -> bool:
    """Before a learner's first start, lay out the welcome notebook with its table of contents
    beside it. A layout JupyterLab already saved is never replaced. Returns whether it seeded."""
    if workspaces.is_dir() and any(workspaces.iterdir()):
        return False  # not a first start (and no need to import the server below)
    from jupyterlab_server.workspaces_handler import WorkspacesManager  # seconds to import

    manager = WorkspacesManager(str(workspaces))
    manager.save("default", json.dumps(first_layout(welcome), indent=1))
    return True


def first_layout(welcome: str) -> dict[str, object]:
    """JupyterLab's ``default`` workspace: the welcome notebook, the table of contents open."""
    tab = f"notebook:{welcome}"
    return {
        "data": {
            "layout-restorer:data": {
                "main": {"dock": {"type": "tab-area", "currentIndex": 0, "widgets": [tab]},
                         "current": tab},
                "left": {"collapsed": False, "visible": True, "current": TOC,
                         "widgets": ["filebrowser", "running-sessions", TOC]},
                "right": {"collapsed": True, "visible": True, "widgets": []},
                "down": {"size": 0, "collapsed": True, "widgets": []},
                "relativeSizes": [0.2, 0.8, 0],
            },
            tab: {"data": {"path": welcome, "factory": "Notebook"}},
        },
        "metadata": {"id": "default"},
    }


def shell_exports(env: Mapping[str, str]) -> str:
    """``export`` lines a POSIX shell can ``eval``."""
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in env.items())


def _seed_or_warn(workspaces: Path, welcome: str) -> None:
    """A layout that cannot be written costs the learner a click, not the launch."""
    try:
        seed_first_layout(workspaces, welcome)
    except OSError as error:
        print(f"Attention : la disposition de départ de JupyterLab n'a pas pu être écrite "
              f"dans {workspaces} ({error.strerror}) ; ouvrez {welcome} vous-même.",
              file=sys.stderr)


# The server: its root, its first page, and the launch -------------------------------------
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


def launch(root: Path, opening: str | None, extra: list[str], *, trainer: bool = False) -> None:
    """Replace this process with JupyterLab on `root` (never returns): the learner's
    JupyterLab, or with `trainer` the trainer's, which keeps every nbgrader tool."""
    variables = trainer_lab_env() if trainer else learner_lab_env()
    if not trainer and opening and (root / opening).is_file():
        _seed_or_warn(Path(variables["JUPYTERLAB_WORKSPACES_DIR"]), opening)
    argv = command(root, opening, extra)
    os.execve(argv[0], argv, {**os.environ, **variables})


def write_config(path: Path, root: Path, opening: str | None) -> None:
    """Write `server_settings` as a Jupyter configuration file (Binder starts its own server)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(server_settings(root, opening), indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    french_argparse.install()
    parser = argparse.ArgumentParser(
        prog="python -m cpnkit.lab", formatter_class=french_argparse.Formatter,
        description="Prépare le JupyterLab de l'apprenant (français, sans les outils du "
        "formateur) et affiche son environnement, à évaluer par le shell qui le lance : "
        'eval "$(python -m cpnkit.lab env)".')
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    env = commands.add_parser("env", help="affiche les variables d'environnement de JupyterLab")
    env.add_argument("--formateur", action="store_true",
                     help="JupyterLab du formateur : tous les outils nbgrader")
    env.add_argument("--racine", type=Path, default=Path("."), metavar="DOSSIER",
                     help="le dossier que JupyterLab sert (par défaut : le dossier courant)")
    env.add_argument("--accueil", default=WELCOME, metavar="CARNET",
                     help="carnet ouvert au premier démarrage, relatif à la racine "
                     f"(par défaut : {WELCOME})")
    env.add_argument("--echange", type=Path, default=DEFAULT_EXCHANGE, metavar="DOSSIER",
                     help="l'échange nbgrader du cours ; la liste des devoirs n'apparaît que "
                     f"s'il existe (par défaut : {DEFAULT_EXCHANGE})")
    args = parser.parse_args(argv)
    if args.formateur:
        variables = trainer_lab_env()
    else:
        variables = learner_lab_env(exchange=args.echange)
        if (args.racine / args.accueil).is_file():
            _seed_or_warn(Path(variables["JUPYTERLAB_WORKSPACES_DIR"]), args.accueil)
    sys.stdout.write(shell_exports(variables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
