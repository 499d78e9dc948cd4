"""Charts of the value stream: the map before/after, where the waiting is, where time goes,
and when the automation pays back."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from graders import value_stream

from .style import (
    BLUE,
    BLUE_LIGHT,
    GREEN,
    GREY,
    GREY_LIGHT,
    GREY_MID,
    INK,
    ORANGE,
    RED,
    TEAL,
    YELLOW,
    figure,
    fr,
    grid,
    headline,
    source,
    styled,
)

SOURCE = "Source : service « Rendez-vous en préfecture » (données fictives du kit)."
CATEGORY_LABELS = {
    "fonctionnalites": ("Construire des fonctionnalités", BLUE),
    "debogage_integration": ("Déboguer les intégrations", RED),
    "deploiement_manuel": ("Déployer à la main", ORANGE),
    "incidents": ("Traiter des incidents", YELLOW),
    "maintenance_chaine": ("Entretenir la chaîne automatisée", TEAL),
}
HOURS_PER_DAY = 7


def _draw_map(ax, steps: list[Mapping], horizon: float) -> float:
    """Draw one map on `ax` (wait then work, one row per step); return its lead time."""
    clock = 0.0
    for y, step in enumerate(steps):
        lead, work = float(step["delai_h"]), float(step["traitement_h"])
        ax.barh(y, lead - work, left=clock, height=0.62, color=GREY_LIGHT,
                edgecolor=GREY_MID, linewidth=0.6, hatch="////")
        ax.barh(y, work, left=clock + lead - work, height=0.62, color=BLUE)
        ca = float(step["ca_pct"])
        ax.text(clock + lead + horizon * 0.008, y, f"%C&A {fr(ca)} %", va="center",
                fontsize=8.5, color=RED if ca < 80 else GREY,
                fontweight="bold" if ca < 80 else "normal")
        clock += lead
    return clock


@styled
def map_chart(before: Iterable[Mapping], after: Iterable[Mapping]) -> Figure:
    """Les deux cartes sur la même échelle de temps : l'attente en clair, le travail en foncé.

    À droite de chaque étape, son %C&A (en rouge sous 80 %).
    """
    from matplotlib.patches import Patch

    maps = {"Avant l'automatisation": list(before), "Sur la chaîne Cloud Pi Native": list(after)}
    heights = [len(steps) for steps in maps.values()]
    fig, axes = figure(2, 1, size=(13, 7.2), sharex=True, height_ratios=heights)
    horizon = max(sum(float(s["delai_h"]) for s in steps) for steps in maps.values())
    for ax, (title, steps) in zip(axes, maps.items(), strict=True):
        end = _draw_map(ax, steps, horizon)
        ax.axvline(end, color=INK, linewidth=1)
        ax.text(end, -0.75, f"fin : {fr(end)} h ≈ {fr(end / HOURS_PER_DAY)} jours ouvrés ",
                fontsize=9, fontweight="bold", va="bottom",
                ha="right" if end > 0.6 * horizon else "left")
        ax.set_yticks(range(len(steps)),
                      [textwrap.fill(s["nom"], 34) for s in steps], fontsize=9)
        ax.set_ylim(len(steps) - 0.5, -1.1)
        ax.set_title(title, fontsize=11)
        ax.tick_params(axis="y", length=0)
        grid(ax)
    steps = maps["Sur la chaîne Cloud Pi Native"]
    end = sum(float(s["delai_h"]) for s in steps)
    zoom = axes[1].inset_axes((0.5, 0.04, 0.48, 0.8))
    _draw_map(zoom, steps, end)
    zoom.set_xlim(0, end * 1.25)
    zoom.set_ylim(len(steps) - 0.5, -0.6)
    zoom.set_yticks([])
    zoom.xaxis.tick_top()
    zoom.tick_params(labelsize=8)
    zoom.set_facecolor("white")
    zoom.text(0.02, 0.06, f"zoom sur les {fr(end)} h", transform=zoom.transAxes, fontsize=9,
              color=GREY, ha="left", fontweight="bold")
    for side in ("top", "right", "bottom", "left"):
        zoom.spines[side].set_visible(True)
        zoom.spines[side].set_color(GREY_MID)
    axes[-1].set_xlim(0, horizon * 1.12)
    axes[-1].set_xlabel("heures ouvrées depuis « ticket prêt »")
    fig.legend(handles=[Patch(facecolor=GREY_LIGHT, edgecolor=GREY_MID, hatch="////",
                              label="attente (file, validation, passage de relais)"),
                        Patch(color=BLUE, label="travail effectif")],
               loc="upper right", ncol=2, fontsize=9, bbox_to_anchor=(0.99, 0.95))
    headline(fig, "Le temps d'un changement se passe surtout à attendre",
             "Chaque étape commence quand la précédente finit ; même échelle pour les deux cartes")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.2, right=0.98, top=0.86, bottom=0.09, hspace=0.3)
    return fig


@styled
def waiting_chart(steps: Iterable[Mapping], share: float = 80) -> Figure:
    """Diagramme de Pareto de l'attente : les étapes qui en concentrent `share` %."""
    steps = list(steps)
    chosen = set(value_stream.waiting_pareto(steps, share))
    waits = sorted(((float(s["delai_h"]) - float(s["traitement_h"]), s["nom"]) for s in steps),
                   reverse=True)
    total = sum(w for w, _ in waits)
    fig, ax = figure(size=(12, 5))
    labels = [textwrap.fill(name, 18) for _, name in waits]
    ax.bar(range(len(waits)), [w for w, _ in waits], width=0.65,
           color=[BLUE if name in chosen else BLUE_LIGHT for _, name in waits])
    for x, (wait, _) in enumerate(waits):
        ax.text(x, wait + total * 0.006, f"{fr(wait)} h", ha="center", va="bottom", fontsize=9)
    ax.set_xticks(range(len(waits)), labels, fontsize=8.5)
    ax.set_ylabel("attente (heures ouvrées)")
    grid(ax, "y")
    twin = ax.twinx()
    running, cumulative = 0.0, []
    for wait, _ in waits:
        running += wait
        cumulative.append(100 * running / total)
    twin.plot(range(len(waits)), cumulative, color=RED, marker="o", linewidth=1.8)
    twin.axhline(share, color=RED, linestyle=":", linewidth=1)
    twin.text(len(waits) - 0.5, share + 1.5, f"{fr(share)} % de l'attente", color=RED,
              ha="right", fontsize=9)
    twin.set_ylim(0, 105)
    twin.set_ylabel("part cumulée de l'attente (%)", color=RED)
    twin.spines["right"].set_visible(True)
    twin.tick_params(axis="y", colors=RED)
    headline(fig, "Où se perd le temps ?",
             f"Attente par étape, de la plus longue à la plus courte ; en foncé, les étapes qui "
             f"concentrent {fr(share)} % de l'attente (carte « avant »)")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.07, right=0.93, top=0.83, bottom=0.2)
    return fig


