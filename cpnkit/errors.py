"""Errors of the kit's top layer: a French message, a hint and an exit code."""

from __future__ import annotations


class KitError(Exception):
    """Root error of cpnkit."""

    exit_code = 4

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n→ {self.hint}"

    def _render_traceback_(self) -> list[str]:
        """In a notebook, show the message and the hint, not a stack trace."""
        return [f"⛔ {self.message}"] + ([f"→ {self.hint}"] if self.hint else [])


class CurriculumError(KitError):
    """A file of `paths/` does not match its schema, or names something that does not exist."""


class UnknownModule(CurriculumError):
    """A module id that the catalogue does not know."""
