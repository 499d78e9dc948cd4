"""Chart of coupling between services: the dependency graph, cycles circled in red."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from .style import BLUE, GREEN, INK, RED, figure, styled

EDGE_STYLES = {"sync": (INK, "-", "appel synchrone"), "async": (GREEN, "--", "événement"),
               "bdd": (RED, ":", "base de données partagée")}


@styled
def dependency_graph(layers: Mapping[str, int], edges: Iterable[tuple[str, str, str]],
                     in_cycle: Iterable[str] = (),
                     title: str = "Dépendances entre services") -> Figure:
    """Le graphe des services, rangés par couche (interfaces en haut, socles en bas). Les
    flèches vont de l'appelant vers l'appelé ; les services pris dans un cycle sont cerclés
    de rouge."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    fig, ax = figure(size=(12, 6.5))
    rows: dict[int, list[str]] = {}
    for service, layer in layers.items():
        rows.setdefault(layer, []).append(service)
    position = {}
    for layer, names in rows.items():
        for index, name in enumerate(names):  # staggered when a layer is crowded
            offset = 0.22 * (index % 2) if len(names) > 3 else 0.0
            position[name] = ((index + 0.5) / len(names), -layer - offset)
    edges = list(edges)
    pairs = {(a, b) for a, b, _ in edges}
    for caller, callee, kind in edges:
        colour, style, _ = EDGE_STYLES[kind]
        bend = 0.3 if (callee, caller) in pairs else 0.05
        ax.add_patch(FancyArrowPatch(position[caller], position[callee],
                                     connectionstyle=f"arc3,rad={bend}", arrowstyle="-|>",
                                     mutation_scale=14, color=colour, linestyle=style,
                                     linewidth=1.4, shrinkA=16, shrinkB=16, zorder=1))
    cycle = set(in_cycle)
    for name, (x, y) in position.items():
        ax.text(x, y, name, ha="center", va="center", fontsize=9, zorder=3,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "white",
                      "edgecolor": RED if name in cycle else BLUE,
                      "linewidth": 2.5 if name in cycle else 1.2})
    handles = [Line2D([], [], color=c, linestyle=s, label=label)
               for c, s, label in EDGE_STYLES.values()]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.1), ncol=3)
    ax.set_xlim(0, 1)
    ax.set_ylim(-max(layers.values()) - 0.45, 0.3)
    ax.axis("off")
    ax.set_title(title)
    return fig
