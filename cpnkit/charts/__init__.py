"""Les graphiques des modules, aux couleurs du système de design de l'État (DSFR).

Un sous-module par thème : chaîne de valeur et métriques DORA (`delivery`), modèle
opérationnel (`organisation`), couplage des services (`coupling`), backlog et priorisation
(`backlog`, `prioritization`), dossier d'investissement (`business_case`), automatisation
(`automation`), culture d'équipe (`culture`), environnements éphémères (`ephemeral`) ; leur
style commun est dans `style`. Les carnets les appellent par `cpnkit.charts.<fonction>`.

Chaque fonction prend les données du module (dictionnaires, lignes d'un CSV, carte…) et
renvoie une figure matplotlib déjà fermée : le carnet l'affiche une fois, comme valeur de la
cellule. matplotlib n'est importé qu'au premier graphique.
"""

from .automation import allocation_chart, map_chart, payback_chart, waiting_chart
from .backlog import pareto, release_plan
from .business_case import cumulative_flows, waterfall
from .coupling import dependency_graph
from .culture import change_chart, likert_chart
from .delivery import dora_trend, ticket_timeline, value_stream
from .ephemeral import costs_chart, lifetimes_chart
from .organisation import raci_heatmap
from .prioritization import delay_cost_chart, plans_chart, wsjf_chart

__all__ = ["allocation_chart", "change_chart", "costs_chart", "cumulative_flows",
           "delay_cost_chart", "dependency_graph", "dora_trend", "lifetimes_chart",
           "likert_chart", "map_chart", "pareto", "payback_chart", "plans_chart",
           "raci_heatmap", "release_plan", "ticket_timeline", "value_stream", "waiting_chart",
           "waterfall", "wsjf_chart"]
