"""Vérifications des exercices : état du cluster, fichiers, réponses, conformité au CCT.

Chaque vérification renvoie un `CheckResult` qui dit, en français, ce qui était attendu, ce
qui a été constaté et quoi essayer. Les carnets importent seulement ce que liste `__all__`.
"""

from . import (
    backlog,
    business_case,
    cluster,
    conformity,
    coupling,
    culture,
    delivery,
    ephemeral,
    files,
    organisation,
    prioritization,
    value_stream,
)
from .errors import GradingError
from .results import CheckResult, Report, close, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "backlog", "business_case", "close", "cluster",
           "conformity", "coupling", "culture", "delivery", "ephemeral", "failed", "files",
           "organisation", "passed", "plain", "prioritization", "same", "value_stream",
           "wait_for"]
