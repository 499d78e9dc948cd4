"""Charts of the business case: when the project pays back, and what is asked of the sponsor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from .style import BLUE, GREEN, INK, ORANGE, RED, euros, figure, styled


@styled
def cumulative_flows(scenarios: Mapping[str, Mapping[int, float]],
                     title: str = "Cumul des flux nets : quand le projet est-il remboursé ?"
                     ) -> Figure:
    """Une courbe par scénario : le cumul des flux nets année après année ; le point où la
    courbe passe au-dessus de zéro est l'année de retour sur investissement."""
    fig, ax = figure(size=(10, 4.5))
    colours = [BLUE, ORANGE, RED, GREEN]
    for (name, flows), colour in zip(scenarios.items(), colours, strict=False):
        years = sorted(flows)
        total, cumulative = 0.0, []
        for year in years:
            total += flows[year]
            cumulative.append(total / 1000)
        ax.plot(years, cumulative, marker="o", color=colour, linewidth=2,
                label=name.replace("_", " "))
        payback = next((y for y, c in zip(years, cumulative, strict=True) if c >= 0), None)
        if payback is not None:
            ax.annotate(f"retour {payback}", (payback, cumulative[years.index(payback)]),
                        textcoords="offset points", xytext=(0, 10), ha="center",
                        color=colour, fontsize=9)
    ax.axhline(0, color=INK, linewidth=1)
    ax.set_xticks(sorted(next(iter(scenarios.values()))))
    ax.set_ylabel("cumul (milliers d'euros)")
    ax.legend()
    ax.set_title(title)
    fig.tight_layout()
    return fig


@styled
def waterfall(items: list[tuple[str, float]],
              title: str = "Du coût du projet au montant demandé au sponsor") -> Figure:
    """Cascade : chaque élément ajoute (positif) ou retire (négatif) un montant ; la dernière
    barre est le total."""
    fig, ax = figure(size=(10, 4))
    total = 0.0
    for index, (_name, value) in enumerate(items):
        colour = BLUE if value >= 0 else GREEN
        ax.bar(index, value / 1000, bottom=total / 1000, color=colour)
        ax.text(index, (total + value / 2) / 1000, euros(value, sign=True), ha="center",
                va="center", color="white", fontweight="bold", fontsize=9)
        total += value
    ax.bar(len(items), total / 1000, color=ORANGE)
    ax.text(len(items), total / 2000, euros(total), ha="center", va="center", color="white",
            fontweight="bold")
    ax.set_xticks(range(len(items) + 1), [n for n, _ in items] + ["montant demandé"],
                  fontsize=9)
    ax.set_ylabel("milliers d'euros")
    ax.set_title(title)
    fig.tight_layout()
    return fig
