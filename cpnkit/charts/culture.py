"""Charts of the Westrum culture survey: answers per item, and their change between waves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from graders import culture

from .style import BLUE, GREY, GREY_LIGHT, INK, RED, figure, fr, grid, headline, source, styled

ITEM_LABELS = {
    "information": "Information recherchée",
    "messagers": "Messagers protégés",
    "responsabilites": "Responsabilités partagées",
    "transversalite": "Coopération entre équipes",
    "echecs": "Échec → amélioration",
    "nouveautes": "Idées nouvelles accueillies",
}
TEAM_LABELS = {"developpement": "Développement", "exploitation": "Exploitation",
               "securite": "Sécurité"}
LIKERT_COLOURS = ("#E1000F", "#F36E6E", "#FBC8C5", "#E5E5E5", "#CACAFB", "#6A6AF4", BLUE)
WAVE_LABELS = {"2026-03": "mars 2026", "2026-09": "septembre 2026"}
SOURCE = "Source : enquête anonyme du programme (données fictives du kit), items DORA."


def _records(rows: Iterable[Mapping]) -> list[dict]:
    """Survey rows from a DataFrame's records or from culture.read_survey (blank -> None)."""
    cleaned = []
    for row in rows:
        row = dict(row)
        for item in culture.ITEMS:
            value = row.get(item)
            row[item] = None if value in ("", None) or value != value else int(value)
        cleaned.append(row)
    return cleaned


def _shares(rows: list[dict], wave: str, team: str, item: str) -> list[float]:
    answers = [r[item] for r in culture.valid_respondents(rows, wave)
               if r["equipe"] == team and r[item] is not None]
    return [100 * answers.count(level) / len(answers) for level in range(1, 8)]


@styled
def likert_chart(rows: Iterable[Mapping], wave: str) -> Figure:
    """Réponses de chaque équipe à chaque item, en barres divergentes autour de « neutre ».

    À gauche le désaccord, à droite l'accord ; le nombre à droite est la moyenne de l'item,
    en rouge pour l'item le plus faible de l'équipe.
    """
    from matplotlib.patches import Patch

    rows = _records(rows)
    teams = sorted({r["equipe"] for r in rows})
    means = culture.item_means(rows, wave)
    scores = culture.team_scores(rows, wave)
    fig, axes = figure(1, len(teams), size=(13, 4.8), sharey=True)
    items = list(culture.ITEMS)[::-1]
    for ax, team in zip(axes, teams, strict=True):
        weakest = min(means[team], key=means[team].__getitem__)
        for y, item in enumerate(items):
            shares = _shares(rows, wave, team, item)
            left = -(sum(shares[:3]) + shares[3] / 2)
            for level, share in enumerate(shares):
                ax.barh(y, share, left=left, height=0.62, color=LIKERT_COLOURS[level],
                        edgecolor="white", linewidth=0.6)
                left += share
            colour, weight = (RED, "bold") if item == weakest else (INK, "normal")
            ax.text(104, y, fr(means[team][item], 1), va="center", ha="left", color=colour,
                    fontweight=weight, fontsize=10)
        count = len([r for r in culture.valid_respondents(rows, wave) if r["equipe"] == team])
        ax.set_title(f"{TEAM_LABELS.get(team, team)}\nscore {fr(scores[team], 2)} / 7 · "
                     f"{count} répondants", fontsize=11)
        ax.axvline(0, color=GREY, linewidth=0.8)
        ax.set_xlim(-100, 118)
        ax.set_xticks([-100, -50, 0, 50, 100], ["100 %", "50 %", "0", "50 %", "100 %"])
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        grid(ax)
    axes[0].set_yticks(range(len(items)), [ITEM_LABELS[i] for i in items])
    labels = ["1 · pas du tout d'accord", "2", "3", "4 · neutre", "5", "6",
              "7 · tout à fait d'accord"]
    fig.legend(handles=[Patch(color=c, label=label) for c, label in
                        zip(LIKERT_COLOURS, labels, strict=True)],
               loc="lower center", ncol=7, fontsize=9, bbox_to_anchor=(0.5, 0.04))
    headline(fig, f"Culture des équipes en {WAVE_LABELS.get(wave, wave)}",
             "Part des réponses de 1 à 7 pour chaque item ; à droite, la moyenne de l'item "
             "(en rouge : le plus faible de l'équipe)")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.16, right=0.98, top=0.78, bottom=0.2, wspace=0.12)
    return fig


@styled
def change_chart(rows: Iterable[Mapping], first: str, last: str) -> Figure:
    """Moyenne de chaque item et score de chaque équipe, d'une vague à l'autre (flèches)."""
    rows = _records(rows)
    teams = sorted({r["equipe"] for r in rows})
    before, after = culture.item_means(rows, first), culture.item_means(rows, last)
    score_before = culture.team_scores(rows, first, digits=6)
    score_after = culture.team_scores(rows, last, digits=6)
    fig, axes = figure(1, len(teams), size=(13, 4.6), sharey=True)
    labels = ["Score de culture"] + [ITEM_LABELS[i] for i in culture.ITEMS]
    for ax, team in zip(axes, teams, strict=True):
        pairs = [(score_before[team], score_after[team])] + [
            (before[team][i], after[team][i]) for i in culture.ITEMS]
        weakest = min(after[team], key=after[team].__getitem__)
        ax.axvspan(5, 7, color="#F0F0FF", zorder=0)
        ax.axvline(4, color=GREY, linewidth=0.8, linestyle=":")
        for index, (old, new) in enumerate(pairs):
            y = len(pairs) - 1 - index
            colour = BLUE if new >= old else RED
            size = 90 if index == 0 else 45
            ax.annotate("", xy=(new, y), xytext=(old, y),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2 if
                                    index == 0 else 1.3, "shrinkA": 4, "shrinkB": 5})
            ax.scatter([old], [y], s=size, color="white", edgecolor=GREY, zorder=3)
            ax.scatter([new], [y], s=size, color=colour, zorder=4)
            delta = new - old
            text = ("+" if delta >= 0 else "−") + fr(abs(delta), 1)
            ax.text(7.05, y, text, va="center", ha="left", color=colour, fontsize=10,
                    fontweight="bold" if index == 0 else "normal")
            if index > 0 and culture.ITEMS[index - 1] == weakest:
                ax.text(new, y + 0.3, f"le plus faible en {WAVE_LABELS.get(last, last)}",
                        fontsize=8, color=RED, ha="center")
        ax.set_title(TEAM_LABELS.get(team, team), fontsize=11)
        ax.set_xlim(1, 7.6)
        ax.set_xticks(range(1, 8))
        ax.set_ylim(-0.6, len(pairs) - 0.4)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.axhline(len(pairs) - 1.5, color=GREY_LIGHT, linewidth=1)
        grid(ax)
    axes[0].set_yticks(range(len(labels)), labels[::-1])
    axes[0].get_yticklabels()[-1].set_fontweight("bold")
    axes[1].set_xlabel("moyenne sur l'échelle de 1 à 7 (zone bleutée : accord net, 5 et plus)")
    headline(fig, f"Ce qui a bougé entre {WAVE_LABELS.get(first, first)} et "
                  f"{WAVE_LABELS.get(last, last)}",
             "○ première vague → ● seconde vague ; bleu : en hausse, rouge : en baisse")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.16, right=0.97, top=0.8, bottom=0.16, wspace=0.1)
    return fig
