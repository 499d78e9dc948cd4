"""Cost of always-on vs ephemeral preview environments (pure logic)."""

from __future__ import annotations

from datetime import datetime

import pytest

from graders import ephemeral

T = datetime(2026, 1, 5)


def at(hours: float) -> datetime:
    from datetime import timedelta

    return T + timedelta(hours=hours)


MRS = [
    {"ouverte_le": at(0), "fermee_le": at(10)},
    {"ouverte_le": at(10), "fermee_le": at(20)},  # starts when the first one ends
    {"ouverte_le": at(5), "fermee_le": at(200)},  # capped at 72 h
    {"ouverte_le": at(150), "fermee_le": None},  # still open: until the end (168 h)
]
GRID = {"prix": {"vcpu_heure": 0.04, "gio_heure": 0.005, "minute_ci": 0.01},
        "environnement_revue": {"composants": [{"vcpu": 1.5, "memoire_gio": 2.0},
                                               {"vcpu": 0.5, "memoire_gio": 2.0}],
                                "creation_minutes_ci": 10},
        "periode": {"debut": "2026-01-05T00:00", "fin": "2026-01-12T00:00"},
        "duree_vie_max_h": 72}


def test_lifetimes_are_capped_by_the_maximum_and_the_end_of_the_period():
    spans = ephemeral.lifetimes(MRS, at(168), 72)
    assert [(b - T).total_seconds() / 3600 for b, _ in spans] == [0, 10, 5, 150]
    assert [(e - T).total_seconds() / 3600 for _, e in spans] == [10, 20, 77, 168]


def test_peak_counts_an_end_before_a_start_at_the_same_time():
    assert ephemeral.peak(ephemeral.lifetimes(MRS, at(168), 72)) == 2


def test_costs_of_both_strategies():
    rate = 2 * 0.04 + 4 * 0.005  # 0.10 € an hour
    hours = 10 + 10 + 72 + 18
    result = ephemeral.costs(MRS, GRID)
    assert result["heures_env"] == hours and result["pic"] == 2
    assert result["cout_ephemere"] == pytest.approx(round(hours * rate + 4 * 10 * 0.01, 2))
    assert result["cout_toujours_allume"] == pytest.approx(round(2 * 168 * rate, 2))
    assert result["economie_pct"] == pytest.approx(
        round(100 * (1 - (hours * rate + 0.4) / (2 * 168 * rate)), 1))
