"""The result of a check: what was expected, what was found, what to try — in French."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import GradingError


@dataclass(frozen=True)
class CheckResult:
    """One verified fact. `require()` turns a failure into an AssertionError (hidden tests)."""

    ok: bool
    what: str
    expected: str = ""
    found: str = ""
    hint: str = ""
    final: bool = False  # waiting cannot change the outcome (e.g. the object does not exist)

    def message(self) -> str:
        if self.ok:
            return f"✅ {self.what}"
        lines = [f"❌ {self.what}"]
        if self.expected:
            lines.append(f"   attendu  : {self.expected}")
        if self.found:
            lines.append(f"   constaté : {self.found}")
        if self.hint:
            lines.append(f"   piste    : {self.hint}")
        return "\n".join(lines)

    def require(self) -> CheckResult:
        if not self.ok:
            raise AssertionError(self.message())
        return self

    def __str__(self) -> str:
        return self.message()

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython display
        printer.text(self.message())


def passed(what: str) -> CheckResult:
    return CheckResult(True, what)


def failed(what: str, expected: str, found: str, hint: str = "",
           final: bool = False) -> CheckResult:
    return CheckResult(False, what, expected, found, hint, final)


@dataclass(frozen=True)
class Report:
    """Several results shown together; `require()` fails on the first failure."""

    results: tuple[CheckResult, ...]

    @classmethod
    def of(cls, results: Iterable[CheckResult]) -> Report:
        return cls(tuple(results))

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def message(self) -> str:
        return "\n".join(r.message() for r in self.results)

    def require(self) -> Report:
        failures = [r for r in self.results if not r.ok]
        if failures:
            raise AssertionError("\n".join(r.message() for r in failures))
        return self

    def __str__(self) -> str:
        return self.message()

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.message())


def _numpy_scalar(value: object) -> object:
    """numpy and pandas numbers (`numpy.int64`…) and arrays become plain Python values."""
    if type(value).__module__.split(".")[0] == "numpy" and hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not a plain value")


def plain(value: object, what: str = "votre réponse") -> object:
    """Rebuild `value` from JSON: only plain numbers, texts, lists and dictionaries survive.

    An object that pretends to be equal to everything (a custom `__eq__`) is refused or
    reduced to its plain content, so comparisons are made on facts. numpy numbers (what
    pandas computes) are taken as the plain numbers they hold.
    """
    try:
        return json.loads(json.dumps(value, default=_numpy_scalar))
    except (TypeError, ValueError) as error:
        raise GradingError(
            f"{what.capitalize()} doit être une valeur simple (nombre, texte, liste ou "
            f"dictionnaire) ; reçu un objet de type {type(value).__name__}.",
            "Renvoyez une valeur Python ordinaire, par exemple 3, \"texte\" ou {\"clé\": 1}.",
        ) from error


def same(answer: object, expected: object, what: str, hint: str = "") -> CheckResult:
    """Compare a learner's answer with the expected plain value (types included)."""
    try:
        value = plain(answer, what)
    except GradingError as error:
        return failed(what, repr(expected), error.message, hint)
    if type(value) is type(expected) and value == expected:
        return passed(what)
    return failed(what, repr(expected), repr(value), hint)


def _numbers(value: object, what: str) -> object:
    """Plain data where every number is a float (NumPy and pandas scalars included)."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if type(value) is bool or type(value) is str or value is None:
        return value
    if type(value) in (int, float):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _numbers(v, what) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_numbers(v, what) for v in value]
    raise GradingError(
        f"{what.capitalize()} doit contenir des valeurs simples (nombres, textes, listes, "
        f"dictionnaires) ; reçu un objet de type {type(value).__name__}.",
        "Convertissez le résultat, par exemple avec float(x) ou .to_dict().",
    )


def _differences(answer: object, expected: object, tolerance: float, path: str,
                 relative: float = 0.0) -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(answer, dict):
            return [f"{path or 'la réponse'} : un dictionnaire était attendu"]
        if set(answer) != set(expected):
            return [f"{path or 'clés'} : {sorted(answer)} au lieu de {sorted(expected)}"]
        return [d for k in expected
                for d in _differences(answer[k], expected[k], tolerance, f"{path}[{k!r}]",
                                      relative)]
    if isinstance(expected, list):
        if not isinstance(answer, list) or len(answer) != len(expected):
            return [f"{path or 'la réponse'} : une liste de {len(expected)} éléments attendue"]
        return [d for i, (a, e) in enumerate(zip(answer, expected, strict=True))
                for d in _differences(a, e, tolerance, f"{path}[{i}]", relative)]
    if type(expected) is float:
        margin = max(tolerance, relative * abs(expected))
        if type(answer) is float and math.isfinite(answer) and abs(answer - expected) <= margin:
            return []
        return [f"{path or 'valeur'} : {answer!r} au lieu de {expected!r}"]
    if type(answer) is type(expected) and answer == expected:
        return []
    return [f"{path or 'valeur'} : {answer!r} au lieu de {expected!r}"]


def close(answer: object, expected: object, what: str, hint: str = "",
          tolerance: float = 1e-6, relative: float = 0.0) -> CheckResult:
    """Compare une réponse numérique (nombre, liste ou dictionnaire de nombres) à la valeur
    attendue, à `tolerance` près sur chaque nombre (ou `relative` × |attendu| si c'est plus
    large) ; textes et booléens à l'identique.

    Les nombres de NumPy ou de pandas sont acceptés ; un objet qui prétend être égal à tout
    est refusé.
    """
    try:
        value = _numbers(answer, what)
    except GradingError as error:
        return failed(what, "des valeurs simples", error.message, hint)
    reference = _numbers(expected, "la valeur attendue")
    differences = _differences(value, reference, tolerance, "", relative)
    if not differences:
        return passed(what)
    shown = "; ".join(differences[:4]) + (" ; …" if len(differences) > 4 else "")
    return failed(what, f"les valeurs attendues (à {tolerance:g} près)", shown, hint)
