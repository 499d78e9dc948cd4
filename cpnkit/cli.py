"""The `cpn` command line. Each group lives in the package that does the work."""

from __future__ import annotations

import argparse
import sys
import traceback

from graders import cli as graders_cli
from sandbox import cli as sandbox_cli
from sandbox import cohort_cli
from sandbox.errors import FrenchError

from . import course_cli, french_argparse, questionnaire_cli, workspace_cli
from .course import CourseInfo
from .curriculum import load

EXIT_CODES = """codes de sortie :
  0  succès
  1  une vérification a échoué
  2  commande mal formée
  3  bac à sable indisponible
  4  données invalides"""


def build_parser() -> argparse.ArgumentParser:
    french_argparse.install()
    parser = argparse.ArgumentParser(
        prog="cpn",
        description="Kit de formation Cloud Pi Native : bac à sable Kubernetes, parcours, "
        "correction et certification.",
        epilog=EXIT_CODES,
        formatter_class=french_argparse.Formatter,
    )
    parser.add_argument("--debug", action="store_true",
                        help="afficher la trace complète en cas d'erreur")
    groups = parser.add_subparsers(title="groupes de commandes", dest="group", required=True,
                                   metavar="GROUPE")
    sandbox_cli.register(groups, french_argparse.Formatter)
    workspace_cli.register(groups, french_argparse.Formatter)
    course_cli.register(groups, french_argparse.Formatter)
    graders_cli.register(groups, french_argparse.Formatter, CourseInfo(load))
    cohort_cli.register(groups, french_argparse.Formatter)
    questionnaire_cli.register(groups, french_argparse.Formatter)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except FrenchError as error:
        if args.debug:
            traceback.print_exc()
        print(f"Erreur : {error.message}", file=sys.stderr)
        if error.hint:
            print(f"→ {error.hint}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