@styled
def allocation_chart(rows: Iterable[Mapping]) -> Figure:
    """Répartition hebdomadaire du temps de l'équipe, avant et après (barres à 100 %)."""
    from matplotlib.patches import Patch

    weeks: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        weeks[(row["periode"], row["semaine"])][row["categorie"]] += float(row["heures"])
    fig, ax = figure(size=(13, 5.4))
    positions, labels, x = [], [], 0
    for period in ("avant", "apres"):
        keys = sorted(k for k in weeks if k[0] == period)
        for key in keys:
            hours, bottom = weeks[key], 0.0
            total = sum(hours.values())
            for category, (_, colour) in CATEGORY_LABELS.items():
                share = 100 * hours.get(category, 0.0) / total
                ax.bar(x, share, bottom=bottom, width=0.8, color=colour, edgecolor="white",
                       linewidth=0.5)
                bottom += share
            positions.append(x)
            labels.append(key[1].split("-")[1])
            x += 1
        mean = value_stream.time_allocation(
            [{"periode": p, "categorie": c, "heures": h} for (p, _), cats in weeks.items()
             for c, h in cats.items()], period).get("fonctionnalites", 0.0)
        centre = x - 6.5
        ax.text(centre, 103, f"{'Avant' if period == 'avant' else 'Après'} : "
                f"{fr(mean, 0)} % du temps à construire", ha="center", fontsize=11,
                fontweight="bold", color=BLUE)
        x += 1.5
    ax.set_xticks(positions, labels, fontsize=8)
    ax.set_xlabel("semaine (2025 puis 2026)")
    ax.set_ylim(0, 110)
    ax.set_yticks(range(0, 101, 25), [f"{v} %" for v in range(0, 101, 25)])
    ax.legend(handles=[Patch(color=c, label=label) for label, c in CATEGORY_LABELS.values()],
              loc="upper center", ncol=5, fontsize=9, bbox_to_anchor=(0.5, -0.13))
    headline(fig, "Moins de débogage, plus de fonctionnalités",
             "Part du temps de l'équipe par activité, semaine par semaine (relevés de temps)")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.06, right=0.99, top=0.84, bottom=0.24)
    return fig


