"""Vérifications des exercices : état du cluster, fichiers, réponses, conformité au CCT.

Chaque vérification renvoie un `CheckResult` qui dit, en français, ce qui était attendu, ce
qui a été constaté et quoi essayer. Les carnets importent seulement ce que liste `__all__`.
"""

from . import cluster, conformity, dockerfiles, files, performance, sizing, testing
from .errors import GradingError
from .results import CheckResult, Report, close, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "close", "cluster", "conformity", "dockerfiles",
           "failed", "files", "passed", "performance", "plain", "same", "sizing", "testing",
           "wait_for"]
