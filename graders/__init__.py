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
    dockerfiles,
    files,
    images,
    organisation,
    performance,
    reliability,
    sizing,
    testing,
)
from .errors import GradingError
from .results import CheckResult, Report, close, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "backlog", "business_case", "close", "cluster",
           "conformity", "coupling", "delivery", "dependencies", "disruption", "dockerfiles",
           "failed", "files", "images", "organisation", "passed", "performance", "plain",
           "reliability", "same", "sizing", "testing", "wait_for"]
