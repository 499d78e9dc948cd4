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


def plain(value: object, what: str = "votre réponse") -> object:
    """Rebuild `value` from JSON: only plain numbers, texts, lists and dictionaries survive.

    An object that pretends to be equal to everything (a custom `__eq__`) is refused or
    reduced to its plain content, so comparisons are made on facts.
    """
    try:
        return json.loads(json.dumps(value))
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
