"""Coupling metrics, cycles, test footprint and decoupling proposals (pure logic)."""

from __future__ import annotations

import pytest

from graders import GradingError, coupling
from graders.coupling import Edge

GRAPH = [
    Edge("web", "api", "sync"),
    Edge("api", "slots", "sync"),
    Edge("slots", "api", "sync"),  # a cycle api <-> slots
    Edge("api", "mail", "async"),
    Edge("mail", "api", "sync"),  # not a cycle: api -> mail is an event
    Edge("stats", "slots", "bdd"),
    Edge("slots", "sites", "sync"),
]


def test_afferent_efferent_and_instability():
    metrics = coupling.coupling(GRAPH)
    assert metrics["api"] == {"Ca": 3, "Ce": 2, "I": 0.4}
    assert metrics["sites"] == {"Ca": 1, "Ce": 0, "I": 0.0}
    assert metrics["web"] == {"Ca": 0, "Ce": 1, "I": 1.0}


def test_a_service_with_no_link_is_stable():
    assert coupling.coupling([], ["alone"]) == {"alone": {"Ca": 0, "Ce": 0, "I": 0.0}}


def test_cycles_follow_strong_links_only():
    assert coupling.in_cycles(GRAPH) == ["api", "slots"]


def test_test_footprint_counts_transitive_strong_dependencies():
    footprint = coupling.test_footprint(GRAPH)
    assert footprint["web"] == 3  # api, slots, sites
    assert footprint["api"] == 2  # slots, sites (not itself, not mail)
    assert footprint["mail"] == 3
    assert footprint["sites"] == 0


def test_unstable_dependencies():
    # I: web 1, api 0.4, slots 0.6, mail 0.5, stats 1, sites 0
    assert coupling.unstable_dependencies(GRAPH) == [["api", "mail"], ["api", "slots"]]


def test_a_good_proposal_passes():
    proposal = [{"appelant": "api", "appele": "slots", "par": "async"},
                {"appelant": "stats", "appele": "slots", "par": "sync"}]
    report = coupling.check_proposal(GRAPH, proposal, "api", max_changes=2)
    assert report.ok, report.message()


def test_a_proposal_that_keeps_a_cycle_or_a_shared_database_fails():
    proposal = [{"appelant": "api", "appele": "mail", "par": "sync"}]
    report = coupling.check_proposal(GRAPH, proposal, "api", max_changes=2)
    failures = [r.what for r in report.results if not r.ok]
    assert failures == ["plus aucun cycle de couplages forts",
                        "plus aucune base de données partagée", "« api » plus facile à tester"]


def test_a_proposal_beyond_the_budget_fails():
    proposal = [{"appelant": "api", "appele": "slots", "par": "async"},
                {"appelant": "stats", "appele": "slots", "par": "async"},
                {"appelant": "web", "appele": "api", "par": "sync"}]
    report = coupling.check_proposal(GRAPH, proposal, "api", max_changes=2)
    assert [r.what for r in report.results if not r.ok] == ["au plus 2 changements"]


@pytest.mark.parametrize("proposal,message", [
    ({"appelant": "a"}, "une liste"),
    ([{"appelant": "web", "appele": "api"}], "exactement les clés"),
    ([{"appelant": "web", "appele": "api", "par": "grpc"}], "« par » vaut"),
    ([{"appelant": "web", "appele": "sites", "par": "async"}], "pas de dépendance"),
])
def test_impossible_changes_are_refused_in_french(proposal, message):
    with pytest.raises(GradingError, match=message):
        coupling.apply_proposal(GRAPH, proposal)
    report = coupling.check_proposal(GRAPH, proposal, "api", max_changes=2)
    assert not report.ok and report.results[0].what == "proposition applicable"
