"""Errors of the graders package."""

from __future__ import annotations

from sandbox.errors import FrenchError


class GradingError(FrenchError):
    """Root error of graders: the input cannot be graded (not a wrong answer)."""

    exit_code = 4
