"""Chart of the operating model: who did what, against who should (RACI)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from .style import INK, RED, figure, styled


@styled
def raci_heatmap(counts: Mapping[str, Mapping[str, int]], raci: Mapping[str, Mapping[str, str]],
                 activities: list[str], teams: list[str],
                 labels: Mapping[str, str] | None = None,
                 title: str = "Qui a fait quoi (nombre d'actions) et qui devrait (RACI)"
                 ) -> Figure:
    """Matrice activités × équipes : la couleur dit combien d'actions chaque équipe a faites,
    la lettre ce que prévoit la matrice RACI ; un cadre rouge signale une équipe qui agit sans
    être R ni A. `labels` : le libellé de chaque activité, affiché à côté de son code."""
    from matplotlib.patches import Rectangle

    grid = [[counts.get(team, {}).get(activity, 0) for team in teams] for activity in activities]
    fig, ax = figure(size=(1.6 * len(teams) + (6 if labels else 3), 0.5 * len(activities) + 1.5))
    ax.imshow(grid, cmap="Blues", aspect="auto", vmin=0, vmax=max(max(r) for r in grid) * 1.3)
    for i, activity in enumerate(activities):
        for j, team in enumerate(teams):
            letters = str(raci.get(activity, {}).get(team, "") or "")
            value = grid[i][j]
            ax.text(j, i, f"{letters}\n{value}" if value else letters, ha="center",
                    va="center", fontsize=9, color=INK, fontweight="bold")
            if value and not set(letters.upper()) & {"R", "A"}:
                ax.add_patch(Rectangle((j - 0.47, i - 0.45), 0.94, 0.9, fill=False,
                                       edgecolor=RED, linewidth=2.5))
    planned = {team for row in raci.values() for team in row}
    ax.set_xticks(range(len(teams)),
                  [t if t in planned else f"{t}\n(hors modèle)" for t in teams])
    names = [f"{a} · {labels[a][:48]}{'…' if len(labels[a]) > 48 else ''}" if labels else a
             for a in activities]
    ax.set_yticks(range(len(activities)), names)
    ax.set_title(title)
    ax.spines[:].set_visible(False)
    fig.tight_layout()
    return fig
