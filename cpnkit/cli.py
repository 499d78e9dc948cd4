"""The `cpn` command line. Each group lives in the package that does the work."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from graders import cli as graders_cli
from sandbox import cli as sandbox_cli
from sandbox import cohort_cli
from sandbox.connection import as_sandbox_error
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


def build_parser(course: graders_cli.CourseInfo | None = None) -> argparse.ArgumentParser:
    """The `cpn` parser; `course` replaces the curriculum of `paths/` (tests)."""
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
    graders_cli.register(groups, french_argparse.Formatter, course or CourseInfo(load))
    cohort_cli.register(groups, french_argparse.Formatter)
    questionnaire_cli.register(groups, french_argparse.Formatter)
    return parser


def main(argv: list[str] | None = None, course: graders_cli.CourseInfo | None = None) -> int:
    parser = build_parser(course)
    args = parser.parse_args(argv)
    _tools_on_path()
    try:
        return args.handler(args)
    except FrenchError as error:
        return _report(error, args.debug)
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    except Exception as error:  # a Kubernetes client that cannot reach its cluster
        french = as_sandbox_error(error)
        if french is None:
            raise
        return _report(french, args.debug)


def _tools_on_path() -> None:
    """nbgrader's gradebook runs `alembic` by name: this environment's tools come first, as
    after activation, also when `cpn` is called by its full path."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"


def _report(error: FrenchError, debug: bool) -> int:
    """One French line and its hint on stderr (the traceback too with --debug)."""
    if debug:
        traceback.print_exc()
    print(f"Erreur : {error.message}", file=sys.stderr)
    if error.hint:
        print(f"→ {error.hint}", file=sys.stderr)
    return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
