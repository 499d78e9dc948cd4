"""Westrum culture scores (pure logic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graders import culture

ROWS = [
    {"vague": "A", "equipe": "dev", "repondant": "R1", "information": 7, "messagers": 5,
     "responsabilites": 6, "transversalite": 4, "echecs": 6, "nouveautes": 7},
    {"vague": "A", "equipe": "dev", "repondant": "R2", "information": 5, "messagers": None,
     "responsabilites": 4, "transversalite": 2, "echecs": 4, "nouveautes": 5},
    # three items only: left out
    {"vague": "A", "equipe": "dev", "repondant": "R3", "information": 1, "messagers": 1,
     "responsabilites": 1, "transversalite": None, "echecs": None, "nouveautes": None},
    {"vague": "A", "equipe": "ops", "repondant": "R4", "information": 3, "messagers": 3,
     "responsabilites": 3, "transversalite": 3, "echecs": 1, "nouveautes": 3},
    {"vague": "B", "equipe": "dev", "repondant": "R5", "information": 7, "messagers": 7,
     "responsabilites": 7, "transversalite": 7, "echecs": 7, "nouveautes": 6},
    {"vague": "B", "equipe": "ops", "repondant": "R6", "information": 4, "messagers": 4,
     "responsabilites": 4, "transversalite": 4, "echecs": 4, "nouveautes": 4},
]


def test_a_team_score_is_the_mean_of_its_valid_respondents_scores():
    # R1: 35/6 ; R2: 20/5 = 4 ; R3 left out (3 answers)
    assert culture.team_scores(ROWS, "A") == {"dev": round((35 / 6 + 4) / 2, 2),
                                               "ops": round(16 / 6, 2)}


def test_the_weakest_item_ignores_blank_answers():
    assert culture.weakest_items(ROWS, "A") == {"dev": "transversalite", "ops": "echecs"}


def test_evolution_is_last_minus_first():
    scores_a = {"dev": (35 / 6 + 4) / 2, "ops": 16 / 6}
    assert culture.evolution(ROWS, "A", "B") == {
        "dev": round(41 / 6 - scores_a["dev"], 2), "ops": round(4 - scores_a["ops"], 2)}


LEVERS = {"a": {"items": ["echecs"], "jours": 3}, "b": {"items": ["transversalite"], "jours": 5},
          "c": {"items": ["transversalite", "echecs"], "jours": 9}}
WEAKEST = {"dev": "transversalite", "ops": "echecs"}


def test_a_good_plan_has_no_problem():
    assert culture.plan_problems({"dev": "b", "ops": "a"}, WEAKEST, LEVERS, 8) == []


@pytest.mark.parametrize(("plan", "budget", "problem"), [
    ({"dev": "b"}, 20, "un levier pour chacune des équipes"),
    ({"dev": "b", "ops": "z"}, 20, "« z » n'est pas dans le catalogue"),
    ({"dev": "a", "ops": "a"}, 20, "n'agit pas sur « transversalite »"),
    ({"dev": "c", "ops": "c"}, 20, "le même levier est choisi pour deux équipes"),
    ({"dev": "c", "ops": "a"}, 8, "coût total 12 jours, au-delà du budget de 8 jours"),
])
def test_plan_problems_are_named(plan, budget, problem):
    assert any(problem in p for p in culture.plan_problems(plan, WEAKEST, LEVERS, budget))


def test_the_survey_file_is_read_with_blanks_as_none(tmp_path: Path):
    path = tmp_path / "enquete.csv"
    path.write_text("vague,equipe,repondant,information,messagers,responsabilites,"
                    "transversalite,echecs,nouveautes\nA,dev,R1,7,,6,4,6,7\n", encoding="utf-8")
    [row] = culture.read_survey(path)
    assert row["messagers"] is None and row["information"] == 7


def test_check_plan_gives_a_french_result():
    assert culture.check_plan({"dev": "b", "ops": "a"}, WEAKEST, LEVERS, 8).ok
    result = culture.check_plan({"dev": "c", "ops": "a"}, WEAKEST, LEVERS, 8)
    assert not result.ok and "au-delà du budget" in result.message()
    assert not culture.check_plan(object(), WEAKEST, LEVERS, 8).ok
