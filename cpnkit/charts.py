"""Graphiques des modules sur données : chaîne de valeur, métriques DORA, graphe de
dépendances, Pareto, flux financiers. Couleurs du système de design de l'État (DSFR).

Chaque fonction reçoit des valeurs simples (dictionnaires, listes) et renvoie une figure
matplotlib, affichée par le carnet. matplotlib n'est importé qu'au premier graphique.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping

BLUE, LIGHT_BLUE, RED, GREEN = "#000091", "#6A6AF4", "#E1000F", "#18753C"
ORANGE, GREY, DARK = "#E4794A", "#929292", "#3A3A3A"
LEVEL_COLOURS = {"élite": "#B8FEC9", "élevé": "#E6FEDA", "moyen": "#FEECC2", "faible": "#FEE2DE"}
CATEGORICAL = ["#000091", "#009081", "#C3992A", "#A558A0", "#CE614A", "#465F9D", "#B7A73F",
               "#E18B76", "#009099"]


def _pyplot():
    import matplotlib.pyplot as plt

    plt.rcParams.update({"figure.dpi": 100, "axes.spines.top": False,
                         "axes.spines.right": False, "axes.titleweight": "bold",
                         "axes.titlesize": 12, "font.size": 10})
    return plt


def _euros(value: float, sign: bool = False) -> str:
    """12345 -> « 12 345 € » ; with sign, « +12 345 € » or « −12 345 € »."""
    text = f"{abs(value):_.0f}".replace("_", " ") + " €"
    return ("+" if value >= 0 else "−") + text if sign else ("−" if value < 0 else "") + text


def _days(value: float) -> str:
    return f"{value:.1f} j".replace(".", ",")


# ---------------------------------------------------------------------------------------------
# Value stream
# ---------------------------------------------------------------------------------------------


def value_stream(order: list[str], wait: Mapping[str, float], work: Mapping[str, float],
                 title: str = "Chaîne de valeur : le parcours moyen d'un ticket"):
    """La carte de la chaîne de valeur : pour chaque activité, l'attente avant elle (orange)
    puis le travail (bleu), en jours par ticket, bout à bout de gauche à droite."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(11, 3.2))
    position = 0.0
    for index, activity in enumerate(order):
        start = position
        for value, colour, label in ((wait.get(activity, 0.0), ORANGE, "attente"),
                                     (work.get(activity, 0.0), BLUE, "travail")):
            ax.barh(0, value, left=position, color=colour, height=0.5,
                    label=label if index == 0 else None, edgecolor="white")
            if value >= 2:
                ax.text(position + value / 2, 0, _days(value), ha="center", va="center",
                        color="white", fontsize=9, fontweight="bold")
            position += value
        height = 0.3 + 0.17 * (index % 2)
        ax.plot([start, position], [height - 0.03] * 2, color=GREY, linewidth=1)
        ax.text(start if index == 0 else (start + position) / 2, height, activity,
                ha="left" if index == 0 else "center", va="bottom", fontsize=9, color=DARK)
    total_work, total = sum(work.values()), sum(work.values()) + sum(wait.values())
    ax.set_title(f"{title} — {_days(total)} de bout en bout, dont {_days(total_work)} de "
                 f"travail ({100 * total_work / total:.0f} %)")
    ax.set_yticks([])
    ax.set_ylim(-0.5, 0.75)
    ax.set_xlim(0, position * 1.01)
    ax.set_xlabel("jours depuis le début de l'analyse")
    ax.legend(loc="lower right", frameon=False, ncol=2)
    fig.tight_layout()
    return fig


def ticket_timeline(rows: Iterable[Mapping], order: list[str],
                    title: str = "Le parcours de quelques tickets"):
    """Diagramme de Gantt : une ligne par ticket, un segment coloré par passage dans une
    activité ; les blancs entre deux segments sont de l'attente. `rows` : dictionnaires
    ticket, activite, debut, fin (dates)."""
    plt = _pyplot()
    import matplotlib.dates as mdates

    rows = list(rows)
    tickets = sorted({r["ticket"] for r in rows}, reverse=True)
    colours = dict(zip(order, CATEGORICAL, strict=False))
    fig, ax = plt.subplots(figsize=(11, 0.45 * len(tickets) + 1.5))
    for row in rows:
        start, end = mdates.date2num(row["debut"]), mdates.date2num(row["fin"])
        ax.barh(tickets.index(row["ticket"]), end - start, left=start, height=0.6,
                color=colours[row["activite"]])
    ax.set_yticks(range(len(tickets)), tickets)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[a]) for a in order]
    ax.legend(handles, order, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=6,
              frameon=False, fontsize=8)
    ax.set_title(f"{title} (les blancs sont de l'attente)")
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------------------------------------
# Operating model
# ---------------------------------------------------------------------------------------------


