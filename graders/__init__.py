"""Vérifications des exercices : état du cluster, fichiers, réponses, conformité au CCT.

Chaque vérification renvoie un `CheckResult` qui dit, en français, ce qui était attendu, ce
qui a été constaté et quoi essayer. Les carnets importent seulement ce que liste `__all__`.
"""

from . import (
    bdd,
    cluster,
    conformity,
    decisions,
    experiments,
    files,
    microservices,
    organisation,
)
from .errors import GradingError
from .numbers import close, native
from .results import CheckResult, Report, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "bdd", "close", "cluster", "conformity",
           "decisions", "experiments", "failed", "files", "microservices", "native",
           "organisation", "passed", "plain", "same", "wait_for"]
