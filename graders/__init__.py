"""Vérifications des exercices : état du cluster, fichiers, réponses, conformité au CCT.

Chaque vérification renvoie un `CheckResult` qui dit, en français, ce qui était attendu, ce
qui a été constaté et quoi essayer. Les carnets importent seulement ce que liste `__all__`.
"""

from . import cluster, conformity, files, scales
from .classification import classified, ordered
from .errors import GradingError
from .results import CheckResult, Report, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "classified", "cluster", "conformity",
           "failed", "files", "ordered", "passed", "plain", "same", "scales", "wait_for"]
