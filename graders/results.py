"""The result of a check: what was expected, what was found, what to try — in French."""

from __future__ import annotations

import json
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


def _difference(answer: object, expected: object, tolerance: float, where: str) -> str | None:
    """Where `answer` differs from `expected` (numbers within `tolerance`), or None."""
    number = (int, float)
    if isinstance(expected, number) and not isinstance(expected, bool):
        if (isinstance(answer, number) and not isinstance(answer, bool)
                and abs(answer - expected) <= tolerance):
            return None
        return f"{where}{answer!r} au lieu de {expected!r}"
    if isinstance(expected, dict):
        if not isinstance(answer, dict):
            return f"{where}un dictionnaire était attendu, reçu {type(answer).__name__}"
        missing = [k for k in expected if k not in answer]
        extra = [k for k in answer if k not in expected]
        if missing or extra:
            parts = ([f"clés manquantes {missing}"] if missing else []) + (
                [f"clés en trop {extra}"] if extra else [])
            return where + ", ".join(parts)
        for key in expected:
            found = _difference(answer[key], expected[key], tolerance, f"{where}[{key!r}] : ")
            if found:
                return found
        return None
    if isinstance(expected, list):
        if not isinstance(answer, list) or len(answer) != len(expected):
            return f"{where}{answer!r} au lieu de {expected!r}"
        for index, (a, e) in enumerate(zip(answer, expected, strict=True)):
            found = _difference(a, e, tolerance, f"{where}[{index}] : ")
            if found:
                return found
        return None
    if type(answer) is type(expected) and answer == expected:
        return None
    return f"{where}{answer!r} au lieu de {expected!r}"


def close(answer: object, expected: object, what: str, tolerance: float = 0.05,
          hint: str = "") -> CheckResult:
    """Compare a learner's answer with the expected value, numbers within `tolerance`.

    Dictionaries and lists are compared element by element (same keys, same length); texts
    and booleans must be equal. Made for computed figures a learner may round.
    """
    try:
        value = plain(answer, what)
    except GradingError as error:
        return failed(what, repr(expected), error.message, hint)
    found = _difference(value, expected, tolerance, "")
    if found is None:
        return passed(what)
    return failed(what, f"{expected!r} (à {tolerance:g} près)", found, hint)
