"""Comparer des nombres calculés par l'apprenant à une valeur recalculée, avec une tolérance."""

from __future__ import annotations

import math
import sys

from .errors import GradingError
from .results import CheckResult, failed, passed, plain


def native(value: object) -> object:
    """Convertir les nombres numpy (int64, float64, bool_) en nombres Python, dans les
    listes, tuples et dictionnaires aussi ; tout autre objet est rendu tel quel (et `same`
    ou `close` le refuseront s'il n'est pas une valeur simple)."""
    numpy = sys.modules.get("numpy")  # no numpy value can exist if numpy was never imported
    if numpy is not None and isinstance(value, numpy.generic):
        return value.item()
    if isinstance(value, dict):
        return {native(k): native(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [native(v) for v in value]
    return value


def close(answer: object, expected: float, what: str, hint: str = "",
          tolerance: float = 1e-6, relative: float = 0.0) -> CheckResult:
    """Vérifier qu'une réponse est un nombre (int ou float, jamais un booléen) proche de
    `expected` : écart ≤ `tolerance`, ou ≤ `relative` × |attendu| si c'est plus large."""
    try:
        value = plain(native(answer), what)
    except GradingError as error:
        return failed(what, f"≈ {expected:.6g}", error.message, hint)
    if type(value) not in (int, float) or not math.isfinite(value):
        return failed(what, f"un nombre ≈ {expected:.6g}", repr(value), hint)
    margin = max(tolerance, relative * abs(expected))
    if abs(value - expected) <= margin:
        return passed(what)
    return failed(what, f"≈ {expected:.6g} (à {margin:.2g} près)", f"{value:.6g}", hint)
