"""Operating model: RACI checks and gaps between the journal and the matrix (pure logic)."""

from __future__ import annotations

from graders import organisation
from graders.organisation import Action, Activity

ACTIVITIES = [Activity("A1", "Écrire le code", "construire"),
              Activity("A2", "Maintenir la chaîne", "plateforme"),
              Activity("A3", "Former l'équipe", "accompagnement")]
GOOD = {
    "A1": {"equipe-produit": "AR", "service-team": "C", "operateur-chaine": "",
           "operateur-cloud": "I"},
    "A2": {"equipe-produit": "I", "operateur-chaine": "AR"},
    "A3": {"equipe-produit": "C", "service-team": "AR"},
}


class AlwaysEqual(dict):
    def __eq__(self, other):
        return True

    __hash__ = None


def _failures(raci):
    return [r.what for r in organisation.check_raci(raci, ACTIVITIES).results if not r.ok]


def test_a_matrix_that_follows_the_model_passes():
    assert _failures(GOOD) == []


def test_lower_case_letters_are_accepted():
    raci = {**GOOD, "A3": {"equipe-produit": "c", "service-team": "ar"}}
    assert _failures(raci) == []


def test_each_rule_of_the_model_is_checked():
    raci = {
        "A1": {"equipe-produit": "R", "service-team": "AR"},  # wrong owner, service team does
        "A2": {"operateur-chaine": "A", "equipe-produit": "A"},  # two A, no R
        "A3": {"service-team": "AR", "exploitation": "R", "equipe-produit": "X"},
    }
    assert _failures(raci) == [
        "A1 (Écrire le code) : A tenu par l'équipe du modèle",
        "A1 (Écrire le code) : la service team accompagne sans faire à la place",
        "A2 (Maintenir la chaîne) : un seul A",
        "A2 (Maintenir la chaîne) : au moins un R",
        "A2 (Maintenir la chaîne) : A tenu par l'équipe du modèle",
        "A3 (Former l'équipe) : équipes connues",
        "A3 (Former l'équipe) : lettres R, A, C ou I",
    ]


def test_missing_rows_and_tricks_fail():
    assert _failures({"A1": GOOD["A1"]}) == ["une ligne par activité"]
    assert _failures(AlwaysEqual()) == ["une ligne par activité"]
    assert _failures(["A1"]) == ["matrice RACI"]


def test_gaps_count_actions_without_r_or_a():
    journal = [Action("d", "equipe-produit", "A1", "GitLab"),
               Action("d", "service-team", "A1", "GitLab"),
               Action("d", "service-team", "A3", "atelier"),
               Action("d", "exploitation-dsi", "A2", "kubectl"),
               Action("d", "exploitation-dsi", "A2", "kubectl")]
    assert organisation.gaps(journal, GOOD) == {"service-team": 1, "exploitation-dsi": 2}
    assert organisation.gaps_by_activity(journal, GOOD) == {"A1": 1, "A2": 2}
    assert organisation.actions_by_team(journal)["exploitation-dsi"] == 2
    assert organisation.teams_by_activity(journal)["A1"] == ["equipe-produit", "service-team"]
    assert organisation.deployments_outside_gitops(journal, "A2") == 2
