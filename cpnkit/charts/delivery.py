"""Charts of delivery: the value stream of a ticket, the path of a few tickets, and the DORA
metrics month by month on the levels of the report."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from graders.delivery import BANDS

from .style import (
    BLUE,
    CATEGORICAL,
    GREEN_LIGHT,
    GREY_MID,
    INK,
    MONTHS,
    ORANGE,
    RED,
    days,
    figure,
    fr,
    styled,
)

LEVEL_COLOURS = {"élite": GREEN_LIGHT, "élevé": "#E6FEDA", "moyen": "#FEECC2",
                 "faible": "#FEE2DE"}
DURATION_TICKS = {0.25: "15 min", 1: "1 h", 4: "4 h", 24: "1 jour", 168: "1 semaine",
                  720: "1 mois", 4320: "6 mois"}
DORA_PANELS = [
    ("frequence_par_semaine", "Déploiements en production par semaine", False),
    ("delai_median_heures", "Délai de mise en production (médiane)", True),
    ("taux_d_echec", "Taux d'échec des changements (%)", False),
    ("retablissement_median_heures", "Temps de rétablissement (médiane)", True),
]


def _month(key: str) -> str:
    """« 2026-04 » -> « avr.\n2026 » (other keys are kept as they are)."""
    year, _, number = key.partition("-")
    if number.isdigit() and 1 <= int(number) <= 12:
        return f"{MONTHS[int(number) - 1]}\n{year}"
    return key


@styled
def value_stream(order: list[str], wait: Mapping[str, float], work: Mapping[str, float],
                 title: str = "Chaîne de valeur : le parcours moyen d'un ticket") -> Figure:
    """La carte de la chaîne de valeur : pour chaque activité, l'attente avant elle (orange)
    puis le travail (bleu), en jours par ticket, bout à bout de gauche à droite."""
    fig, ax = figure(size=(11, 3.2))
    position = 0.0
    for index, activity in enumerate(order):
        start = position
        for value, colour, label in ((wait.get(activity, 0.0), ORANGE, "attente"),
                                     (work.get(activity, 0.0), BLUE, "travail")):
            ax.barh(0, value, left=position, color=colour, height=0.5,
                    label=label if index == 0 else None, edgecolor="white")
            if value >= 2:
                ax.text(position + value / 2, 0, days(value), ha="center", va="center",
                        color="white", fontsize=9, fontweight="bold")
            position += value
        height = 0.3 + 0.17 * (index % 2)
        ax.plot([start, position], [height - 0.03] * 2, color=GREY_MID, linewidth=1)
        ax.text(start if index == 0 else (start + position) / 2, height, activity,
                ha="left" if index == 0 else "center", va="bottom", fontsize=9, color=INK)
    total_work, total = sum(work.values()), sum(work.values()) + sum(wait.values())
    ax.set_title(f"{title} — {days(total)} de bout en bout, dont {days(total_work)} de "
                 f"travail ({fr(100 * total_work / total)} %)")
    ax.set_yticks([])
    ax.set_ylim(-0.5, 0.75)
    ax.set_xlim(0, position * 1.01)
    ax.set_xlabel("jours depuis le début de l'analyse")
    ax.legend(loc="lower right", ncol=2)
    fig.tight_layout()
    return fig


@styled
def ticket_timeline(rows: Iterable[Mapping], order: list[str],
                    title: str = "Le parcours de quelques tickets") -> Figure:
    """Diagramme de Gantt : une ligne par ticket, un segment coloré par passage dans une
    activité ; les blancs entre deux segments sont de l'attente. `rows` : dictionnaires
    ticket, activite, debut, fin (dates)."""
    import matplotlib.dates as mdates
    from matplotlib.patches import Rectangle

    rows = list(rows)
    tickets = sorted({r["ticket"] for r in rows}, reverse=True)
    colours = dict(zip(order, CATEGORICAL, strict=False))
    fig, ax = figure(size=(11, 0.45 * len(tickets) + 1.5))
    for row in rows:
        start, end = mdates.date2num(row["debut"]), mdates.date2num(row["fin"])
        ax.barh(tickets.index(row["ticket"]), end - start, left=start, height=0.6,
                color=colours[row["activite"]])
    ax.set_yticks(range(len(tickets)), tickets)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    handles = [Rectangle((0, 0), 1, 1, color=colours[a]) for a in order]
    ax.legend(handles, order, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=6,
              fontsize=8)
    ax.set_title(f"{title} (les blancs sont de l'attente)")
    fig.tight_layout()
    return fig


@styled
def dora_trend(monthly: Mapping[str, Mapping[str, float]], marker: str | None = None,
               marker_label: str = "",
               bands: Mapping[str, tuple[tuple[float, float, float], bool]] | None = None
               ) -> Figure:
    """Quatre métriques DORA mois par mois, sur le fond coloré des niveaux (élite en vert,
    faible en rouge). `marker` : un mois à signaler (un changement). `bands` : pour chaque
    métrique, les trois limites entre niveaux et si « plus haut » est mieux (par défaut, la
    grille du kit)."""
    if bands is None:
        bands = {name: (band.limits, band.higher_is_better) for name, band in BANDS.items()}
    months = list(monthly)
    fig, axes = figure(2, 2, size=(11, 6.5), sharex=True)
    for ax, (metric, label, log) in zip(axes.flat, DORA_PANELS, strict=True):
        values = [monthly[m].get(metric) for m in months]
        known = [v for v in values if v is not None]
        limits, higher = bands[metric]
        top = max(known + [limits[0] if higher else limits[-1]]) * (3 if log else 1.25)
        bottom = min(known + [limits[-1] if higher else limits[0]]) / 3 if log else 0
        edges = [top, *limits, bottom] if higher else [bottom, *limits, top]
        for (low, high), name in zip(zip(edges, edges[1:], strict=False),
                                     ("élite", "élevé", "moyen", "faible"), strict=True):
            ax.axhspan(min(low, high), max(low, high), color=LEVEL_COLOURS[name], zorder=0)
            middle = math.sqrt(low * high) if log and low > 0 else (low + high) / 2
            if bottom <= middle <= top:
                ax.text(len(months) - 0.55, middle, name, fontsize=8, color=GREY_MID,
                        va="center")
        ax.plot(range(len(months)), [v if v is not None else float("nan") for v in values],
                marker="o", color=BLUE, linewidth=2, zorder=3)
        if log:
            ax.set_yscale("log")
            ticks = [t for t in DURATION_TICKS if bottom <= t <= top]
            ax.set_yticks(ticks, [DURATION_TICKS[t] for t in ticks])
            ax.minorticks_off()
        ax.set_ylim(bottom if bottom > 0 or not log else 0.1, top)
        ax.set_title(label, fontsize=10)
        if marker in months:
            ax.axvline(months.index(marker) - 0.5, color=RED, linestyle="--", linewidth=1.5)
            ax.text(months.index(marker) - 0.45, top, marker_label, color=RED, fontsize=8,
                    va="top")
    for ax in axes[1]:
        ax.set_xticks(range(len(months)), [_month(m) for m in months])
    fig.suptitle("Les métriques DORA mois par mois, sur les niveaux du rapport 2024",
                 fontweight="bold")
    fig.tight_layout()
    return fig
