"""0–10 scales of the self-assessments (pure logic)."""

from __future__ import annotations

import pytest

from graders import scales


def test_ordinal_scale_runs_from_0_to_10():
    assert [scales.ordinal_to_10(p, 6) for p in range(1, 7)] == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    with pytest.raises(ValueError, match="hors de l'échelle"):
        scales.ordinal_to_10(7, 6)


def test_failure_rates_are_inverted():
    assert scales.percent_to_10(0) == 10.0 and scales.percent_to_10(100) == 0.0
    assert scales.percent_to_10(15) == 8.5
    assert scales.percent_to_10(15, higher_is_better=True) == 1.5
    with pytest.raises(ValueError):
        scales.percent_to_10(120)


def test_likert_and_means_leave_unknown_answers_out():
    assert scales.likert_to_10(4, 7) == 5.0
    assert scales.mean([10.0, None, 5.0]) == 7.5
    assert scales.mean([None]) is None
    assert scales.westrum_score([7, 6, None, 5, 6, 6]) == 6.0


def test_booleans_are_not_numbers():
    with pytest.raises(ValueError, match="un nombre est attendu"):
        scales.percent_to_10(True)
