"""Co-change, data ownership, split rules, journey cost, whether to split (pure logic)."""

from __future__ import annotations

import pytest

from graders import microservices

ARCHITECTURE = {
    "modules": [
        {"id": "a", "tables_ecrites": ["t"]}, {"id": "b", "tables_ecrites": ["t"]},
        {"id": "c", "tables_ecrites": ["u"]}, {"id": "d", "tables_ecrites": []},
    ],
    "parcours": [{"appelant": "a", "appele": "c"}, {"appelant": "a", "appele": "b"},
                 {"appelant": "c", "appele": "d"}],
}
COMMITS = [{"a", "b"}, {"a", "b"}, {"a"}, {"c"}, {"c", "d"}, {"d"}, {"d"}]


def test_cochange_is_jaccard():
    ratios = microservices.cochange(COMMITS)
    assert ratios[("a", "b")] == pytest.approx(2 / 3)
    assert ratios[("c", "d")] == pytest.approx(1 / 4)
    assert microservices.coupled_pairs(COMMITS) == [["a", "b"]]


def test_shared_tables():
    assert microservices.shared_tables(ARCHITECTURE) == {"t": ["a", "b"]}


def test_a_valid_split_has_no_problem():
    split = {"a": "s1", "b": "s1", "c": "s2", "d": "s3"}
    assert microservices.split_problems(ARCHITECTURE, COMMITS, split) == []


def test_split_problems_name_each_broken_rule():
    problems = microservices.split_problems(ARCHITECTURE, COMMITS,
                                            {"a": "s1", "b": "s2", "c": "s3"})
    text = "\n".join(problems)
    assert "modules sans service : d" in text
    assert "table « t »" in text
    assert "« a » et « b » changent ensemble" in text
    too_few = microservices.split_problems(ARCHITECTURE, COMMITS,
                                           {"a": "s", "b": "s", "c": "s", "d": "s"})
    assert any("au moins 3" in p for p in too_few)


def test_journey_cost_depends_on_the_split():
    split = {"a": "s1", "b": "s1", "c": "s2", "d": "s3"}
    assert microservices.remote_calls(ARCHITECTURE, split) == 2
    assert microservices.journey_availability(ARCHITECTURE, split) == pytest.approx(0.999 ** 3)
    monolith = dict.fromkeys(split, "m")
    assert microservices.remote_calls(ARCHITECTURE, monolith) == 0


@pytest.mark.parametrize("teams, stable, load, blocked, expected", [
    (3, True, True, 0, "decouper"), (3, True, False, 2, "decouper"),
    (3, True, False, 1, "garder-monolithe"), (1, True, True, 5, "garder-monolithe"),
    (3, False, True, 5, "garder-monolithe"),
])
def test_should_split(teams, stable, load, blocked, expected):
    project = {"equipes": teams, "domaine_stable": stable, "besoins_charge_differents": load,
               "livraisons_bloquees_par_mois": blocked}
    assert microservices.should_split(project) == expected


def test_a_split_that_misses_a_journey_module_is_a_french_error():
    from graders import GradingError

    with pytest.raises(GradingError, match="ne place pas ces modules du parcours : d"):
        microservices.remote_calls(ARCHITECTURE, {"a": "s1", "b": "s1", "c": "s2"})
