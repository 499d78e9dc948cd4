"""Tirages reproductibles pour les jeux de données du kit.

Seule la méthode `random()` de `random.Random` est garantie identique d'une version de Python
à l'autre : toutes les autres lois (choix, loi normale, loi exponentielle) en sont dérivées
ici, pour que les fichiers régénérés restent identiques octet pour octet.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class Seeded:
    """Un générateur aléatoire à graine fixe, stable entre versions de Python."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def uniform(self, low: float = 0.0, high: float = 1.0) -> float:
        return low + (high - low) * self._rng.random()

    def chance(self, probability: float) -> bool:
        return self._rng.random() < probability

    def integer(self, low: int, high: int) -> int:
        """Un entier de `low` à `high` inclus."""
        return low + min(int(self._rng.random() * (high - low + 1)), high - low)

    def choice(self, items: Sequence[T]) -> T:
        return items[self.integer(0, len(items) - 1)]

    def normal(self, mean: float = 0.0, sd: float = 1.0) -> float:
        """Loi normale (Box-Muller)."""
        u1 = max(self._rng.random(), 1e-12)
        u2 = self._rng.random()
        return mean + sd * math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def lognormal(self, median: float, spread: float) -> float:
        """Loi log-normale de médiane `median` (spread : écart type du logarithme)."""
        return median * math.exp(self.normal(0.0, spread))

    def exponential(self, mean: float) -> float:
        return -mean * math.log(max(1.0 - self._rng.random(), 1e-12))
