"""Westrum organisational culture: scores from a team survey (reference computations).

The six items of DORA's "generative culture" capability, answered on a 7-point agreement
scale (1 = pas du tout d'accord, 7 = tout à fait d'accord). A respondent's score is the mean
of the items they answered; a team's score is the mean of its respondents' scores.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from statistics import fmean

from .errors import GradingError
from .results import CheckResult, failed, passed, plain

ITEMS = ("information", "messagers", "responsabilites", "transversalite", "echecs",
         "nouveautes")
MIN_ANSWERS = 4  # fewer answered items: the respondent is left out


def read_survey(path: str | Path) -> list[dict]:
    """Lire l'enquête (CSV) : une ligne par répondant, None pour « ne sait pas »."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{**row, **{item: int(row[item]) if row[item] else None for item in ITEMS}}
            for row in rows]


def _answers(row: dict) -> list[int]:
    return [row[item] for item in ITEMS if row[item] is not None]


def valid_respondents(rows: Iterable[dict], wave: str,
                      min_answers: int = MIN_ANSWERS) -> list[dict]:
    """Les répondants d'une vague qui ont répondu à au moins `min_answers` items."""
    return [r for r in rows if r["vague"] == wave and len(_answers(r)) >= min_answers]


def team_scores(rows: Iterable[dict], wave: str, min_answers: int = MIN_ANSWERS,
                digits: int = 2) -> dict[str, float]:
    """Score de culture de chaque équipe : moyenne des scores de ses répondants valides."""
    by_team: dict[str, list[float]] = defaultdict(list)
    for row in valid_respondents(rows, wave, min_answers):
        by_team[row["equipe"]].append(fmean(_answers(row)))
    return {team: round(fmean(scores), digits) for team, scores in sorted(by_team.items())}


def item_means(rows: Iterable[dict], wave: str,
               min_answers: int = MIN_ANSWERS) -> dict[str, dict[str, float]]:
    """Moyenne de chaque item par équipe (réponses « ne sait pas » ignorées)."""
    by_team: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in valid_respondents(rows, wave, min_answers):
        for item in ITEMS:
            if row[item] is not None:
                by_team[row["equipe"]][item].append(row[item])
    return {team: {item: fmean(values[item]) for item in ITEMS if values[item]}
            for team, values in sorted(by_team.items())}


def weakest_items(rows: Iterable[dict], wave: str,
                  min_answers: int = MIN_ANSWERS) -> dict[str, str]:
    """L'item le plus faible de chaque équipe : celui où agir en priorité."""
    return {team: min(means, key=means.__getitem__)
            for team, means in item_means(rows, wave, min_answers).items()}


def evolution(rows: Iterable[dict], first: str, last: str,
              min_answers: int = MIN_ANSWERS) -> dict[str, float]:
    """Évolution du score de chaque équipe entre deux vagues (dernière moins première)."""
    rows = list(rows)
    before = team_scores(rows, first, min_answers, digits=6)
    after = team_scores(rows, last, min_answers, digits=6)
    return {team: round(after[team] - before[team], 2) for team in sorted(before)
            if team in after}


def plan_problems(plan: dict, weakest: dict[str, str], levers: dict[str, dict],
                  budget: float) -> list[str]:
    """Ce qui ne va pas dans un plan d'action {équipe: levier} (liste vide s'il est bon).

    Chaque équipe reçoit un levier du catalogue, différent pour chacune, qui agit sur son item
    le plus faible ; le coût total tient dans le budget.
    """
    problems = []
    if not isinstance(plan, dict) or set(plan) != set(weakest):
        found = sorted(plan) if isinstance(plan, dict) else type(plan).__name__
        return [f"un levier pour chacune des équipes {sorted(weakest)} (reçu : {found})"]
    for team, lever in sorted(plan.items()):
        if lever not in levers:
            problems.append(f"{team} : « {lever} » n'est pas dans le catalogue")
        elif weakest[team] not in levers[lever]["items"]:
            problems.append(f"{team} : « {lever} » n'agit pas sur « {weakest[team]} », "
                            "son item le plus faible")
    if len(set(plan.values())) != len(plan):
        problems.append("le même levier est choisi pour deux équipes")
    cost = sum(levers[lever]["jours"] for lever in plan.values() if lever in levers)
    if cost > budget:
        problems.append(f"coût total {cost} jours, au-delà du budget de {budget} jours")
    return problems


def check_plan(plan: object, weakest: dict[str, str], levers: dict[str, dict],
               budget: float) -> CheckResult:
    """Le plan d'action {équipe: levier} respecte-t-il le catalogue, les items et le budget ?"""
    what = "plan d'action"
    try:
        value = plain(plan, what)
    except GradingError as error:
        return failed(what, "un dictionnaire {équipe: identifiant de levier}", error.message)
    problems = plan_problems(value, weakest, levers, budget)
    if problems:
        return failed(what, f"un levier par équipe, sur son item le plus faible, en "
                            f"{budget} jours au plus",
                      "\n              ".join(problems),
                      "Relisez la colonne « items » du catalogue et additionnez les jours.")
    return passed(what)
