"""Errors of the graders package: a French message, a hint and an exit code."""

from __future__ import annotations


class GradingError(Exception):
    """Root error of graders: the input cannot be graded (not a wrong answer)."""

    exit_code = 4

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n→ {self.hint}"

    def _render_traceback_(self) -> list[str]:
        return [f"⛔ {self.message}"] + ([f"→ {self.hint}"] if self.hint else [])
