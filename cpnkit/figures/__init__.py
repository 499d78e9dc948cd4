"""Graphiques des modules de niveau 2 des parcours intégrité et décision, par thème.

Culture d'équipe, priorisation du backlog, chaîne de valeur, environnements éphémères. Chaque
fonction prend les données du module (lignes d'un CSV, carte, backlog…) et renvoie une figure
matplotlib, affichée par le carnet comme valeur de la cellule. Les carnets les appellent par
`cpnkit.charts`, qui les reprend ; matplotlib n'est importé qu'au premier graphique.
"""

from .backlog import delay_cost_chart, plans_chart, wsjf_chart
from .culture import change_chart, likert_chart
from .ephemeral import costs_chart, lifetimes_chart
from .value_stream import allocation_chart, map_chart, payback_chart, waiting_chart

__all__ = ["allocation_chart", "change_chart", "costs_chart", "delay_cost_chart",
           "lifetimes_chart", "likert_chart", "map_chart", "payback_chart", "plans_chart",
           "waiting_chart", "wsjf_chart"]
