"""Value-stream maps before and after automation (reference computations).

A map is a list of steps, each with its process time (`traitement_h`, hands-on work), its
lead time (`delai_h`, from the moment the work reaches the step until it leaves it, waiting
included) and its %C&A (`ca_pct`, the share of the work it hands over that the next step can
use as is, "percent complete and accurate"). Times are in working hours.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml


def read_map(path: str | Path) -> list[dict]:
    """Lire une carte de chaîne de valeur (YAML) : la liste de ses étapes."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["etapes"]


def metrics(steps: Iterable[Mapping]) -> dict[str, float]:
    """Délai total, temps de traitement total, ratio d'activité et %C&A cumulé d'une carte.

    ratio d'activité = traitement / délai ; %C&A cumulé = produit des %C&A des étapes
    (la part du travail qui traverse toute la chaîne sans retouche). Pourcentages arrondis à
    une décimale.
    """
    steps = list(steps)
    lead = sum(float(s["delai_h"]) for s in steps)
    process = sum(float(s["traitement_h"]) for s in steps)
    rolled = math.prod(float(s["ca_pct"]) / 100 for s in steps)
    return {"delai_h": round(lead, 1), "traitement_h": round(process, 1),
            "ratio_activite_pct": round(100 * process / lead, 1),
            "ca_cumule_pct": round(100 * rolled, 1)}


def waiting_pareto(steps: Iterable[Mapping], share: float = 80) -> list[str]:
    """Les étapes qui concentrent `share` % de l'attente, de la plus longue à la plus courte.

    Attente d'une étape = délai − traitement. On prend les étapes par attente décroissante
    jusqu'à atteindre au moins `share` % de l'attente totale.
    """
    waits = sorted(((float(s["delai_h"]) - float(s["traitement_h"]), s["nom"]) for s in steps),
                   key=lambda pair: -pair[0])
    total, running, chosen = sum(w for w, _ in waits), 0.0, []
    for wait, name in waits:
        if running >= share / 100 * total:
            break
        chosen.append(name)
        running += wait
    return chosen


def read_timesheets(path: str | Path) -> list[dict]:
    """Lire les relevés de temps (CSV) : semaine, période, catégorie, heures."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [{**row, "heures": float(row["heures"])} for row in csv.DictReader(handle)]


def time_allocation(rows: Iterable[Mapping], period: str) -> dict[str, float]:
    """Part du temps (en %) de chaque catégorie sur une période, arrondie à une décimale."""
    hours: dict[str, float] = defaultdict(float)
    for row in rows:
        if row["periode"] == period:
            hours[row["categorie"]] += float(row["heures"])
    total = sum(hours.values())
    return {category: round(100 * h / total, 1) for category, h in sorted(hours.items())}


def roi(before: Iterable[Mapping], after: Iterable[Mapping],
        hypotheses: Mapping) -> dict[str, float]:
    """Retour sur investissement de l'automatisation, à volume de changements constant.

    gain annuel = (traitement avant − traitement après) × changements par an × coût horaire ;
    ROI sur n ans = (n × gain − coût sur n ans) / coût sur n ans, où coût sur n ans =
    investissement + n × coûts annuels ; délai de retour (mois) = investissement / gain net
    mensuel (gain annuel moins coûts annuels, divisé par 12).
    """
    saved = (sum(float(s["traitement_h"]) for s in before)
             - sum(float(s["traitement_h"]) for s in after))
    gain = saved * float(hypotheses["changements_par_an"]) * float(hypotheses["cout_horaire"])
    investment = sum(float(line["montant"]) for line in hypotheses["investissement"])
    yearly = sum(float(line["montant"]) for line in hypotheses["couts_annuels"])

    def over(years: int) -> float:
        cost = investment + years * yearly
        return round(100 * (years * gain - cost) / cost, 1)

    return {"gain_annuel": round(gain), "investissement": round(investment),
            "roi_1_an_pct": over(1), "roi_3_ans_pct": over(3),
            "retour_mois": round(investment / ((gain - yearly) / 12), 1)}
