"""Charts of preview environments: how long merge requests stay open, how many environments
live at once, and what each strategy costs over the quarter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from graders import ephemeral

from .style import (
    BLUE,
    BLUE_LIGHT,
    GREY_LIGHT,
    MONTHS,
    ORANGE,
    RED,
    euros,
    figure,
    fr,
    grid,
    headline,
    source,
    styled,
)

SOURCE = ("Source : merge requests de l'équipe « Rendez-vous en préfecture », 1er trimestre "
          "2026 ; grille tarifaire indicative du kit (données fictives).")


def _merge_requests(rows: Iterable[Mapping]) -> list[dict]:
    """Rows from a DataFrame's records or from ephemeral.read_merge_requests."""
    cleaned = []
    for row in rows:
        row = dict(row)
        for key in ("ouverte_le", "fermee_le"):
            value = row.get(key)
            if value in ("", None) or value != value:
                row[key] = None
            elif not isinstance(value, datetime):
                row[key] = datetime.fromisoformat(str(value))
            else:  # a pandas Timestamp is a datetime: make it a plain one
                row[key] = datetime.fromisoformat(value.isoformat())
        cleaned.append(row)
    return cleaned


def _period(grid_: Mapping) -> tuple[datetime, datetime]:
    period = grid_["periode"]
    return (datetime.fromisoformat(str(period["debut"])),
            datetime.fromisoformat(str(period["fin"])))


@styled
def lifetimes_chart(rows: Iterable[Mapping], grid_: Mapping) -> Figure:
    """Combien de temps les merge requests restent ouvertes (échelle logarithmique), et la
    durée de vie maximale d'un environnement de revue."""
    merge_requests = _merge_requests(rows)
    _, end = _period(grid_)
    limit = float(grid_["duree_vie_max_h"])
    hours = [((mr["fermee_le"] or end) - mr["ouverte_le"]).total_seconds() / 3600
             for mr in merge_requests]
    edges = [0.5 * 2 ** (k / 2) for k in range(0, 23)]
    fig, ax = figure(size=(12, 4.8))
    counts = [sum(1 for h in hours if low <= h < high) for low, high in zip(edges, edges[1:],
                                                                            strict=False)]
    for (low, high), count in zip(zip(edges, edges[1:], strict=False), counts, strict=True):
        ax.bar(low, count, width=high - low, align="edge",
               color=RED if low >= limit else BLUE_LIGHT,
               edgecolor=RED if low >= limit else BLUE, linewidth=0.8)
    ax.set_xscale("log")
    ticks = [1, 4, 8, 24, 72, 168, 336, 720]
    ax.set_xticks(ticks, ["1 h", "4 h", "8 h", "1 j", "3 j", "1 sem.", "2 sem.", "1 mois"])
    ax.axvline(limit, color=RED, linewidth=1.5)
    over = sum(1 for h in hours if h > limit)
    ax.text(limit * 1.06, max(counts) * 0.95,
            f"durée de vie maximale : {fr(limit)} h\n{over} MR restent ouvertes plus "
            "longtemps :\nleur environnement est détruit\nautomatiquement", color=RED,
            fontsize=9.5, va="top")
    ax.set_xlabel("durée d'ouverture de la merge request (échelle logarithmique)")
    ax.set_ylabel("nombre de merge requests")
    grid(ax, "y")
    median = sorted(hours)[len(hours) // 2]
    headline(fig, "La plupart des merge requests vivent moins de deux jours",
             f"{len(hours)} merge requests au 1er trimestre 2026 ; durée médiane "
             f"{fr(median)} h")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.07, right=0.98, top=0.83, bottom=0.14)
    return fig


def _steps(spans: list[tuple[datetime, datetime]]) -> tuple[list[datetime], list[int]]:
    events = sorted([(stop, -1) for _, stop in spans] + [(start, 1) for start, _ in spans])
    times, alive, counts = [], 0, []
    for moment, change in events:
        alive += change
        times.append(moment)
        counts.append(alive)
    return times, counts


