"""Numbers computed by learners, compared with a tolerance (types and structure included)."""

from __future__ import annotations

from .errors import GradingError
from .results import CheckResult, failed, passed, plain

DEFAULT_TOLERANCE = 0.011  # a value rounded to 2 decimals, plus floating-point noise


def _is_number(value: object) -> bool:
    return type(value) in (int, float)


def _differences(value: object, expected: object, tolerance: float, where: str) -> list[str]:
    """What differs between a plain value and the expected one ("" at the root)."""
    label = where or "la valeur"
    if _is_number(expected):
        if not _is_number(value):
            return [f"{label} : un nombre attendu, reçu {value!r}"]
        if abs(value - expected) > tolerance:
            return [f"{label} : {value!r} au lieu de {expected!r}"]
        return []
    if isinstance(expected, dict):
        if not isinstance(value, dict):
            return [f"{label} : un dictionnaire attendu, reçu {type(value).__name__}"]
        missing, extra = sorted(set(expected) - set(value)), sorted(set(value) - set(expected))
        if missing or extra:
            parts = ([f"clé(s) manquante(s) {missing}"] if missing else []) + (
                [f"clé(s) en trop {extra}"] if extra else [])
            return [f"{label} : {', '.join(parts)}"]
        return [d for key in expected
                for d in _differences(value[key], expected[key], tolerance,
                                      f"{where}[{key!r}]")]
    if isinstance(expected, list):
        if not isinstance(value, list):
            return [f"{label} : une liste attendue, reçu {type(value).__name__}"]
        if len(value) != len(expected):
            return [f"{label} : {len(expected)} élément(s) attendu(s), {len(value)} reçu(s)"]
        return [d for index, (v, e) in enumerate(zip(value, expected, strict=True))
                for d in _differences(v, e, tolerance, f"{where}[{index}]")]
    if type(value) is not type(expected) or value != expected:
        return [f"{label} : {value!r} au lieu de {expected!r}"]
    return []


def close(answer: object, expected: object, what: str, hint: str = "",
          tolerance: float = DEFAULT_TOLERANCE) -> CheckResult:
    """Comparer une réponse chiffrée à la valeur attendue, à `tolerance` près.

    Nombres (int ou float, jamais bool), textes, listes et dictionnaires imbriqués : la
    structure doit être la même (mêmes clés, mêmes longueurs), chaque nombre à `tolerance`
    près (par défaut, une valeur arrondie à 2 décimales). La réponse est d'abord réduite à des
    valeurs simples, si bien qu'un objet « égal à tout » ne passe pas.
    """
    try:
        value = plain(answer, what)
    except GradingError as error:
        return failed(what, "une valeur simple", error.message, hint)
    problems = _differences(value, expected, tolerance, "")
    if not problems:
        return passed(what)
    shown = problems[:4] + ([f"… et {len(problems) - 4} autre(s) écart(s)"]
                            if len(problems) > 4 else [])
    return failed(what, f"{expected!r} (à {tolerance:g} près)",
                  "\n              ".join(shown), hint)
