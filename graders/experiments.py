"""Expériences A/B : taux par variante, test de deux proportions, décision.

Les calculs de référence du module « mvp-et-hypotheses ». Ils relisent le fichier de données
(CSV) eux-mêmes : la correction ne dépend jamais d'un objet construit par l'apprenant.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

DECISIONS = ("generaliser", "iterer", "abandonner")


def read_sessions(path: str | Path) -> list[dict]:
    """Lire le fichier des sessions : une ligne par session, champs 0/1 convertis en int."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for field in ("termine", "assistance", "duree_s"):
            row[field] = int(row[field])
    return rows


def rates(rows: list[dict], metric: str) -> dict[str, dict]:
    """Par variante : nombre de sessions, nombre de succès (`metric` = 1) et taux."""
    table: dict[str, dict] = {}
    for row in rows:
        entry = table.setdefault(row["variante"], {"sessions": 0, "succes": 0})
        entry["sessions"] += 1
        entry["succes"] += row[metric]
    for entry in table.values():
        entry["taux"] = entry["succes"] / entry["sessions"]
    return dict(sorted(table.items()))


@dataclass(frozen=True)
class ProportionTest:
    """Test bilatéral de deux proportions (z, hypothèse nulle d'égalité des taux)."""

    difference: float  # taux B − taux A
    z: float
    p_value: float
    ci_low: float  # intervalle de confiance à 95 % de la différence (Wald, non poolé)
    ci_high: float
    p_value_yates: float  # le même test avec la correction de continuité de Yates


def two_proportions(success_a: int, n_a: int, success_b: int, n_b: int) -> ProportionTest:
    """Comparer deux proportions : différence, z, p-valeur bilatérale et IC à 95 %.

    La p-valeur est celle de `scipy.stats.chi2_contingency(..., correction=False)` sur le
    tableau 2×2 (les deux tests sont équivalents)."""
    from scipy import stats  # imported here: scipy is slow to import and rarely needed

    p_a, p_b = success_a / n_a, success_b / n_b
    pooled = (success_a + success_b) / (n_a + n_b)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (p_b - p_a) / se_pooled
    p_value = float(2 * stats.norm.sf(abs(z)))
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    quantile = float(stats.norm.ppf(0.975))
    table = [[success_a, n_a - success_a], [success_b, n_b - success_b]]
    yates = stats.chi2_contingency(table, correction=True)[1]
    return ProportionTest(p_b - p_a, z, float(p_value), p_b - p_a - quantile * se,
                          p_b - p_a + quantile * se, float(yates))


def compare(rows: list[dict], metric: str) -> ProportionTest:
    """Le test de deux proportions de B contre A pour la colonne `metric`."""
    table = rates(rows, metric)
    a, b = table["A"], table["B"]
    return two_proportions(a["succes"], a["sessions"], b["succes"], b["sessions"])


def decide(main: ProportionTest, guardrail: ProportionTest, minimal_effect: float,
           alpha: float) -> str:
    """La règle de décision du module.

    - « abandonner » : pas de différence significative sur la métrique principale
      (p ≥ α) ou une différence significative dans le mauvais sens ;
    - « iterer » : amélioration significative mais plus petite que l'effet minimal, ou
      garde-fou significativement dégradé (hausse) ;
    - « generaliser » : amélioration significative, au moins égale à l'effet minimal, et
      garde-fou non dégradé.
    """
    if main.p_value >= alpha or main.difference <= 0:
        return "abandonner"
    guardrail_worse = guardrail.p_value < alpha and guardrail.difference > 0
    if main.difference < minimal_effect or guardrail_worse:
        return "iterer"
    return "generaliser"


def effect_by_segment(rows: list[dict], metric: str, segment: str) -> dict[str, float]:
    """Différence de taux (B − A) dans chaque valeur de la colonne `segment`."""
    values = sorted({row[segment] for row in rows})
    result = {}
    for value in values:
        table = rates([r for r in rows if r[segment] == value], metric)
        result[value] = table["B"]["taux"] - table["A"]["taux"]
    return result
