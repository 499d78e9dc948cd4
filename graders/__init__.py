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
    gitrepo,
    images,
    logs,
    mutation,
    organisation,
    overlays,
    performance,
    reliability,
    sizing,
    stories,
    testing,
    toggles,
)
from .errors import GradingError
from .results import CheckResult, Report, close, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "backlog", "business_case", "close", "cluster",
           "conformity", "coupling", "delivery", "dependencies", "disruption", "dockerfiles",
           "failed", "files", "gitrepo", "images", "logs", "mutation", "organisation", "overlays",
           "passed", "performance", "plain", "reliability", "same", "sizing", "stories", "testing",
           "toggles", "wait_for"]
