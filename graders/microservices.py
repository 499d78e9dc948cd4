"""Découper un monolithe : co-changements, propriété des données, parcours, opportunité.

Les calculs de référence du module « principes-microservices ». Ils relisent les fichiers
de données eux-mêmes ; un découpage proposé par l'apprenant est un simple dictionnaire
module → service, vérifié règle par règle.
"""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

import yaml

from .errors import GradingError

COCHANGE = 0.5  # modules changed together at least this often belong to one service
SERVICE_AVAILABILITY = 0.999  # the availability objective of each service
MIN_SERVICES = 3


def read_architecture(path: str | Path) -> dict:
    """Lire `modules.yaml` : les modules du monolithe et le parcours de réservation."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def read_commits(path: str | Path) -> list[set[str]]:
    """Les modules touchés par chaque commit."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [set(row["modules"].split(";")) for row in csv.DictReader(handle)]


def cochange(commits: list[set[str]]) -> dict[tuple[str, str], float]:
    """Indice de co-changement de chaque paire de modules (a < b) : nombre de commits qui
    touchent les deux, divisé par le nombre de commits qui touchent l'un ou l'autre."""
    modules = sorted(set().union(*commits))
    result = {}
    for a, b in combinations(modules, 2):
        either = sum(1 for c in commits if a in c or b in c)
        both = sum(1 for c in commits if a in c and b in c)
        result[(a, b)] = both / either if either else 0.0
    return result


def coupled_pairs(commits: list[set[str]], threshold: float = COCHANGE) -> list[list[str]]:
    """Les paires [a, b] (a < b, triées) dont l'indice atteint le seuil."""
    return [list(pair) for pair, ratio in sorted(cochange(commits).items())
            if ratio >= threshold]


def shared_tables(architecture: dict) -> dict[str, list[str]]:
    """Les tables écrites par plusieurs modules, avec ces modules (triés)."""
    writers: dict[str, list[str]] = {}
    for module in architecture["modules"]:
        for table in module["tables_ecrites"]:
            writers.setdefault(table, []).append(module["id"])
    return {table: sorted(mods) for table, mods in sorted(writers.items()) if len(mods) > 1}


def split_problems(architecture: dict, commits: list[set[str]],
                   split: dict[str, str]) -> list[str]:
    """Ce qui ne va pas dans un découpage module → service (liste vide : il est valable).

    Règles : chaque module dans exactement un service ; au moins trois services ; une table
    n'est écrite que par les modules d'un même service ; deux modules qui changent ensemble
    (indice ≥ 0,5) sont dans le même service."""
    modules = [m["id"] for m in architecture["modules"]]
    problems = []
    missing = sorted(set(modules) - set(split))
    unknown = sorted(set(split) - set(modules))
    if missing:
        problems.append(f"modules sans service : {', '.join(missing)}")
    if unknown:
        problems.append(f"modules inconnus : {', '.join(unknown)}")
    if any(not isinstance(s, str) or not s for s in split.values()):
        problems.append("chaque service doit être nommé par un texte non vide")
        return problems
    if len(set(split.values())) < MIN_SERVICES:
        problems.append(f"{len(set(split.values()))} service(s) : il en faut au moins "
                        f"{MIN_SERVICES} pour parler de découpage")
    for table, writers in shared_tables(architecture).items():
        services = sorted({split.get(m, "?") for m in writers})
        if len(services) > 1:
            problems.append(f"la table « {table} » serait écrite par plusieurs services : "
                            f"{', '.join(services)}")
    for a, b in coupled_pairs(commits):
        if split.get(a) != split.get(b):
            problems.append(f"« {a} » et « {b} » changent ensemble mais sont séparés")
    return problems


def _check_journey(architecture: dict, split: dict[str, str]) -> None:
    missing = sorted({call[end] for call in architecture["parcours"]
                      for end in ("appelant", "appele")} - set(split))
    if missing:
        raise GradingError(f"Le découpage ne place pas ces modules du parcours : "
                           f"{', '.join(missing)}.", "Chaque module doit avoir un service.")


def remote_calls(architecture: dict, split: dict[str, str]) -> int:
    """Le nombre d'appels du parcours de réservation qui traversent le réseau (appelant et
    appelé dans deux services différents)."""
    _check_journey(architecture, split)
    return sum(1 for call in architecture["parcours"]
               if split[call["appelant"]] != split[call["appele"]])


def journey_availability(architecture: dict, split: dict[str, str],
                         availability: float = SERVICE_AVAILABILITY) -> float:
    """La disponibilité du parcours quand chaque service qu'il traverse (de façon
    synchrone) est disponible à `availability` : le produit sur les services traversés."""
    _check_journey(architecture, split)
    services = {split[call[end]] for call in architecture["parcours"]
                for end in ("appelant", "appele")}
    return availability ** len(services)


def read_projects(path: str | Path) -> list[dict]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["projets"]


def should_split(project: dict) -> str:
    """« decouper » si plusieurs équipes se gênent sur un domaine stable (besoins de montée
    en charge différents, ou livraisons bloquées au moins deux fois par mois) ; sinon
    « garder-monolithe »."""
    pain = project["besoins_charge_differents"] or project["livraisons_bloquees_par_mois"] >= 2
    if project["equipes"] >= 2 and project["domaine_stable"] and pain:
        return "decouper"
    return "garder-monolithe"
