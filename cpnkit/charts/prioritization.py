"""Charts of backlog prioritisation: WSJF map, plans on a timeline, cost of delay paid."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from graders import prioritization

from .style import (
    BLUE,
    BLUE_LIGHT,
    GREY,
    GREY_MID,
    INK,
    ORANGE,
    RED,
    TEAL,
    figure,
    fr,
    grid,
    headline,
    source,
    styled,
)

SOURCE = "Source : backlog du service « Rendez-vous en préfecture » (données fictives du kit)."
PLAN_COLOURS = (GREY_MID, BLUE, TEAL, ORANGE)


def _features(rows: Iterable[Mapping]) -> list[dict]:
    """Backlog rows from a DataFrame's records or from prioritization.read_backlog."""
    features = []
    for row in rows:
        row = dict(row)
        prerequisites = row.get("prerequis")
        if isinstance(prerequisites, str):
            row["prerequis"] = [p for p in prerequisites.split(";") if p]
        elif not isinstance(prerequisites, list):
            row["prerequis"] = []
        deadline = row.get("echeance_semaine")
        row["echeance_semaine"] = None if deadline in ("", None) or deadline != deadline else int(
            deadline)
        features.append(row)
    return features


def _weeks(rows: Iterable[Mapping]) -> tuple[dict[str, dict], dict[str, int], dict[str, int]]:
    """The features by id, the duration of each (weeks) and its cost of delay per week."""
    features = {f["id"]: f for f in _features(rows)}
    return (features, {k: int(f["duree_semaines"]) for k, f in features.items()},
            {k: int(f["cout_retard_semaine"]) for k, f in features.items()})


def _pending(order: list[str], durations: Mapping[str, int],
             weekly: Mapping[str, int]) -> tuple[list[int], list[int]]:
    """The weeks a plan delivers at, and the cost of delay still paid each week from then on."""
    finished = prioritization.finish_weeks(order, durations)
    pending = [sum(weekly.values())]
    for fid in order:
        pending.append(pending[-1] - weekly[fid])
    return [0] + [finished[f] for f in order], pending


@styled
def wsjf_chart(rows: Iterable[Mapping]) -> Figure:
    """Coût du retard en fonction de la taille : plus la pente est forte, plus le WSJF est élevé.

    Les droites pointillées relient les features de même WSJF ; à droite, le classement.
    """
    from matplotlib.lines import Line2D

    features = _features(rows)
    scores = prioritization.wsjf(features)
    enablers = {p for f in features for p in f["prerequis"]}
    fig, (ax, side) = figure(1, 2, size=(13, 5.6), width_ratios=(1.35, 1))
    top = max(prioritization.cost_of_delay(f) for f in features) * 1.12
    right = max(int(f["taille"]) for f in features) * 1.1
    for slope in (1, 2, 4, 8):
        end = min(right, top / slope)
        ax.plot([0, end], [0, slope * end], color=GREY_MID, linestyle=(0, (3, 3)), linewidth=0.9)
        ax.text(0.97 * end, 0.97 * slope * end, f"WSJF = {slope} ", color=GREY, fontsize=8,
                ha="right", va="bottom")
    points = {f["id"]: (int(f["taille"]), prioritization.cost_of_delay(f)) for f in features}
    for feature in features:
        x, y = points[feature["id"]]
        colour = TEAL if feature["id"] in enablers else BLUE
        ax.scatter([x], [y], s=120, color=colour, zorder=3,
                   edgecolor=RED if feature["echeance_semaine"] else "white",
                   linewidth=2.2 if feature["echeance_semaine"] else 1)
        crowded = [o for o, (ox, oy) in points.items()
                   if o != feature["id"] and abs(ox - x) < 1 and abs(oy - y) < 2.5]
        shift = 0 if not crowded else (5 if y > points[crowded[0]][1] else -11)
        ax.annotate(feature["id"], (x, y), xytext=(8, shift - 3), textcoords="offset points",
                    fontsize=9, color=INK)
    ax.set_xlim(0, right)
    ax.set_ylim(0, top)
    ax.set_xticks(sorted({x for x, _ in points.values()} | {0}))
    ax.set_xlabel("taille (points relatifs, échelle de Fibonacci)")
    ax.set_ylabel("coût du retard (valeur + urgence + réduction de risque)")
    grid(ax, "both")
    ax.legend(handles=[
        Line2D([], [], marker="o", linestyle="", color=BLUE, markersize=9, label="feature"),
        Line2D([], [], marker="o", linestyle="", color=TEAL, markersize=9,
               label="prérequis d'une autre feature"),
        Line2D([], [], marker="o", linestyle="", color="white", markeredgecolor=RED,
               markeredgewidth=2, markersize=9, label="avec une échéance")],
        loc="lower right", fontsize=9)
    side.axis("off")
    ranked = sorted(features, key=lambda f: (-scores[f["id"]], f["id"]))
    side.text(0, 1.0, "Classement par WSJF", fontsize=11, fontweight="bold", va="top")
    for index, feature in enumerate(ranked):
        y = 0.92 - index * 0.075
        title = feature["titre"] if len(feature["titre"]) <= 44 else feature["titre"][:43] + "…"
        side.text(0, y, fr(scores[feature["id"]], 2), fontsize=9.5, color=BLUE,
                  fontweight="bold", va="center")
        side.text(0.11, y, f"{feature['id']}  {title}", fontsize=9.5, va="center", color=INK)
    headline(fig, "Le WSJF se lit comme une pente",
             "Chaque point est une feature ; plus elle est en haut à gauche (grand coût du "
             "retard, petite taille), plus elle passe tôt")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.07, right=0.99, top=0.84, bottom=0.11, wspace=0.12)
    return fig


