"""WSJF, sequencing and cost of delay (pure logic)."""

from __future__ import annotations

import pytest

from graders import prioritization as p

FEATURES = [
    {"id": "A", "valeur_metier": 8, "urgence": 3, "reduction_risque": 2, "taille": 3,
     "entree": "2026-01-02"},
    {"id": "B", "valeur_metier": 2, "urgence": 8, "reduction_risque": 13, "taille": 8,
     "entree": "2026-01-01"},
    {"id": "C", "valeur_metier": 13, "urgence": 8, "reduction_risque": 8, "taille": 5,
     "entree": "2026-01-03"},
]


def test_wsjf_is_cost_of_delay_over_size():
    assert p.cost_of_delay(FEATURES[0]) == 13
    assert p.wsjf(FEATURES) == {"A": 4.33, "B": 2.88, "C": 5.8}


def test_sequence_serves_the_highest_score_among_ready_features():
    assert p.sequence({"A": 4.33, "B": 2.88, "C": 5.8}, {}) == ["C", "A", "B"]
    # C needs B: B is pulled in only when it is the best ready feature
    assert p.sequence({"A": 4.33, "B": 2.88, "C": 5.8}, {"C": ["B"]}) == ["A", "B", "C"]


def test_ties_go_to_the_smallest_id():
    assert p.sequence({"B": 2.0, "A": 2.0, "C": 1.0}, {}) == ["A", "B", "C"]


def test_impossible_prerequisites_are_refused():
    with pytest.raises(ValueError, match="prérequis impossibles"):
        p.sequence({"A": 1.0, "B": 2.0}, {"A": ["B"], "B": ["A"]})


def test_plan_weeks_lateness_and_total_cost_of_delay():
    durations, weekly = {"A": 1, "B": 3, "C": 2}, {"A": 100, "B": 50, "C": 300}
    assert p.finish_weeks(["C", "A", "B"], durations) == {"C": 2, "A": 3, "B": 6}
    assert p.late(["B", "A", "C"], durations, {"C": 5, "A": None}) == ["C"]
    assert p.total_cost_of_delay(["C", "A", "B"], durations, weekly) == 300 * 2 + 100 * 3 + 50 * 6


def test_fifo_is_the_order_of_arrival():
    assert p.fifo(FEATURES) == ["B", "A", "C"]
