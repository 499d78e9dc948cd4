"""`cpn cohort …`: learner spaces on a shared cluster, from a CSV roster."""

from __future__ import annotations

import argparse
from pathlib import Path

from kubernetes import config

from . import cohort
from .credentials import kubeconfig_path
from .progress import Reporter


def _admin(args: argparse.Namespace):
    path = Path(args.kubeconfig) if args.kubeconfig else kubeconfig_path()
    return config.new_client_from_config(config_file=str(path))


def cmd_create(args: argparse.Namespace) -> int:
    learners = cohort.read_roster(Path(args.liste), args.nom)
    with _admin(args) as admin:
        report = cohort.create(admin, args.nom, learners, Path(args.sortie), args.duree_jeton,
                               Reporter(), args.hub_namespace)
    print(f"{len(report.created)} espace(s) prêt(s) ; kubeconfigs dans {args.sortie}/ "
          f"(jetons valables {args.duree_jeton:g} h).")
    for learner, reason in report.failed.items():
        print(f"  ÉCHEC {learner} (espace retiré, relancez la commande pour reprendre) : {reason}")
    return 1 if report.failed else 0


def cmd_status(args: argparse.Namespace) -> int:
    with _admin(args) as admin:
        rows = cohort.status(admin, args.nom)
    if not rows:
        print(f"Aucun espace pour la cohorte « {args.nom} ».")
    for row in rows:
        print(f"{row.learner:<24} {row.namespace:<44} {row.phase:<12} pods {row.pods_used:<4} "
              f"cpu (limits) {row.cpu_limits_used}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with _admin(args) as admin:
        removed = cohort.delete(admin, args.nom)
    print(f"{len(removed)} espace(s) supprimé(s) pour la cohorte « {args.nom} ».")
    return 0


def register(subparsers: argparse._SubParsersAction, formatter: type) -> None:
    parser = subparsers.add_parser(
        "cohort", help="espaces d'apprenants sur un cluster partagé",
        description="Mode cohorte : un espace isolé par apprenant (namespace, compte de "
        "service, quota, politiques réseau, kubeconfig à jeton court) sur un cluster partagé.",
        formatter_class=formatter)
    verbs = parser.add_subparsers(title="commandes", dest="verb", required=True,
                                  metavar="COMMANDE")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--nom", required=True, help="nom de la cohorte, ex. dnum-2026-12")
    common.add_argument("--kubeconfig", help="kubeconfig d'administration du cluster partagé "
                        "(défaut : celui du bac à sable)")
    create = verbs.add_parser("create", parents=[common], formatter_class=formatter,
                              help="créer (ou compléter) les espaces depuis une liste CSV",
                              description="Créer ou compléter les espaces des apprenants d'une "
                              "liste CSV « identifiant,nom,parcours ».")
    create.add_argument("liste", metavar="LISTE.csv")
    create.add_argument("--sortie", default="kubeconfigs", help="dossier des kubeconfigs")
    create.add_argument("--duree-jeton", type=float, default=8,
                        help="durée de validité des jetons en heures (défaut : 8)")
    create.add_argument("--hub-namespace", help="namespace de JupyterHub : y écrire le "
                        "kubeconfig de chaque apprenant (Secret cpn-kubeconfig-<identifiant>)")
    create.set_defaults(handler=cmd_create)
    status = verbs.add_parser("status", parents=[common], formatter_class=formatter,
                              help="état des espaces", description="État des espaces.")
    status.set_defaults(handler=cmd_status)
    delete = verbs.add_parser("delete", parents=[common], formatter_class=formatter,
                              help="supprimer tous les espaces de la cohorte",
                              description="Supprimer tous les espaces de la cohorte.")
    delete.set_defaults(handler=cmd_delete)
