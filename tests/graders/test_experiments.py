"""A/B test reference computations (pure logic, small fakes)."""

from __future__ import annotations

import pytest
from scipy import stats

from graders import experiments


def _rows(a_success, a_total, b_success, b_total, metric="termine"):
    rows = []
    for variant, success, total in (("A", a_success, a_total), ("B", b_success, b_total)):
        rows += [{"variante": variant, metric: int(i < success), "appareil": "mobile"}
                 for i in range(total)]
    return rows


def test_rates_per_variant():
    table = experiments.rates(_rows(30, 100, 45, 90), "termine")
    assert table["A"] == {"sessions": 100, "succes": 30, "taux": 0.3}
    assert table["B"]["taux"] == pytest.approx(0.5)


def test_two_proportions_matches_chi2_without_correction():
    result = experiments.two_proportions(60, 100, 75, 100)
    p = stats.chi2_contingency([[60, 40], [75, 25]], correction=False)[1]
    assert result.p_value == pytest.approx(p, rel=1e-9)
    assert result.difference == pytest.approx(0.15)
    assert result.ci_low < 0.15 < result.ci_high
    assert result.p_value_yates > result.p_value


@pytest.mark.parametrize("main, guard, expected", [
    ((0.06, 0.001), (0.0, 0.9), "generaliser"),
    ((0.01, 0.001), (0.0, 0.9), "iterer"),
    ((0.06, 0.001), (0.02, 0.01), "iterer"),
    ((0.06, 0.20), (0.0, 0.9), "abandonner"),
    ((-0.05, 0.001), (0.0, 0.9), "abandonner"),
])
def test_decision_rule(main, guard, expected):
    def test(difference, p_value):
        return experiments.ProportionTest(difference, 0.0, p_value, 0.0, 0.0, p_value)

    assert experiments.decide(test(*main), test(*guard), 0.02, 0.05) == expected


def test_effect_by_segment():
    rows = [{"variante": v, "appareil": d, "termine": t}
            for v, d, t in [("A", "mobile", 0), ("B", "mobile", 1),
                            ("A", "ordinateur", 1), ("B", "ordinateur", 1)]]
    assert experiments.effect_by_segment(rows, "termine", "appareil") == {
        "mobile": 1.0, "ordinateur": 0.0}
