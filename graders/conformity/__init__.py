"""Conformité au cadre de cohérence technique (CCT) de Cloud Pi Native."""

from .engine import (
    ConformityReport,
    Finding,
    evaluate,
    evaluate_dockerfile,
    evaluate_live,
    live_objects,
    rule_book,
)

__all__ = ["ConformityReport", "Finding", "evaluate", "evaluate_dockerfile", "evaluate_live",
           "live_objects", "rule_book"]
