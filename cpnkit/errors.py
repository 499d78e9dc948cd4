"""Errors of the kit's top layer."""

from __future__ import annotations

from sandbox.errors import FrenchError


class KitError(FrenchError):
    """Root error of cpnkit."""

    exit_code = 4


class CurriculumError(KitError):
    """A file of `paths/` does not match its schema, or names something that does not exist."""


class UnknownModule(CurriculumError):
    """A module id that the catalogue does not know."""
