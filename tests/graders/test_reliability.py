"""SLI, error budget and burn rate: the reference arithmetic of the graders."""

from __future__ import annotations

import pytest

from graders import GradingError, reliability


def test_sli_is_the_share_of_good_events():
    assert reliability.sli(995, 1000) == 0.995
    assert reliability.sli(0, 0) == 1.0
    with pytest.raises(GradingError, match="incohérents"):
        reliability.sli(5, 3)


def test_the_error_budget_is_what_the_objective_lets_fail():
    assert reliability.allowed_failures(200_000, 0.995) == pytest.approx(1000)
    assert reliability.budget_consumed(250, 200_000, 0.995) == pytest.approx(0.25)
    assert reliability.budget_consumed(1500, 200_000, 0.995) == pytest.approx(1.5)
    with pytest.raises(GradingError, match="Objectif"):
        reliability.allowed_failures(10, 99.5)


def test_burn_rate_compares_the_failure_rate_with_the_allowed_one():
    assert reliability.burn_rate(5, 1000, 0.995) == pytest.approx(1.0)
    assert reliability.burn_rate(30, 1000, 0.995) == pytest.approx(6.0)
    assert reliability.burn_rate(0, 1000, 0.995) == 0.0


def test_days_left_at_the_current_burn_rate():
    assert reliability.days_left(0.5, 1.0, 30) == pytest.approx(15)
    assert reliability.days_left(0.8, 3.0, 30) == pytest.approx(2)
    assert reliability.days_left(1.2, 2.0, 30) == 0.0
    assert reliability.days_left(0.1, 0.0, 30) is None


def test_a_window_sums_a_log():
    window = reliability.Window.of([
        {"requetes": "100", "erreurs_5xx": "1", "lentes": "5"},
        {"requetes": 300, "erreurs_5xx": 3, "lentes": 15},
    ])
    assert window == reliability.Window(400, 4, 20)
    assert window.availability == 0.99 and window.latency == 0.95


def test_proportion_below_a_threshold_is_strict():
    assert reliability.proportion_below([1.0, 2.0, 3.0, 4.0], 3.0) == 0.5
    with pytest.raises(GradingError):
        reliability.proportion_below([], 3.0)
