"""Indicators, traffic lights, dashboard figure, go / no-go, control chart (pure logic)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from graders import decisions  # noqa: E402

ROWS = [{"semaine": f"s{i}", "x": float(i), "y": 10.0} for i in range(1, 13)]
THRESHOLDS = {"indicateurs": {"x": {"sens": "haut", "vert": 10, "rouge": 4},
                              "y": {"sens": "bas", "vert": 10, "rouge": 20}}}


def test_indicator_values_compare_the_last_weeks_with_the_ones_before():
    values = decisions.indicator_values(ROWS, ["x"])
    assert values["x"]["valeur"] == pytest.approx(10.5)
    assert values["x"]["evolution"] == pytest.approx((10.5 - 6.5) / 6.5)


@pytest.mark.parametrize("value, sens, expected", [
    (10, "haut", "vert"), (4, "haut", "orange"), (3.9, "haut", "rouge"),
    (10, "bas", "vert"), (20, "bas", "orange"), (20.1, "bas", "rouge"),
])
def test_status_boundaries(value, sens, expected):
    assert decisions.status(value, {"sens": sens, "vert": 10 if sens == "haut" else 10,
                                    "rouge": 4 if sens == "haut" else 20}) == expected


def _figure(with_threshold=True):
    fig, axes = plt.subplots(1, 2)
    for ax, name in zip(axes, ["x", "y"], strict=True):
        ax.plot(range(12), [r[name] for r in ROWS])
        if with_threshold:
            ax.axhline(THRESHOLDS["indicateurs"][name]["rouge"])
    return fig


def test_dashboard_check_reads_the_lines_of_the_figure():
    assert decisions.check_dashboard(_figure(), ROWS, THRESHOLDS, ["x", "y"]).ok
    missing = decisions.check_dashboard(_figure(False), ROWS, THRESHOLDS, ["x", "y"])
    assert not missing.ok and "seuil rouge" in missing.message()
    assert not decisions.check_dashboard(object(), ROWS, THRESHOLDS, ["x"]).ok
    plt.close("all")


def test_go_no_go_lists_the_failed_criteria():
    criteria = [{"id": "tests", "indicateur": "t", "operateur": ">=", "valeur": 1.0},
                {"id": "vulns", "indicateur": "v", "operateur": "<=", "valeur": 0}]
    candidates = [{"version": "1", "t": "1.0", "v": "0"}, {"version": "2", "t": "0.9", "v": "1"}]
    assert decisions.go_no_go(candidates, criteria) == (
        {"1": "go", "2": "no-go"}, {"2": ["tests", "vulns"]})


def test_out_of_control_weeks_after_the_baseline():
    rows = [{"semaine": str(i), "m": v} for i, v in enumerate([10, 11, 9, 10, 11, 9, 10, 30, 10])]
    mean, low, high = decisions.control_limits([10, 11, 9, 10, 11, 9, 10])
    assert mean == pytest.approx(10) and low < 9 and high > 11
    assert decisions.out_of_control(rows, "m", 7) == ["7"]