def raci_heatmap(counts: Mapping[str, Mapping[str, int]], raci: Mapping[str, Mapping[str, str]],
                 activities: list[str], teams: list[str],
                 labels: Mapping[str, str] | None = None,
                 title: str = "Qui a fait quoi (nombre d'actions) et qui devrait (RACI)"):
    """Matrice activités × équipes : la couleur dit combien d'actions chaque équipe a faites,
    la lettre ce que prévoit la matrice RACI ; un cadre rouge signale une équipe qui agit sans
    être R ni A. `labels` : le libellé de chaque activité, affiché à côté de son code."""
    plt = _pyplot()
    grid = [[counts.get(team, {}).get(activity, 0) for team in teams] for activity in activities]
    fig, ax = plt.subplots(figsize=(1.6 * len(teams) + (6 if labels else 3),
                                    0.5 * len(activities) + 1.5))
    ax.imshow(grid, cmap="Blues", aspect="auto", vmin=0, vmax=max(max(r) for r in grid) * 1.3)
    for i, activity in enumerate(activities):
        for j, team in enumerate(teams):
            letters = str(raci.get(activity, {}).get(team, "") or "")
            value = grid[i][j]
            ax.text(j, i, f"{letters}\n{value}" if value else letters, ha="center",
                    va="center", fontsize=9, color=DARK, fontweight="bold")
            if value and not set(letters.upper()) & {"R", "A"}:
                ax.add_patch(plt.Rectangle((j - 0.47, i - 0.45), 0.94, 0.9, fill=False,
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


# ---------------------------------------------------------------------------------------------
# DORA metrics over time
# ---------------------------------------------------------------------------------------------

_DURATION_TICKS = {0.25: "15 min", 1: "1 h", 4: "4 h", 24: "1 jour", 168: "1 semaine",
                   720: "1 mois", 4320: "6 mois"}
_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc.")


def _month(key: str) -> str:
    """« 2026-04 » -> « avr. 2026 » (other keys are kept as they are)."""
    year, _, month = key.partition("-")
    return f"{_MONTHS[int(month) - 1]}\n{year}" if month.isdigit() and 1 <= int(month) <= 12 \
        else key


_DORA_PANELS = [
    ("frequence_par_semaine", "Déploiements en production par semaine", False),
    ("delai_median_heures", "Délai de mise en production (médiane)", True),
    ("taux_d_echec", "Taux d'échec des changements (%)", False),
    ("retablissement_median_heures", "Temps de rétablissement (médiane)", True),
]


def dora_trend(monthly: Mapping[str, Mapping[str, float]], marker: str | None = None,
               marker_label: str = "",
               bands: Mapping[str, tuple[tuple[float, float, float], bool]] | None = None):
    """Quatre métriques DORA mois par mois, sur le fond coloré des niveaux (élite en vert,
    faible en rouge). `marker` : un mois à signaler (un changement). `bands` : pour chaque
    métrique, les trois limites entre niveaux et si « plus haut » est mieux (par défaut, la
    grille du kit)."""
    plt = _pyplot()
    if bands is None:
        from graders.delivery import BANDS

        bands = {name: (band.limits, band.higher_is_better) for name, band in BANDS.items()}
    months = list(monthly)
    fig, axes = plt.subplots(2, 2, figsize=(11, 6.5), sharex=True)
    for ax, (metric, label, log) in zip(axes.flat, _DORA_PANELS, strict=True):
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
                ax.text(len(months) - 0.55, middle, name, fontsize=8, color=GREY, va="center")
        ax.plot(range(len(months)), [v if v is not None else float("nan") for v in values],
                marker="o", color=BLUE, linewidth=2, zorder=3)
        if log:
            ax.set_yscale("log")
            ticks = [t for t in _DURATION_TICKS if bottom <= t <= top]
            ax.set_yticks(ticks, [_DURATION_TICKS[t] for t in ticks])
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


# ---------------------------------------------------------------------------------------------
# Dependency graph
# ---------------------------------------------------------------------------------------------

_EDGE_STYLES = {"sync": (DARK, "-", "appel synchrone"), "async": (GREEN, "--", "événement"),
                "bdd": (RED, ":", "base de données partagée")}


def dependency_graph(layers: Mapping[str, int], edges: Iterable[tuple[str, str, str]],
                     in_cycle: Iterable[str] = (), title: str = "Dépendances entre services",
                     ax=None):
    """Le graphe des services, rangés par couche (interfaces en haut, socles en bas). Les
    flèches vont de l'appelant vers l'appelé ; les services pris dans un cycle sont cerclés
    de rouge."""
    plt = _pyplot()
    from matplotlib.patches import FancyArrowPatch

    if ax is None:
        fig, ax = plt.subplots(figsize=(12, 6.5))
    fig = ax.figure
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
        colour, style, _ = _EDGE_STYLES[kind]
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
    handles = [plt.Line2D([], [], color=c, linestyle=s, label=label)
               for c, s, label in _EDGE_STYLES.values()]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.1), ncol=3,
              frameon=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(-max(layers.values()) - 0.45, 0.3)
    ax.axis("off")
    ax.set_title(title)
    return fig


# ---------------------------------------------------------------------------------------------
# Backlog
# ---------------------------------------------------------------------------------------------


def pareto(shares: Mapping[str, float], threshold: float = 80.0,
           title: str = "Pourquoi les usagers appellent : diagramme de Pareto"):
    """Barres des parts (%) par motif, de la plus grande à la plus petite, et courbe du cumul ;
    les motifs qui font ensemble `threshold` % sont en bleu foncé."""
    plt = _pyplot()
    names = sorted(shares, key=lambda k: -shares[k])
    values = [shares[n] for n in names]
    cumulative = [sum(values[: i + 1]) for i in range(len(values))]
    reached = next((i for i, c in enumerate(cumulative) if c >= threshold - 1e-9),
                   len(values) - 1)
    fig, ax = plt.subplots(figsize=(11, 4.5))
    bars = ax.bar(range(len(names)), values,
                  color=[BLUE if i <= reached else LIGHT_BLUE for i in range(len(names))])
    ax.bar_label(bars, [f"{v:.0f} %" for v in values], fontsize=8, padding=2)
    ax.set_ylabel("part des contacts (%)")
    ax.set_xticks(range(len(names)), [textwrap.fill(n, 14) for n in names], fontsize=8)
    twin = ax.twinx()
    twin.plot(range(len(names)), cumulative, color=ORANGE, marker="o")
    twin.axhline(threshold, color=RED, linestyle="--", linewidth=1)
    twin.text(len(names) - 0.5, threshold + 1, f"{threshold:.0f} %", color=RED, ha="right")
    twin.set_ylim(0, 105)
    twin.set_ylabel("cumul (%)")
    twin.spines["right"].set_visible(True)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def release_plan(features: list[tuple[str, int]], capacity: int,
                 title: str = "Ce qui entre dans la release"):
    """Les features empilées dans l'ordre de priorité (points cumulés) face à la capacité de
    la release : ce qui dépasse la ligne attend la release suivante."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(11, 2.8))
    position = 0
    for index, (name, points) in enumerate(features):
        fits = position + points <= capacity
        ax.barh(0, points, left=position, color=CATEGORICAL[index % len(CATEGORICAL)],
                alpha=1.0 if fits else 0.35, edgecolor="white", height=0.5)
        later = "" if fits else "\n(suivante)"
        ax.text(position + points / 2, 0, f"{name}\n{points} pts{later}", ha="center",
                va="center", color="white" if fits else DARK, fontsize=9, fontweight="bold")
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


# ---------------------------------------------------------------------------------------------
# Business case
# ---------------------------------------------------------------------------------------------


def cumulative_flows(scenarios: Mapping[str, Mapping[int, float]],
                     title: str = "Cumul des flux nets : quand le projet est-il remboursé ?"):
    """Une courbe par scénario : le cumul des flux nets année après année ; le point où la
    courbe passe au-dessus de zéro est l'année de retour sur investissement."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(10, 4.5))
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
    ax.axhline(0, color=DARK, linewidth=1)
    ax.set_xticks(sorted(next(iter(scenarios.values()))))
    ax.set_ylabel("cumul (milliers d'euros)")
    ax.legend(frameon=False)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def waterfall(items: list[tuple[str, float]], title: str = "Du coût du projet au montant "
              "demandé au sponsor"):
    """Cascade : chaque élément ajoute (positif) ou retire (négatif) un montant ; la dernière
    barre est le total."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(10, 4))
    total = 0.0
    for index, (_name, value) in enumerate(items):
        colour = BLUE if value >= 0 else GREEN
        ax.bar(index, value / 1000, bottom=total / 1000, color=colour)
        ax.text(index, (total + value / 2) / 1000, _euros(value, sign=True), ha="center",
                va="center", color="white", fontweight="bold", fontsize=9)
        total += value
    ax.bar(len(items), total / 1000, color=ORANGE)
    ax.text(len(items), total / 2000, _euros(total), ha="center", va="center", color="white",
            fontweight="bold")
    ax.set_xticks(range(len(items) + 1), [n for n, _ in items] + ["montant demandé"],
                  fontsize=9)
    ax.set_ylabel("milliers d'euros")
    ax.set_title(title)
    fig.tight_layout()
    return fig