@styled
def costs_chart(rows: Iterable[Mapping], grid_: Mapping) -> Figure:
    """En haut, les environnements de revue vivants au fil du trimestre ; en bas, le coût
    cumulé de chaque stratégie."""
    import matplotlib.dates as mdates

    merge_requests = _merge_requests(rows)
    start, end = _period(grid_)
    spans = ephemeral.lifetimes(merge_requests, end, grid_["duree_vie_max_h"])
    result = ephemeral.costs(merge_requests, grid_)
    rate = ephemeral.hourly_cost(grid_)
    permanent = int(grid_["environnements_permanents_actuels"])
    fig, (top, bottom) = figure(2, 1, size=(12, 7.6), sharex=True, height_ratios=(1, 1.1))
    day = start
    while day < end:
        if day.weekday() == 5:
            for ax in (top, bottom):
                ax.axvspan(day, day + timedelta(days=2), color=GREY_LIGHT, alpha=0.5, lw=0)
        day += timedelta(days=1)
    times, counts = _steps(spans)
    top.step([start] + times + [end], [0] + counts + [counts[-1]], where="post", color=BLUE,
             linewidth=1.3)
    top.fill_between([start] + times + [end], [0] + counts + [counts[-1]], step="post",
                     color=BLUE, alpha=0.12)
    peak_at = times[counts.index(max(counts))]
    top.annotate(f"pic : {max(counts)} environnements en même temps", (peak_at, max(counts)),
                 xytext=(18, 6), textcoords="offset points", fontsize=10, fontweight="bold",
                 color=BLUE, arrowprops={"arrowstyle": "-", "color": BLUE, "lw": 0.8})
    top.axhline(permanent, color=ORANGE, linewidth=1.5, linestyle="--")
    top.text(end - timedelta(hours=6), max(counts) * 1.2,
             f"- - -  aujourd'hui : {permanent} environnements partagés, allumés en permanence",
             color=ORANGE, fontsize=9, ha="right", va="center")
    top.set_ylim(0, max(counts) * 1.32)
    top.set_ylabel("environnements vivants")
    grid(top, "y")
    hours_total = (end - start).total_seconds() / 3600
    cumulative = {"éphémères (un par MR)": [], f"{max(counts)} permanents (même service)": [],
                  f"{permanent} permanents (aujourd'hui)": []}
    checkpoints = [start + timedelta(hours=h) for h in range(0, int(hours_total) + 1, 6)]
    for moment in checkpoints:
        lived = sum(max(0.0, (min(stop, moment) - begin).total_seconds()) for begin, stop in
                    spans) / 3600
        created = sum(1 for begin, _ in spans if begin <= moment)
        elapsed = (moment - start).total_seconds() / 3600
        env = grid_["environnement_revue"]
        values = (lived * rate + created * env["creation_minutes_ci"] * grid_["prix"][
            "minute_ci"], max(counts) * elapsed * rate, permanent * elapsed * rate)
        for key, value in zip(cumulative, values, strict=True):
            cumulative[key].append(value)
    for (label, values), colour in zip(cumulative.items(), (BLUE, RED, ORANGE), strict=True):
        bottom.plot(checkpoints, values, color=colour, linewidth=2.2,
                    label=f"{label} : {euros(values[-1])}")
    bottom.set_ylabel("coût cumulé (€)")
    bottom.legend(loc="upper left", fontsize=10, title="Coût sur le trimestre",
                  title_fontsize=10, alignment="left")
    grid(bottom, "y")
    bottom.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=2))
    bottom.xaxis.set_major_formatter(
        lambda value, _: f"{mdates.num2date(value).day} {MONTHS[mdates.num2date(value).month - 1]}")
    bottom.set_xlim(start, end)
    headline(fig, f"Éphémère : un environnement par merge request pour "
             f"{fr(100 - result['economie_pct'], 0)} % du prix",
             f"Environnements de revue vivants (détruits à la fermeture, ou au bout de "
             f"{grid_['duree_vie_max_h']} h) et coût cumulé ; week-ends en gris")
    source(fig, SOURCE)
    fig.subplots_adjust(left=0.08, right=0.98, top=0.87, bottom=0.08, hspace=0.12)
    return fig
