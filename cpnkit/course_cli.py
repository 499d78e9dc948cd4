"""`cpn course …`: assemble the nbgrader course and show what is written."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from . import course, workspace_cli
from .curriculum import load


def cmd_build(args: argparse.Namespace) -> int:
    report = course.build(load(), Path(args.dest).resolve(), args.assignment or None,
                          generate=not args.no_generate,
                          progress=lambda m: print(m, file=sys.stderr))
    print(f"Cours assemblé dans {report.root}")
    print(f"Niveaux générés : {', '.join(report.generated) or 'aucun'}")
    for assignment, planned in report.planned.items():
        print(f"  {assignment} : {len(planned)} module(s) prévu(s), pas encore écrit(s) : "
              f"{', '.join(planned)}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    rows = course.status(load())
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        total = len(row.written) + len(row.planned)
        mark = "complet" if row.complete else f"{len(row.written)}/{total} écrits"
        print(f"{row.id:<14} {mark:<14} {row.title}")
        if row.planned and args.details:
            print(f"{'':<14} prévus : {', '.join(row.planned)}")
    return 0


def register(subparsers: argparse._SubParsersAction, formatter: type) -> None:
    parser = subparsers.add_parser(
        "course", help="assembler le cours nbgrader et suivre l'écriture des modules",
        description="Le cours nbgrader : un devoir par niveau de parcours (ex. qualite-n2) et "
        "un pour la découverte, assemblés depuis paths/ et notebooks/.",
        formatter_class=formatter)
    verbs = parser.add_subparsers(title="commandes", dest="verb", required=True,
                                  metavar="COMMANDE")
    build = verbs.add_parser("build", help="assembler le cours et générer les versions apprenant",
                             description="Assembler le cours nbgrader et générer les versions "
                             "apprenant (nbgrader generate_assignment).", formatter_class=formatter)
    build.add_argument("--dest", default="course", help="dossier du cours (défaut : course)")
    build.add_argument("--assignment", action="append", metavar="NIVEAU",
                       help="seulement ce niveau (répétable), ex. --assignment decouverte")
    build.add_argument("--no-generate", action="store_true",
                       help="copier les carnets sans lancer nbgrader")
    build.set_defaults(handler=cmd_build)
    stat = verbs.add_parser("status", help="modules écrits et prévus, par niveau",
                            description="Modules écrits et prévus, par niveau de parcours.",
                            formatter_class=formatter)
    stat.add_argument("--json", action="store_true", help="sortie JSON")
    stat.add_argument("--details", action="store_true", help="lister les modules prévus")
    stat.set_defaults(handler=cmd_status)
    workspace_cli.register_sources_lab(verbs, formatter)
