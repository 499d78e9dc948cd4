"""Charts of the diagnostic: a sorted 0–10 bar chart and a radar (at most 8 axes, fixed order)."""

from __future__ import annotations

import io
import math

from IPython.display import Image
from matplotlib.figure import Figure

from ..charts.style import BLUE, BLUE_MID, RED, fr
from .scoring import DiagnosticResult

MAX_AXES = 8
CURRENT, BEFORE, TARGET = BLUE, BLUE_MID, RED


def bar_chart(result: DiagnosticResult) -> Figure:
    """Une barre par dimension, de la plus faible à la plus forte, sur 0–10, cible marquée."""
    known = sorted((d for d in result.dimensions if d.score is not None),
                   key=lambda d: (d.score, d.title), reverse=True)
    unknown = [d for d in result.dimensions if d.score is None]
    rows = known + unknown
    figure = Figure(figsize=(7, 0.45 * len(rows) + 1.2))
    axes = figure.add_subplot()
    names = [d.title + ("  (non renseigné)" if d.score is None else "") for d in rows]
    values = [d.score or 0 for d in rows]
    bars = axes.barh(names, values, color=CURRENT)
    axes.scatter([d.target for d in rows], names, marker="|", s=300, color=TARGET,
                 label="cible", zorder=3)
    for bar, d in zip(bars, rows, strict=True):
        if d.score is not None:
            axes.text(bar.get_width() + 0.1, bar.get_y() + bar.get_height() / 2,
                      fr(d.score, 1), va="center", fontsize=9)
    axes.invert_yaxis()
    axes.set_xlim(0, 10.8)
    axes.set_xlabel("score sur 10")
    axes.set_title("Score par dimension, sur 10")
    axes.legend(loc="lower right")
    figure.tight_layout()
    return figure


def radar_chart(result: DiagnosticResult) -> Figure:
    """Radar actuel / cible, axes dans l'ordre fixe de recommandations.yaml (8 au plus)."""
    dimensions = result.dimensions[:MAX_AXES]
    count = len(dimensions)
    angles = [2 * math.pi * i / count for i in range(count)] + [0.0]
    current = [d.score or 0 for d in dimensions]
    target = [d.target for d in dimensions]
    figure = Figure(figsize=(6, 6))
    axes = figure.add_subplot(polar=True)
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    axes.plot(angles, current + current[:1], color=CURRENT, linewidth=2, label="actuel")
    axes.fill(angles, current + current[:1], color=CURRENT, alpha=0.15)
    axes.plot(angles, target + target[:1], color=TARGET, linewidth=1.5, linestyle="--",
              label="cible")
    axes.set_xticks(angles[:-1], [d.title for d in dimensions], fontsize=9)
    axes.set_ylim(0, 10)
    axes.set_yticks([2, 4, 6, 8, 10], ["2", "4", "6", "8", "10"], fontsize=7)
    axes.set_title("Profil de l'équipe : actuel et cible", pad=20)
    axes.legend(loc="upper right", bbox_to_anchor=(1.25, 1.1))
    figure.tight_layout()
    return figure


def progress_chart(labels: list[str], before: list[float | None],
                   after: list[float | None], scale: int) -> Figure:
    """Petit graphique avant / après par objectif (auto-évaluation)."""
    figure = Figure(figsize=(7, 0.42 * len(labels) + 1.0))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    height = 0.38
    axes.barh([p - height / 2 for p in positions], [b or 0 for b in before], height,
              color=BEFORE, label="avant")
    axes.barh([p + height / 2 for p in positions], [a or 0 for a in after], height,
              color=CURRENT, label="après")
    axes.set_yticks(positions, labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, scale)
    axes.set_xticks(range(scale + 1))
    axes.set_xlabel("niveau de confiance")
    axes.legend(loc="lower right", fontsize=8)
    axes.set_title("Progression par objectif", fontsize=10)
    figure.tight_layout()
    return figure


def png(figure: Figure) -> bytes:
    """A figure as PNG bytes (for an ipywidgets Image)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


def as_image(figure: Figure) -> Image:
    """A figure as a PNG image that Jupyter shows in a cell's output."""
    return Image(data=png(figure), format="png")