@styled
def payback_chart(result: Mapping, hypotheses: Mapping, months: int = 36) -> Figure:
    """Trésorerie cumulée de l'automatisation, mois par mois : l'investissement, puis le gain
    net de chaque mois ; le point mort est le délai de retour."""
    investment = float(result["investissement"])
    yearly = sum(float(line["montant"]) for line in hypotheses["couts_annuels"])
    monthly = (float(result["gain_annuel"]) - yearly) / 12
    xs = list(range(months + 1))
    ys = [(-investment + monthly * m) / 1000 for m in xs]
    fig, ax = figure(size=(12, 5))
    ax.axhline(0, color=INK, linewidth=1)
    ax.fill_between(xs, ys, 0, where=[y < 0 for y in ys], color=RED, alpha=0.15,
                    interpolate=True)
    ax.fill_between(xs, ys, 0, where=[y >= 0 for y in ys], color=GREEN, alpha=0.15,
                    interpolate=True)
    ax.plot(xs, ys, color=BLUE, linewidth=2.4)
    payback = float(result["retour_mois"])
    ax.scatter([payback], [0], s=70, color=BLUE, zorder=4)
    ax.annotate(f"point mort : {fr(payback, 1)} mois", (payback, 0), xytext=(12, -28),
                textcoords="offset points", fontsize=10, fontweight="bold", color=BLUE,
                arrowprops={"arrowstyle": "-", "color": BLUE})
    for year in (1, 3):
        month = 12 * year
        ax.axvline(month, color=GREY_MID, linestyle=":", linewidth=1)
        ax.scatter([month], [ys[month]], s=36, color=BLUE, zorder=4)
        key = "roi_1_an_pct" if year == 1 else "roi_3_ans_pct"
        ax.annotate(f"ROI à {year} an{'s' if year > 1 else ''} : {fr(float(result[key]))} %",
                    (month, ys[month]), xytext=(-8, 10), textcoords="offset points",
                    ha="right", fontsize=10, color=INK, fontweight="bold")
    ax.set_xlim(0, months)
    ax.set_ylim(min(ys) * 1.25, max(ys) * 1.15)
    ax.set_xticks(range(0, months + 1, 6))
    ax.set_xlabel("mois après le lancement")
    ax.set_ylabel("trésorerie cumulée (k€)")
    grid(ax, "y")
    headline(fig, "L'automatisation se rembourse en quelques mois",
             f"Investissement de {fr(investment / 1000)} k€, puis chaque mois le gain net "
             f"({fr(monthly / 1000, 1)} k€ : gain moins coûts récurrents)")
    source(fig, SOURCE + " Hypothèses : hypotheses-roi.yaml.")
    fig.subplots_adjust(left=0.08, right=0.98, top=0.83, bottom=0.12)
    return fig
