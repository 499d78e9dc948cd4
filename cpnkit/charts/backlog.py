"""Charts of the backlog: why users call (Pareto), and what fits in the release."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from .style import BLUE, BLUE_MID, CATEGORICAL, INK, ORANGE, RED, figure, fr, styled


@styled
def pareto(shares: Mapping[str, float], threshold: float = 80.0,
           title: str = "Pourquoi les usagers appellent : diagramme de Pareto") -> Figure:
    """Barres des parts (%) par motif, de la plus grande à la plus petite, et courbe du cumul ;
    les motifs qui font ensemble `threshold` % sont en bleu foncé."""
    names = sorted(shares, key=lambda k: -shares[k])
    values = [shares[n] for n in names]
    cumulative = [sum(values[: i + 1]) for i in range(len(values))]
    reached = next((i for i, c in enumerate(cumulative) if c >= threshold - 1e-9),
                   len(values) - 1)
    fig, ax = figure(size=(11, 4.5))
    bars = ax.bar(range(len(names)), values,
                  color=[BLUE if i <= reached else BLUE_MID for i in range(len(names))])
    ax.bar_label(bars, [f"{fr(v)} %" for v in values], fontsize=8, padding=2)
    ax.set_ylabel("part des contacts (%)")
    ax.set_xticks(range(len(names)), [textwrap.fill(n, 14) for n in names], fontsize=8)
    twin = ax.twinx()
    twin.plot(range(len(names)), cumulative, color=ORANGE, marker="o")
    twin.axhline(threshold, color=RED, linestyle="--", linewidth=1)
    twin.text(len(names) - 0.5, threshold + 1, f"{fr(threshold)} %", color=RED, ha="right")
    twin.set_ylim(0, 105)
    twin.set_ylabel("cumul (%)")
    twin.spines["right"].set_visible(True)
    ax.set_title(title)
    fig.tight_layout()
    return fig


@styled
def release_plan(features: list[tuple[str, int]], capacity: int,
                 title: str = "Ce qui entre dans la release") -> Figure:
    """Les features empilées dans l'ordre de priorité (points cumulés) face à la capacité de
    la release : ce qui dépasse la ligne attend la release suivante."""
    fig, ax = figure(size=(11, 2.8))
    position = 0
    for index, (name, points) in enumerate(features):
        fits = position + points <= capacity
        ax.barh(0, points, left=position, color=CATEGORICAL[index % len(CATEGORICAL)],
                alpha=1.0 if fits else 0.35, edgecolor="white", height=0.5)
        later = "" if fits else "\n(suivante)"
        ax.text(position + points / 2, 0, f"{name}\n{points} pts{later}", ha="center",
                va="center", color="white" if fits else INK, fontsize=9, fontweight="bold")
        position += points
    ax.axvline(capacity, color=RED, linewidth=2)
    ax.text(capacity, 0.28, f"capacité : {capacity} points ", color=RED, ha="right",
            va="bottom")
    ax.set_ylim(-0.3, 0.45)
    ax.set_yticks([])
    ax.set_xlabel("points cumulés, dans l'ordre de priorité")
    ax.set_title(title)
    fig.tight_layout()
    return fig
