"""Le kit Cloud Pi Native : la commande `cpn`, les parcours, les carnets et leurs outils.

Les carnets importent seulement ce que liste `__all__`.
"""

from . import charts
from .module import ModuleSession, start_module
from .selfeval import self_evaluation

__all__ = ["ModuleSession", "charts", "self_evaluation", "start_module"]
