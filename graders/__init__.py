"""Vérifications des exercices : état du cluster, fichiers, réponses, conformité au CCT.

Chaque vérification renvoie un `CheckResult` qui dit, en français, ce qui était attendu, ce
qui a été constaté et quoi essayer. Les carnets importent seulement ce que liste `__all__`.
"""

from . import (
    backlog,
    bdd,
    business_case,
    cluster,
    conformity,
    coupling,
    decisions,
    delivery,
    dependencies,
    disruption,
    dockerfiles,
    experiments,
    files,
    gitrepo,
    images,
    logs,
    microservices,
    mutation,
    numbers,
    organisation,
    overlays,
    performance,
    reliability,
    sizing,
    stories,
    teams,
    testing,
    toggles,
)
from .errors import GradingError
from .numbers import native
from .results import CheckResult, Report, close, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "backlog", "bdd", "business_case", "close",
           "cluster", "conformity", "coupling", "decisions", "delivery", "dependencies",
           "disruption", "dockerfiles", "experiments", "failed", "files", "gitrepo", "images",
           "logs", "microservices", "mutation", "native", "numbers", "organisation", "overlays",
           "passed", "performance", "plain", "reliability", "same", "sizing", "stories", "teams",
           "testing", "toggles", "wait_for"]
