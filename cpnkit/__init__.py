"""Le kit Cloud Pi Native : la commande `cpn`, les parcours, les carnets et leurs outils.

Les carnets importent seulement ce que liste `__all__`.
"""

from . import charts
from .module import ModuleSession, start_module
from .overview import curriculum_overview
from .questionnaires import (
    accompaniment_stages,
    ask,
    diagnose,
    diagnostic,
    diagnostic_results,
    load_questionnaire,
    prequalification,
    qualification,
    readiness,
    stage_locator,
)
from .selfeval import level_self_evaluation, self_evaluation

__all__ = ["ModuleSession", "accompaniment_stages", "ask", "charts", "curriculum_overview",
           "diagnose", "diagnostic", "diagnostic_results", "level_self_evaluation",
           "load_questionnaire", "prequalification", "qualification", "readiness",
           "self_evaluation", "stage_locator", "start_module"]
