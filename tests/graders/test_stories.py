"""User stories, acceptance criteria and INVEST (pure logic)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graders import plain, stories

BACKLOG = Path(__file__).resolve().parents[2] / "notebooks" / "epics-et-user-stories"


def story(**changes) -> dict:
    base = {"id": "S-1", "recit": "En tant qu'usager, je veux annuler en ligne afin de libérer "
                                  "le créneau.",
            "estimation": 3, "depend_de": [],
            "criteres": ["Étant donné un rendez-vous\nQuand l'usager l'annule\nAlors il est "
                         "libéré", "Étant donné un rendez-vous passé\nQuand l'usager l'annule\n"
                         "Alors c'est refusé"]}
    return {**base, **changes}


def test_story_text_is_split_in_role_goal_and_benefit():
    parsed = stories.parse_story("En tant qu’agent d'accueil, je veux retrouver un dossier afin "
                                 "d'accueillir l'usager.")
    assert parsed == stories.Story("agent d'accueil", "retrouver un dossier",
                                   "accueillir l'usager")
    assert stories.parse_story("En tant qu'agent, je veux exporter la liste.") is None


def test_steps_follow_the_french_gherkin_keywords():
    text = ("  étant donnée une usagère\n\nQuand elle annule\nAlors c'est libéré.\n"
            "Et un courriel part\nMais aucun SMS")
    assert stories.parse_steps(text) == {
        "etant_donne": ["une usagère"], "quand": ["elle annule"],
        "alors": ["c'est libéré", "un courriel part", "aucun SMS"]}
    assert stories.parse_steps("ETANT DONNÉS deux usagers\nQUAND x\nALORS y")["etant_donne"] == [
        "deux usagers"]
    with pytest.raises(ValueError, match="sans mot-clé"):
        stories.parse_steps("Étant donné x\nLe créneau est libre")


def test_criterion_problems_name_the_missing_step_and_the_order():
    assert stories.criterion_problems("Étant donné x\nQuand y") == ["aucune étape « Alors »"]
    assert "ordre" in stories.criterion_problems("Quand y\nÉtant donné x\nAlors z")[0]
    assert stories.criterion_problems("Étant donné x\nQuand y\nAlors z") == []


@pytest.mark.parametrize(("changes", "letters"), [
    ({}, []),
    ({"depend_de": ["S-0"]}, ["I"]),
    ({"recit": "En tant qu'usager, je veux annuler."}, ["V"]),
    ({"estimation": None}, ["E"]),
    ({"estimation": 4}, ["E"]),
    ({"estimation": 13}, ["S"]),
    ({"criteres": []}, ["T"]),
    ({"criteres": ["Étant donné x\nQuand y"], "estimation": None}, ["E", "T"]),
])
def test_invest_letters(changes, letters):
    assert list(stories.invest_problems(story(**changes))) == letters


def test_the_shipped_backlog_has_the_documented_problems():
    backlog = yaml.safe_load((BACKLOG / "backlog.yaml").read_text(encoding="utf-8"))
    assert stories.diagnose(backlog["stories"]) == {
        "B-02": ["V"], "B-03": ["S"], "B-04": ["E", "T"], "B-05": ["I"], "B-06": ["T"]}


def test_an_epic_is_checked_on_its_stories():
    epic = {"id": "E", "titre": "t", "objectif": "o",
            "indicateur": {"nom": "n", "valeur_actuelle": 0.2, "cible": 0.1},
            "stories": [story(id=f"S-{i}") for i in range(3)]
            + [story(id="S-9", recit="En tant qu'agent, je veux voir les annulations afin de "
                                     "préparer l'accueil.")]}
    assert stories.epic_shape(plain(epic)).ok
    assert stories.epic_report(epic, capacity=40).ok
    assert not stories.epic_report(epic, capacity=10).ok
    single_role = {**epic, "stories": [story(id=f"S-{i}") for i in range(4)]}
    assert "rôles" in stories.epic_report(single_role, capacity=40).message()
    assert not stories.epic_shape({"id": "E"}).ok
    broken = {**epic, "stories": ["pas une story"] * 4}
    assert not stories.epic_report(broken, capacity=40).ok
