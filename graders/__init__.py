"""Vérifications des exercices : état du cluster, fichiers, réponses, conformité au CCT.

Chaque vérification renvoie un `CheckResult` qui dit, en français, ce qui était attendu, ce
qui a été constaté et quoi essayer. Les carnets importent seulement ce que liste `__all__`.
"""

from . import (
    access,
    backup,
    canary,
    capacity,
    cluster,
    conformity,
    console,
    files,
    gitops,
    network,
    pipelines,
    testsuites,
)
from .errors import GradingError
from .results import CheckResult, Report, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "access", "backup", "canary", "capacity",
           "cluster", "conformity", "console", "failed", "files", "gitops", "network",
           "passed", "pipelines", "plain", "same", "testsuites", "wait_for"]
