"""Vérifications des exercices : état du cluster, fichiers, réponses, conformité au CCT.

Chaque vérification renvoie un `CheckResult` qui dit, en français, ce qui était attendu, ce
qui a été constaté et quoi essayer. Les carnets importent seulement ce que liste `__all__`.
"""

from . import (
    access,
    backlog,
    backup,
    bdd,
    business_case,
    canary,
    capacity,
    classification,
    cluster,
    conformity,
    console,
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
    gitops,
    gitrepo,
    images,
    logs,
    microservices,
    mutation,
    network,
    organisation,
    overlays,
    performance,
    pipelines,
    prioritization,
    reliability,
    scales,
    sizing,
    stories,
    teams,
    testsuites,
    toggles,
    value_stream,
    values,
)
from .classification import classified, ordered
from .errors import GradingError
from .results import CheckResult, Report, close, failed, passed, plain, same
from .values import native
from .waiting import wait_for

__all__ = ["CheckResult", "GradingError", "Report", "access", "backlog", "backup", "bdd",
           "business_case", "canary", "capacity", "classification", "classified", "close",
           "cluster", "conformity", "console", "coupling", "culture", "decisions", "delivery",
           "dependencies", "disruption", "dockerfiles", "ephemeral", "experiments", "failed",
           "files", "gitops", "gitrepo", "images", "logs", "microservices", "mutation", "native",
           "network", "ordered", "organisation", "overlays", "passed", "performance", "pipelines",
           "plain", "prioritization", "reliability", "same", "scales", "sizing", "stories", "teams",
           "testsuites", "toggles", "value_stream", "values", "wait_for"]
