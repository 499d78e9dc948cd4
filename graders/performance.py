"""Performance references: latency percentiles, per-endpoint summaries, SLO and error budget.

Pure functions on plain numbers, used by the graders to recompute what a learner computed
from a data set. Percentiles use linear interpolation between the closest ranks, the default
of `numpy.percentile` and `pandas.Series.quantile`, so a learner may use either.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from .errors import GradingError

DEFAULT_PERCENTILES = (50, 95, 99)


def _values(values: Iterable[float]) -> list[float]:
    data = sorted(float(v) for v in values)
    if not data:
        raise GradingError("Impossible de calculer un percentile sur une série vide.",
                           "Vérifiez le filtre appliqué aux mesures.")
    if any(math.isnan(v) for v in data):
        raise GradingError("La série contient des valeurs manquantes (NaN).",
                           "Retirez-les avant le calcul, par exemple avec dropna().")
    return data


def percentile(values: Iterable[float], q: float) -> float:
    """Le percentile `q` (entre 0 et 100) d'une série, par interpolation linéaire.

    C'est la méthode par défaut de `numpy.percentile` et de `pandas.Series.quantile` :
    p95 est la valeur sous laquelle tombent 95 % des mesures.
    """
    if not 0 <= q <= 100:
        raise GradingError(f"Percentile hors bornes : {q}.", "Choisissez q entre 0 et 100.")
    data = _values(values)
    position = (len(data) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (position - low)


def percentiles(values: Iterable[float], qs: Sequence[float] = DEFAULT_PERCENTILES,
                decimals: int | None = None) -> dict[str, float]:
    """Plusieurs percentiles d'une série : {"p50": …, "p95": …, "p99": …}.

    `decimals` arrondit chaque valeur (None : pas d'arrondi).
    """
    data = _values(values)
    result = {}
    for q in qs:
        value = percentile(data, q)
        result[f"p{q:g}"] = round(value, decimals) if decimals is not None else value
    return result


def latency_summary(rows: Iterable[Mapping], key: str = "endpoint",
                    duration: str = "duree_ms", status: str = "statut",
                    qs: Sequence[float] = DEFAULT_PERCENTILES,
                    decimals: int | None = 1) -> dict[str, dict]:
    """Résumé des latences par groupe (par défaut par endpoint).

    Pour chaque groupe : nombre de requêtes, taux d'erreur (statut >= 500) et percentiles de
    durée. `rows` est une suite de dictionnaires (par exemple `df.to_dict("records")`).
    """
    groups: dict[str, list[Mapping]] = {}
    for row in rows:
        groups.setdefault(str(row[key]), []).append(row)
    summary = {}
    for name, items in sorted(groups.items()):
        errors = sum(1 for r in items if int(r[status]) >= 500)
        summary[name] = {
            "requetes": len(items),
            "taux_erreur": errors / len(items),
            **percentiles([r[duration] for r in items], qs, decimals),
        }
    return summary


def slo_report(durations: Sequence[float], statuses: Sequence[int], threshold_ms: float,
               target: float) -> dict[str, float | bool | int]:
    """Un SLO de latence et de disponibilité, et son budget d'erreur.

    Une requête est « bonne » si elle réussit (statut < 500) en au plus `threshold_ms`.
    `target` est la part de bonnes requêtes visée (0.99 pour 99 %). Le budget d'erreur est
    la part de mauvaises requêtes permise (1 - target) ; `budget_consomme` en est la
    fraction déjà utilisée (1.0 : budget épuisé ; au-delà : SLO non tenu).
    """
    if len(durations) != len(statuses) or not durations:
        raise GradingError("Il faut autant de durées que de statuts, et au moins une requête.",
                           "Passez les deux colonnes du même tableau de mesures.")
    if not 0 < target < 1:
        raise GradingError(f"Objectif de SLO invalide : {target}.",
                           "Donnez une proportion entre 0 et 1, par exemple 0.99.")
    good = sum(1 for d, s in zip(durations, statuses, strict=True)
               if int(s) < 500 and float(d) <= threshold_ms)
    total = len(durations)
    bad_fraction = (total - good) / total
    budget = 1 - target
    return {
        "requetes": total,
        "bonnes": good,
        "sli": good / total,
        "respecte": good / total >= target,
        "budget_consomme": bad_fraction / budget,
    }
