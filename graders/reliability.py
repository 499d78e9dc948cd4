"""Reliability arithmetic: service level indicators, objectives and error budgets.

Reference computations for the graders (and for trainers who want to check a learner's
numbers by hand). Pure functions on plain numbers: no cluster, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import GradingError


def _check_objective(objective: float) -> None:
    if not 0 < objective < 1:
        raise GradingError(f"Objectif de SLO invalide : {objective}.",
                           "Un objectif est une proportion strictement entre 0 et 1, "
                           "par exemple 0.995 pour 99,5 %.")


def sli(good: int, total: int) -> float:
    """Indicateur de niveau de service : la part des événements « bons » (entre 0 et 1).

    Sans aucun événement, l'indicateur vaut 1 : rien n'a échoué.
    """
    if total < 0 or not 0 <= good <= total:
        raise GradingError(f"Comptes incohérents : {good} bons sur {total}.",
                           "Le nombre de bons événements est compris entre 0 et le total.")
    return 1.0 if total == 0 else good / total


def allowed_failures(total: int, objective: float) -> float:
    """Le budget d'erreur en nombre d'événements : ce que l'objectif autorise à échouer,
    (1 − objectif) × total."""
    _check_objective(objective)
    return (1 - objective) * total


def budget_consumed(bad: int, total: int, objective: float) -> float:
    """La part du budget d'erreur déjà consommée (1,0 = tout le budget ; plus de 1 : SLO
    manqué)."""
    budget = allowed_failures(total, objective)
    return 0.0 if budget == 0 else bad / budget


def burn_rate(bad: int, total: int, objective: float) -> float:
    """Le taux de combustion : le taux d'échec observé divisé par le taux que l'objectif
    autorise. 1 : le budget s'épuise exactement à la fin de la fenêtre ; 2 : deux fois plus
    vite."""
    _check_objective(objective)
    return (1 - sli(total - bad, total)) / (1 - objective)


def days_left(consumed: float, rate: float, window_days: float) -> float | None:
    """Jours avant l'épuisement du budget au rythme `rate` (None si le rythme est nul)."""
    if rate <= 0:
        return None
    return max(0.0, (1 - consumed) * window_days / rate)


@dataclass(frozen=True)
class Window:
    """Totals of a log over a window: events, failures (5xx) and slow answers."""

    requests: int
    errors: int
    slow: int

    @classmethod
    def of(cls, rows: Iterable[Mapping[str, object]]) -> Window:
        """Sum the columns `requetes`, `erreurs_5xx` and `lentes` of a log."""
        requests = errors = slow = 0
        for row in rows:
            requests += int(row["requetes"])
            errors += int(row["erreurs_5xx"])
            slow += int(row["lentes"])
        return cls(requests, errors, slow)

    @property
    def availability(self) -> float:
        return sli(self.requests - self.errors, self.requests)

    @property
    def latency(self) -> float:
        return sli(self.requests - self.slow, self.requests)


def proportion_below(samples: Iterable[float], threshold: float) -> float:
    """La part des mesures strictement inférieures au seuil (entre 0 et 1)."""
    values = list(samples)
    if not values:
        raise GradingError("Aucune mesure : impossible de calculer une proportion.",
                           "Mesurez d'abord quelques appels.")
    return sum(1 for v in values if v < threshold) / len(values)
