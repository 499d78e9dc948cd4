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
    dependencies,
    disruption,
    files,
    images,
    organisation,
    reliability,
)
from .errors import GradingError
from .results import CheckResult, Report, close, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "backlog", "business_case", "close", "cluster",
           "conformity", "coupling", "delivery", "dependencies", "disruption", "failed", "files",
           "images", "organisation", "passed", "plain", "reliability", "same", "wait_for"]
