"""Backlog prioritisation: cost of delay, WSJF and sequencing (reference computations).

WSJF (Weighted Shortest Job First, as in SAFe) = cost of delay / job size, where the cost
of delay is the sum of three relative scores: business value, time criticality and risk
reduction / opportunity enablement. Sequencing serves the highest WSJF first among the
features whose prerequisites are done. The cost of delay of a plan, in euros, adds for each
feature its weekly cost of delay times the week it is delivered (one team, one feature at a
time).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

COD_PARTS = ("valeur_metier", "urgence", "reduction_risque")


def read_backlog(path: str | Path) -> list[dict]:
    """Lire le backlog (CSV) : nombres convertis, prérequis en liste, échéance ou None."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    features = []
    for row in rows:
        feature = dict(row)
        for key in (*COD_PARTS, "taille", "duree_semaines", "cout_retard_semaine"):
            feature[key] = int(row[key])
        feature["prerequis"] = [p for p in row["prerequis"].split(";") if p]
        feature["echeance_semaine"] = int(row["echeance_semaine"]) if row[
            "echeance_semaine"] else None
        features.append(feature)
    return features


def cost_of_delay(feature: Mapping) -> int:
    """Coût du retard relatif : valeur métier + urgence + réduction de risque."""
    return sum(int(feature[part]) for part in COD_PARTS)


def wsjf(features: Iterable[Mapping], digits: int = 2) -> dict[str, float]:
    """WSJF de chaque feature : coût du retard divisé par la taille, arrondi."""
    return {f["id"]: round(cost_of_delay(f) / int(f["taille"]), digits) for f in features}


def sequence(scores: Mapping[str, float], prerequisites: Mapping[str, list[str]]) -> list[str]:
    """Ordre de réalisation : à chaque pas, la feature prête de plus fort score.

    Prête : tous ses prérequis sont déjà réalisés. À score égal, le plus petit identifiant
    passe d'abord. Une dépendance circulaire ou inconnue arrête le calcul (ValueError).
    """
    done: list[str] = []
    remaining = set(scores)
    while remaining:
        ready = [f for f in remaining
                 if all(p in done for p in prerequisites.get(f, []))]
        if not ready:
            raise ValueError(f"prérequis impossibles à satisfaire : {sorted(remaining)}")
        chosen = min(ready, key=lambda f: (-scores[f], f))
        done.append(chosen)
        remaining.remove(chosen)
    return done


def finish_weeks(order: Iterable[str], durations: Mapping[str, int]) -> dict[str, int]:
    """Semaine de livraison de chaque feature, réalisées l'une après l'autre."""
    week, finished = 0, {}
    for feature in order:
        week += int(durations[feature])
        finished[feature] = week
    return finished


def late(order: Iterable[str], durations: Mapping[str, int],
         deadlines: Mapping[str, int | None]) -> list[str]:
    """Les features livrées après leur échéance, dans l'ordre du plan."""
    return [f for f, week in finish_weeks(order, durations).items()
            if deadlines.get(f) is not None and week > deadlines[f]]


def total_cost_of_delay(order: Iterable[str], durations: Mapping[str, int],
                        weekly_cost: Mapping[str, int]) -> int:
    """Coût du retard total d'un plan (euros) : somme des coût/semaine × semaine de livraison."""
    return sum(int(weekly_cost[f]) * week for f, week in finish_weeks(order, durations).items())


def fifo(features: Iterable[Mapping]) -> list[str]:
    """L'ordre d'arrivée dans le backlog (premier arrivé, premier servi)."""
    return [f["id"] for f in sorted(features, key=lambda f: (f["entree"], f["id"]))]
