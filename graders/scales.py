"""Échelles des auto-évaluations ramenées sur 0–10 (calculs de référence, sans état).

Conventions du « Quick Check » de DORA : une échelle ordinale de n choix va de 0 (premier
choix) à 10 (dernier choix) ; un pourcentage d'échecs est inversé (0 % vaut 10) ; une échelle
de Likert de n points va de 0 (1) à 10 (n). Les réponses « je ne sais pas » (None) sont
écartées des moyennes.
"""

from __future__ import annotations

from collections.abc import Iterable


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} : un nombre est attendu, reçu {value!r}.")
    return float(value)


def ordinal_to_10(position: int, choices: int) -> float:
    """Position (1 = premier choix) sur une échelle de `choices` choix, ramenée sur 0–10.

    >>> ordinal_to_10(1, 6), ordinal_to_10(6, 6)
    (0.0, 10.0)
    """
    position = int(_number(position, "position"))
    if choices < 2 or not 1 <= position <= choices:
        raise ValueError(f"position {position} hors de l'échelle 1–{choices}.")
    return round((position - 1) * 10 / (choices - 1), 2)


def percent_to_10(percent: float, higher_is_better: bool = False) -> float:
    """Un pourcentage ramené sur 0–10 ; un taux d'échec est inversé (0 % vaut 10)."""
    percent = _number(percent, "pourcentage")
    if not 0 <= percent <= 100:
        raise ValueError(f"pourcentage {percent} hors de 0–100.")
    return round(percent / 10 if higher_is_better else (100 - percent) / 10, 2)


def likert_to_10(value: int, points: int) -> float:
    """Une réponse de 1 à `points` sur une échelle de Likert, ramenée sur 0–10."""
    return ordinal_to_10(value, points)


def mean(values: Iterable[float | None]) -> float | None:
    """Moyenne arrondie à 2 décimales des valeurs connues (None = « je ne sais pas »)."""
    known = [float(v) for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def westrum_score(items: Iterable[int | None]) -> float | None:
    """Score de culture de Westrum : moyenne des six items (1 à 7), sans les « je ne sais pas »."""
    return mean(items)
