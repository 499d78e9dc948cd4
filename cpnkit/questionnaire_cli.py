"""`cpn questionnaire …`: list, check and export the questionnaires and the team diagnostic."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .answers import AnswerStore, answers_file
from .questionnaires import available, diagnose, load_questionnaire, readiness, write_exports
from .questionnaires.notebook import _diagnostic_preface, _qualification_preface

PREFACES = {"diagnostic": _diagnostic_preface, "qualification": _qualification_preface}


def _answers(name: str, path: str | None) -> tuple[Path, dict]:
    store = AnswerStore(answers_file(name, path), read_only=True)
    answers = store.answers()
    if store.warning:
        print(f"Attention : {store.warning}", file=sys.stderr)
    return store.path, answers


def cmd_list(args: argparse.Namespace) -> int:
    rows = []
    for name in available():
        questionnaire = load_questionnaire(name)
        path, answers = _answers(name, None)
        rows.append({"id": name, "title": questionnaire.title,
                     "questions": len(questionnaire.questions()), "answered": len(answers),
                     "answers_file": str(path)})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        print(f"{row['id']:<18} {row['answered']:>3}/{row['questions']:<3} réponses  "
              f"{row['title']}  ({row['answers_file']})")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire(Path(args.file))
    required = sum(q.required for q in questionnaire.questions())
    print(f"{args.file} : questionnaire « {questionnaire.title} » valide, "
          f"{len(questionnaire.sections)} section(s), {len(questionnaire.questions())} "
          f"question(s) dont {required} obligatoire(s).")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire(args.name)
    path, answers = _answers(args.name, args.answers)
    preface, extra = PREFACES.get(args.name, lambda a: ("", {}))(answers)
    markdown, data = write_exports(questionnaire, answers,
                                   Path(args.dest) if args.dest else path.parent, preface, extra)
    print(markdown)
    print(data)
    if args.name == "qualification":
        print(f"Verdict : {readiness(answers, questionnaire).verdict}", file=sys.stderr)
    return 0


def cmd_diagnostic(args: argparse.Namespace) -> int:
    _, answers = _answers("diagnostic", args.answers)
    result = diagnose(answers)
    if args.json:
        print(json.dumps(result.plain(), ensure_ascii=False, indent=2))
        return 0
    for dimension in sorted(result.dimensions, key=lambda d: -(d.score or -1)):
        score = "  ?" if dimension.score is None else f"{dimension.score:4.1f}"
        print(f"{dimension.title:<28} {score}/10  (cible {dimension.target:g})")
    print(f"\n{result.stage_advice.title}")
    for reason in result.stage_advice.reasons:
        print(f"  - {reason}")
    for advice in result.paths:
        print(f"\n{advice.title} [{advice.assignment}]")
        for reason in advice.reasons:
            print(f"  - {reason}")
    return 0


def register(subparsers: argparse._SubParsersAction, formatter: type) -> None:
    parser = subparsers.add_parser(
        "questionnaire", help="questionnaires : liste, vérification, export, diagnostic",
        description="Les questionnaires du kit (paths/questionnaires/) et les réponses "
        "enregistrées (CPN_ANSWERS_DIR, sinon ~/.cpn-kit/reponses).", formatter_class=formatter)
    verbs = parser.add_subparsers(title="commandes", dest="verb", required=True,
                                  metavar="COMMANDE")
    listing = verbs.add_parser("list", help="questionnaires et nombre de réponses enregistrées",
                               description="Les questionnaires et leurs fichiers de réponses.",
                               formatter_class=formatter)
    listing.add_argument("--json", action="store_true", help="sortie JSON")
    listing.set_defaults(handler=cmd_list)
    check = verbs.add_parser("check", help="vérifier un fichier de questionnaire YAML",
                             description="Vérifier un questionnaire écrit en YAML (erreurs en "
                             "français, avec la clé fautive).", formatter_class=formatter)
    check.add_argument("file", metavar="FICHIER", help="le fichier YAML à vérifier")
    check.set_defaults(handler=cmd_check)
    export = verbs.add_parser("export", help="exporter des réponses en Markdown et en JSON",
                              description="Exporter les réponses d'un questionnaire (dossier "
                              "Markdown et fichier JSON).", formatter_class=formatter)
    export.add_argument("name", metavar="QUESTIONNAIRE", choices=available(),
                        help=f"l'un de : {', '.join(available())}")
    export.add_argument("--answers", metavar="FICHIER", help="fichier de réponses à exporter")
    export.add_argument("--dest", metavar="DOSSIER",
                        help="dossier de sortie (défaut : celui du fichier de réponses)")
    export.set_defaults(handler=cmd_export)
    result = verbs.add_parser("diagnostic", help="scores et recommandation du diagnostic",
                              description="Scores par dimension, étape d'accompagnement et "
                              "parcours recommandés, avec leurs raisons.",
                              formatter_class=formatter)
    result.add_argument("--answers", metavar="FICHIER", help="fichier de réponses du diagnostic")
    result.add_argument("--json", action="store_true", help="sortie JSON")
    result.set_defaults(handler=cmd_diagnostic)
