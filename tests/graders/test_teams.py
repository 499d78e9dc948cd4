"""Team types, interaction modes, cognitive load and requests (pure logic)."""

from __future__ import annotations

from graders import teams


def _team(clients, engagement="permanent", rare=False):
    return {"clients": clients, "engagement": engagement, "expertise_rare": rare}


def test_team_type_reading_order():
    assert teams.team_type(_team("usagers", rare=True)) == "flux"
    assert teams.team_type(_team("equipes", "temporaire", rare=True)) == "facilitatrice"
    assert teams.team_type(_team("equipes", rare=True)) == "sous-systeme"
    assert teams.team_type(_team("equipes")) == "plateforme"


def test_target_mode_and_review():
    relations = [
        {"de": "a", "vers": "p", "situation": "service-stable", "mode_actuel": "collaboration",
         "depuis_semaines": 3},
        {"de": "a", "vers": "f", "situation": "montee-en-competence",
         "mode_actuel": "facilitation", "depuis_semaines": 3},
        {"de": "b", "vers": "p", "situation": "decouverte-conjointe",
         "mode_actuel": "collaboration", "depuis_semaines": 12},
        {"de": "c", "vers": "p", "situation": "decouverte-conjointe",
         "mode_actuel": "collaboration", "depuis_semaines": 13},
    ]
    modes = teams.target_modes({"relations": relations})
    assert modes == {"a->p": "x-as-a-service", "a->f": "facilitation",
                     "b->p": "collaboration", "c->p": "x-as-a-service"}
    assert teams.to_review({"relations": relations}) == ["a->p", "c->p"]


def test_cognitive_load_and_overload_threshold():
    rows = [{"equipe": "t1", "type": "extrinseque", "note": n} for n in (3, 4)]
    rows += [{"equipe": "t2", "type": "extrinseque", "note": n} for n in (3, 3)]
    load = teams.cognitive_load(rows)
    assert load == {"t1": {"extrinseque": 3.5}, "t2": {"extrinseque": 3.0}}
    assert teams.overloaded(load) == ["t1"]


def test_self_service_candidates_need_frequent_and_slow_requests():
    rows = ([{"destinataire": "p", "type": "env", "attente_jours": 2.0, "demandeur": "a"}] * 10
            + [{"destinataire": "p", "type": "acces", "attente_jours": 0.5, "demandeur": "a"}] * 12
            + [{"destinataire": "p", "type": "flux", "attente_jours": 9.0, "demandeur": "b"}] * 3
            + [{"destinataire": "q", "type": "env", "attente_jours": 9.0, "demandeur": "b"}] * 20)
    assert teams.request_stats(rows, "p")["env"] == {"nombre": 10, "attente_mediane": 2.0}
    assert teams.self_service_candidates(rows, "p") == ["env"]
    assert teams.waiting_days(rows, ["a"]) == 10 * 2.0 + 12 * 0.5