@styled
def plans_chart(rows: Iterable[Mapping], plans: Mapping[str, list[str]]) -> Figure:
    """Les plans sur une frise : une barre par feature, les échéances en losanges rouges."""
    features, durations, weekly = _weeks(rows)
    fig, axes = figure(len(plans), 1, size=(12, 2.2 + 2.6 * len(plans)), sharex=True)
    axes = [axes] if len(plans) == 1 else list(axes)
    horizon = sum(durations.values())
    for ax, (name, order) in zip(axes, plans.items(), strict=True):
        finished = prioritization.finish_weeks(order, durations)
        late = set(prioritization.late(order, durations,
                                       {k: f["echeance_semaine"] for k, f in features.items()}))
        for y, fid in enumerate(order):
            end = finished[fid]
            start = end - durations[fid]
            ax.barh(y, durations[fid], left=start, height=0.7,
                    color=RED if fid in late else BLUE_LIGHT,
                    edgecolor=RED if fid in late else BLUE, linewidth=1)
            ax.text(start + 0.15, y, fid, va="center", fontsize=8.5,
                    color="white" if fid in late else BLUE)
            deadline = features[fid]["echeance_semaine"]
            if deadline:
                ax.scatter([deadline], [y], marker="D", s=42, color=RED, zorder=4)
                ax.text(deadline + 0.3, y, "échéance", color=RED, fontsize=8, va="center")
        total = prioritization.total_cost_of_delay(order, durations, weekly)
        verdict = (f"{len(late)} échéance(s) manquée(s)" if late
                   else "toutes les échéances tenues")
        ax.set_title(f"{name} — coût du retard {fr(total / 1e6, 2)} M€ · {verdict}",
                     fontsize=11, color=RED if late else INK)
        ax.set_ylim(len(order) - 0.4, -0.6)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        grid(ax)
    axes[-1].set_xlim(0, horizon + 2)
    axes[-1].set_xlabel("semaines depuis le début du plan (une feature à la fois)")
    headline(fig, "Quand chaque feature est-elle livrée ?",
             "Une ligne par feature, dans l'ordre du plan ; en rouge, une feature livrée après "
             "son échéance")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.03, right=0.98, top=1 - 1.15 / fig.get_figheight(),
                        bottom=0.55 / fig.get_figheight() + 0.04, hspace=0.35)
    return fig


@styled
def delay_cost_chart(rows: Iterable[Mapping], plans: Mapping[str, list[str]]) -> Figure:
    """Le coût du retard encore payé chaque semaine : l'aire sous la courbe est le coût total."""
    _, durations, weekly = _weeks(rows)
    fig, ax = figure(size=(12, 5.2))
    totals = {}
    for colour, (name, order) in zip(PLAN_COLOURS, plans.items(), strict=False):
        weeks, pending = _pending(order, durations, weekly)
        totals[name] = prioritization.total_cost_of_delay(order, durations, weekly)
        ax.step(weeks, [p / 1000 for p in pending], where="post", color=colour, linewidth=2.2,
                label=f"{name} : {fr(totals[name] / 1e6, 2)} M€")
    best = min(totals, key=totals.__getitem__)
    weeks, pending = _pending(plans[best], durations, weekly)
    ax.fill_between(weeks, [p / 1000 for p in pending], step="post", alpha=0.12,
                    color=PLAN_COLOURS[list(plans).index(best)])
    ax.set_xlim(0, max(weeks) + 0.5)
    ax.set_ylim(0, sum(weekly.values()) / 1000 * 1.05)
    ax.set_xlabel("semaines")
    ax.set_ylabel("coût du retard encore payé (k€ par semaine)")
    grid(ax, "y")
    ax.legend(title="Coût du retard total (aire sous la courbe)", loc="upper right",
              fontsize=10, title_fontsize=10, alignment="left")
    headline(fig, "Livrer tôt ce qui coûte cher d'attendre",
             "Chaque livraison fait baisser la facture hebdomadaire du retard ; la zone "
             f"colorée est celle du plan le moins coûteux ({best})")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.08, right=0.98, top=0.83, bottom=0.12)
    return fig
