"""Le kit Cloud Pi Native : la commande `cpn`, les parcours, les carnets et leurs outils.

Les carnets importent seulement ce que liste `__all__`.
"""

from .module import ModuleSession, start_module
from .selfeval import self_evaluation

__all__ = ["ModuleSession", "self_evaluation", "start_module"]
