"""Checks of classification and ordering answers that do not give the answer away.

A failed check names the items that are wrong (or the first misplaced position), never the
expected value, so a learner can run the visible check as often as they like.
"""

from __future__ import annotations

from .errors import GradingError
from .results import CheckResult, failed, passed, plain


def classified(answer: object, expected: dict, what: str, hint: str = "") -> CheckResult:
    """Compare a dictionary « élément → catégorie » with the expected one, types included."""
    try:
        value = plain(answer, what)
    except GradingError as error:
        return failed(what, "un dictionnaire", error.message, hint)
    if type(value) is not dict:
        return failed(what, "un dictionnaire", type(value).__name__, hint)
    missing = sorted(k for k in expected if k not in value)
    extra = sorted(k for k in value if k not in expected)
    if missing or extra:
        found = "; ".join(filter(None, [
            f"clé(s) absente(s) : {', '.join(missing)}" if missing else "",
            f"clé(s) en trop : {', '.join(extra)}" if extra else ""]))
        return failed(what, f"les clés {', '.join(sorted(expected))}", found, hint)
    wrong = sorted(k for k, v in expected.items()
                   if type(value[k]) is not type(v) or value[k] != v)
    if wrong:
        return failed(what, "une bonne réponse pour chaque élément",
                      f"{len(wrong)} réponse(s) à revoir : {', '.join(wrong)}", hint)
    return passed(what)


def ordered(answer: object, expected: list, what: str, hint: str = "") -> CheckResult:
    """Compare a list with the expected order; say only where the first difference is."""
    try:
        value = plain(answer, what)
    except GradingError as error:
        return failed(what, "une liste", error.message, hint)
    if type(value) is not list:
        return failed(what, "une liste", type(value).__name__, hint)
    if sorted(map(str, value)) != sorted(map(str, expected)):
        return failed(what, f"les {len(expected)} éléments proposés, chacun une fois",
                      f"{len(value)} élément(s), pas exactement ceux proposés", hint)
    for position, (got, want) in enumerate(zip(value, expected, strict=True), start=1):
        if got != want:
            return failed(what, "le bon ordre", f"première erreur en position {position} "
                          f"({got})", hint)
    return passed(what)
