"""Vérifications des exercices : état du cluster, fichiers, réponses, conformité au CCT.

Chaque vérification renvoie un `CheckResult` qui dit, en français, ce qui était attendu, ce
qui a été constaté et quoi essayer. Les carnets importent seulement ce que liste `__all__`.
"""

from . import (
    backlog,
    bdd,
    business_case,
    classification,
    cluster,
    conformity,
    coupling,
    culture,
    decisions,
    delivery,
    dependencies,
    disruption,
    dockerfiles,
    ephemeral,
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
    prioritization,
    reliability,
    scales,
    sizing,
    stories,
    teams,
    testing,
    toggles,
    value_stream,
)
from .classification import classified, ordered
from .errors import GradingError
from .numbers import native
from .results import CheckResult, Report, close, failed, passed, plain, same
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "backlog", "bdd", "business_case",
           "classification", "classified", "close", "cluster", "conformity", "coupling", "culture",
           "decisions", "delivery", "dependencies", "disruption", "dockerfiles", "ephemeral",
           "experiments", "failed", "files", "gitrepo", "images", "logs", "microservices",
           "mutation", "native", "numbers", "ordered", "organisation", "overlays", "passed",
           "performance", "plain", "prioritization", "reliability", "same", "scales", "sizing",
           "stories", "teams", "testing", "toggles", "value_stream", "wait_for"]
