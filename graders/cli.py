"""`cpn grade`, `cpn certify` and `cpn report`: grading a cohort and certifying levels.

The curriculum (modules, pass marks, objectives) belongs to cpnkit, above this package: the
`cpn` entry point hands it in as a `CourseInfo`, so graders never imports cpnkit.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Protocol

from kubernetes import client

from sandbox import current_settings
from sandbox.connection import as_sandbox_error
from sandbox.errors import NotRunning, SandboxError
from sandbox.health import REQUEST_TIMEOUT, api_client
from sandbox.progress import Reporter

from .autograde import ModuleFixtures
from .errors import GradingError
from .levels import LevelSpec

# nbgrader, matplotlib and cryptography load slowly: each command imports what it uses, so
# that `cpn sandbox …` starts at once.


class CourseInfo(Protocol):
    def levels(self) -> dict[str, LevelSpec]: ...

    def fixtures(self, modules: list[str]) -> dict[str, ModuleFixtures]: ...


def _course_root(args: argparse.Namespace) -> Path:
    root = Path(args.course).resolve()
    if not (root / "gradebook.db").is_file():
        raise GradingError(f"Aucun cours nbgrader dans {root} (gradebook.db absent).",
                           "Assemblez-le d'abord : cpn course build")
    return root


def _admin_client(level: LevelSpec, modules: list[str]):
    """The admin client of the sandbox when a module of the level is graded on it; none (a
    null context) for a level of data modules only, which grades without a sandbox."""
    on_cluster = [m for m in modules if m in level.cluster_modules]
    if not on_cluster:
        return contextlib.nullcontext()
    kubeconfig = current_settings().kubeconfig  # the admin one, never a learner's
    try:
        if not kubeconfig.is_file():
            raise NotRunning(f"Aucun bac à sable ne tourne (kubeconfig introuvable : "
                             f"{kubeconfig}).", "Démarrez-le : cpn sandbox up")
        admin = api_client(kubeconfig)
        client.VersionApi(admin).get_code(_request_timeout=REQUEST_TIMEOUT)
    except Exception as error:
        french = error if isinstance(error, SandboxError) else as_sandbox_error(error)
        if french is None:
            raise
        raise type(french)(f"{level.id} se corrige sur le bac à sable (modules "
                           f"{', '.join(on_cluster)}). {french.message}", french.hint) from error
    return admin


def cmd_grade(args: argparse.Namespace, course: CourseInfo) -> int:
    from . import isolation
    from .cohort import CohortGrader, Outcome, submissions

    root = _course_root(args)
    level = course.levels().get(args.assignment)
    if level is None:
        raise GradingError(f"Niveau inconnu : « {args.assignment} ».",
                           f"Niveaux : {', '.join(course.levels())}.")
    learners = args.student or submissions(root, args.assignment)
    if not learners:
        raise GradingError(f"Aucune copie rendue pour {args.assignment} dans {root}/submitted.")
    modules = [m for m in level.modules if (root / "source" / args.assignment / f"{m}.ipynb")
               .is_file()]
    reporter = Reporter()
    with _admin_client(level, modules) as admin, reporter.phase(
            f"Correction de {len(learners)} copie(s) de {args.assignment}", len(learners)) as bar:
        grader = CohortGrader(root, args.assignment, modules, admin, course.fixtures(modules),
                              args.workers, args.cell_timeout, args.isolation)
        notice = isolation.warning(grader.isolation)
        if notice:
            reporter.info(notice)

        def done(outcome: Outcome) -> None:
            bar.advance(detail=f"{outcome.learner} : {outcome.status}")
            if not reporter.interactive:
                reporter.info(f"  {outcome.learner} : {outcome.status} "
                              f"({outcome.score:g}/{outcome.max_score:g}, {outcome.seconds:.0f} s)")

        run = grader.run(learners, done)
    for outcome in run.outcomes:
        note = f" — {outcome.detail.splitlines()[-1]}" if outcome.detail else ""
        print(f"{outcome.learner:<20} {outcome.status:<14} {outcome.score:>6g}/"
              f"{outcome.max_score:<6g}{note}")
    print(f"\nBilan : {run.count('notée')} notée(s), {run.count('délai dépassé')} notée(s) avec "
          f"au moins une cellule interrompue (délai), {run.count('échec')} échec(s). Retours "
          f"individuels : {root / 'feedback'}")
    return 0 if run.count("échec") == 0 else 1


def cmd_certify_init(args: argparse.Namespace, course: CourseInfo) -> int:
    from . import certification

    directory = Path(args.dossier) if args.dossier else None
    issuer = certification.create(args.nom, directory, args.force)
    print(f"Clé de signature créée pour « {issuer.name} ».")
    print(f"Identifiant public (à communiquer pour la vérification) : {issuer.did}")
    return 0


def _names(path: str | None) -> dict[str, str]:
    if not path:
        return {}
    import csv

    with open(path, encoding="utf-8", newline="") as stream:
        return {row["id"]: row["nom"] for row in csv.DictReader(stream)}


def cmd_certify_issue(args: argparse.Namespace, course: CourseInfo) -> int:
    from . import certification

    root = _course_root(args)
    issuer = certification.load(Path(args.dossier) if args.dossier else None)
    out = Path(args.sortie)
    out.mkdir(parents=True, exist_ok=True)
    levels = course.levels()
    awarded = certification.awards(root, levels, _names(args.noms))
    for award in awarded:
        evidence = certification.evidence(root, award, levels[award.level_id].modules)
        credential = certification.issue(award, issuer, evidence)
        stem = out / f"{award.learner_id}-{award.level_id}"
        certification.write_credential(credential, stem.with_suffix(".json"))
        certification.write_record(evidence, stem.with_suffix(".releve.json"))
        certification.write_html(award, credential, stem.with_suffix(".html"))
        certification.write_pdf(award, credential, stem.with_suffix(".pdf"))
        print(f"{award.learner_name} : {award.level_id} réussi → {stem}.json "
              "(.releve.json, .html, .pdf)")
    print(f"{len(awarded)} attestation(s) délivrée(s) dans {out}.")
    return 0


def cmd_certify_verify(args: argparse.Namespace, course: CourseInfo) -> int:
    from . import certification

    try:
        credential = json.loads(Path(args.fichier).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GradingError(f"{args.fichier} : fichier illisible ou pas du JSON ({error}).",
                           "Donnez le fichier .json de l'attestation (celui que « cpn certify "
                           "issue » a écrit), pas la page HTML ou PDF.") from None
    trusted = args.emetteur
    if trusted is None:
        try:
            trusted = certification.issuer_did()
        except GradingError:
            trusted = None
    check = certification.verify(credential, trusted, args.apprenant, args.niveau,
                                 set(course.levels()))
    for key, value in check.facts.items():
        print(f"{key:<16}: {value}")
    if check.valid:
        print("VALIDE : signature correcte, émetteur, apprenant et niveau cohérents.")
        if trusted is None:
            print("Attention : émetteur non comparé ; passez --emetteur DID pour le confirmer.")
        return 0
    print("INVALIDE :\n" + "\n".join(f"  - {reason}" for reason in check.reasons))
    return 1


def cmd_report(args: argparse.Namespace, course: CourseInfo) -> int:
    from .report import write_dashboard

    root = _course_root(args)
    page = write_dashboard(root, course.levels(), Path(args.sortie or root / "tableau-de-bord"))
    print(f"Tableau de bord : {page} (export CSV : {page.parent / 'resultats.csv'})")
    return 0


def register(subparsers: argparse._SubParsersAction, formatter: type, course: CourseInfo) -> None:
    def bind(handler):
        return lambda args: handler(args, course)

    grade = subparsers.add_parser(
        "grade", help="corriger toutes les copies d'un niveau (en parallèle)",
        description="Corriger toutes les copies rendues d'un niveau : chaque copie dans son "
        "namespace, avec des identifiants limités, plusieurs à la fois ; retours individuels "
        "générés à la fin.", formatter_class=formatter)
    grade.add_argument("assignment", metavar="NIVEAU", help="par exemple qualite-n2")
    grade.add_argument("--course", default="course", help="dossier du cours (défaut : course)")
    grade.add_argument("--workers", type=int, help="copies corrigées à la fois (défaut : "
                       "une par cœur)")
    grade.add_argument("--cell-timeout", type=int, default=180,
                       help="délai par cellule en secondes (défaut : 180)")
    grade.add_argument("--isolation", choices=["auto", "user", "cage", "env"], default="auto",
                       help="auto : « user » en root, « cage » sinon ; user : cage de "
                       "correction sous des comptes dédiés (root) ; cage : cage sous votre "
                       "compte ; env : pas de cage, identifiants limités seulement")
    grade.add_argument("--student", action="append", metavar="APPRENANT",
                       help="seulement cet apprenant (répétable)")
    grade.set_defaults(handler=bind(cmd_grade))

    report = subparsers.add_parser(
        "report", help="tableau de bord de la cohorte (HTML et CSV)",
        description="Tableau de bord de la cohorte : apprenants × modules, taux de réussite "
        "par niveau, distributions des résultats, export CSV.", formatter_class=formatter)
    report.add_argument("--course", default="course", help="dossier du cours (défaut : course)")
    report.add_argument("--sortie", help="dossier du tableau de bord (défaut : "
                        "course/tableau-de-bord)")
    report.set_defaults(handler=bind(cmd_report))

    certify = subparsers.add_parser(
        "certify", help="délivrer et vérifier les attestations de réussite",
        description="Attestations Open Badges 3.0 signées (Ed25519) par le formateur.",
        formatter_class=formatter)
    verbs = certify.add_subparsers(title="commandes", dest="verb", required=True,
                                   metavar="COMMANDE")
    init = verbs.add_parser("init", help="créer la clé de signature du formateur",
                            description="Créer la clé de signature du formateur, hors du "
                            "matériel de cours.", formatter_class=formatter)
    init.add_argument("--nom", required=True, help="nom de l'émetteur (formateur ou service)")
    init.add_argument("--dossier", help="dossier de la clé (défaut : ~/.config/cpn-kit/"
                      "formateur, ou CPN_TRAINER_DIR)")
    init.add_argument("--force", action="store_true", help="remplacer une clé existante")
    init.set_defaults(handler=bind(cmd_certify_init))
    issue = verbs.add_parser("issue", help="délivrer les attestations des niveaux réussis",
                             description="Lire le carnet de notes et délivrer une attestation "
                             "par niveau réussi.", formatter_class=formatter)
    issue.add_argument("--course", default="course", help="dossier du cours (défaut : course)")
    issue.add_argument("--sortie", default="attestations", help="dossier de sortie")
    issue.add_argument("--noms", help="CSV « id,nom » des noms à imprimer")
    issue.add_argument("--dossier", help="dossier de la clé du formateur")
    issue.set_defaults(handler=bind(cmd_certify_issue))
    verify = verbs.add_parser("verify", help="vérifier une attestation",
                              description="Vérifier une attestation : signature, émetteur, "
                              "apprenant et niveau.", formatter_class=formatter)
    verify.add_argument("fichier", metavar="FICHIER", help="attestation .json")
    verify.add_argument("--emetteur", metavar="DID", help="identifiant attendu de l'émetteur")
    verify.add_argument("--apprenant", help="nom ou identifiant attendu de l'apprenant")
    verify.add_argument("--niveau", help="niveau attendu, par exemple qualite-n2")
    verify.set_defaults(handler=bind(cmd_certify_verify))


if __name__ == "__main__":  # pragma: no cover
    sys.exit("Utilisez la commande « cpn ».")
