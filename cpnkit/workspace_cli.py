"""`cpn workspace …` and `cpn lab`: the learner workspace and JupyterLab opened on it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sandbox import Reporter

from . import image_context, lab, workspace
from .curriculum import NOTEBOOKS_DIR, load
from .layout import WELCOME


def _update(args: argparse.Namespace) -> Path:
    reporter = Reporter(quiet=args.quiet)
    target = workspace.location(args.dest)
    release = Path(args.source).resolve() if args.source else None
    report = workspace.update(None if release else load(), target, reporter, release)
    for line in report.lines():
        print(line, file=sys.stderr)
    return target


def cmd_build(args: argparse.Namespace) -> int:
    print(_update(args))
    return 0


def cmd_image_context(args: argparse.Namespace) -> int:
    target = image_context.stage(load(), Path(args.dir).resolve(), Reporter(quiet=args.quiet))
    print(target)
    return 0


def cmd_lab(args: argparse.Namespace) -> int:
    target = _update(args)
    if args.write_config:
        lab.write_config(Path(args.write_config).expanduser(), target, WELCOME)
        print(f"Réglages de JupyterLab écrits dans {args.write_config}", file=sys.stderr)
        return 0
    lab.launch(target, WELCOME, _passed_on(args.jupyter))
    return 0


def cmd_sources_lab(args: argparse.Namespace) -> int:
    lab.launch(NOTEBOOKS_DIR, WELCOME, _passed_on(args.jupyter), trainer=True)
    return 0


def _passed_on(options: list[str]) -> list[str]:
    return options[1:] if options[:1] == ["--"] else options


def _location_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dest", metavar="DOSSIER",
                        help="dossier de l'espace de travail (sinon $CPN_WORKSPACE, sinon "
                        "~/cpn-formation)")
    parser.add_argument("--from", dest="source", metavar="DOSSIER",
                        help="copier une version apprenant déjà préparée (image JupyterHub) au "
                        "lieu de la générer depuis les carnets sources")
    parser.add_argument("--quiet", action="store_true", help="sans barre de progression")


def _jupyter_rest(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("jupyter", nargs=argparse.REMAINDER, metavar="OPTIONS",
                        help="options passées telles quelles à jupyter lab, après -- "
                        "(ex. -- --no-browser)")


def register(subparsers: argparse._SubParsersAction, formatter: type) -> None:
    parser = subparsers.add_parser(
        "workspace", help="l'espace de travail de l'apprenant (carnets sans les solutions)",
        description="L'espace de travail de l'apprenant : les carnets en version apprenant "
        "(sans solution ni test caché), rangés par parcours et par niveau, avec leurs données. "
        "Une mise à jour n'écrase jamais un fichier que vous avez modifié : la nouvelle "
        "version est écrite à côté (« .nouvelle-version »).",
        formatter_class=formatter)
    verbs = parser.add_subparsers(title="commandes", dest="verb", required=True,
                                  metavar="COMMANDE")
    build = verbs.add_parser("build", help="construire ou mettre à jour l'espace de travail",
                             description="Construire l'espace de travail, ou le mettre à jour "
                             "sans écraser vos modifications.", formatter_class=formatter)
    _location_flags(build)
    build.set_defaults(handler=cmd_build)
    image = verbs.add_parser(
        "image-context", help="préparer le contexte de l'image JupyterHub des apprenants",
        description="Écrire dans DOSSIER (neuf) tout ce que l'image des apprenants contient, "
        "et rien d'autre : le kit installable, les parcours et l'espace de travail en version "
        "apprenant ; ni carnet source, ni test caché, ni kubeconfig. Puis : "
        "docker build -t IMAGE DOSSIER.", formatter_class=formatter)
    image.add_argument("dir", metavar="DOSSIER", help="dossier du contexte (neuf)")
    image.add_argument("--quiet", action="store_true", help="sans barre de progression")
    image.set_defaults(handler=cmd_image_context)

    learner = subparsers.add_parser(
        "lab", help="ouvrir JupyterLab sur votre espace de travail",
        description="Mettre à jour l'espace de travail puis ouvrir JupyterLab dessus, sur le "
        "carnet d'accueil. Les carnets sources du kit n'y sont pas visibles.",
        formatter_class=formatter)
    _location_flags(learner)
    learner.add_argument("--write-config", metavar="FICHIER",
                         help="écrire ces réglages dans un fichier de configuration de Jupyter "
                         "(ex. ~/.jupyter/jupyter_server_config.json) au lieu de lancer "
                         "JupyterLab : pour un serveur démarré par d'autres (Binder)")
    _jupyter_rest(learner)
    learner.set_defaults(handler=cmd_lab)


def register_sources_lab(verbs: argparse._SubParsersAction, formatter: type) -> None:
    """`cpn course lab`: the trainer opens the source notebooks, on purpose."""
    parser = verbs.add_parser(
        "lab", help="(formateur) ouvrir JupyterLab sur les carnets sources, solutions comprises",
        description="Ouvrir JupyterLab sur notebooks/ : les carnets sources avec leurs solutions "
        "et leurs tests cachés. À ne pas montrer aux apprenants.", formatter_class=formatter)
    _jupyter_rest(parser)
    parser.set_defaults(handler=cmd_sources_lab)
