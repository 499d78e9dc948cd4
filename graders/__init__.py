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
    delivery,
    files,
    organisation,
    scales,
)
from .classification import classified, ordered
from .errors import GradingError
from .results import CheckResult, Report, close, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "backlog", "business_case", "classified",
           "close", "cluster", "conformity", "coupling", "delivery", "failed", "files", "ordered",
           "organisation", "passed", "plain", "same", "scales", "wait_for"]
