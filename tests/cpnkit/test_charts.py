"""Chart helpers draw from plain values (smoke tests with the Agg backend)."""

from __future__ import annotations

from datetime import datetime

import matplotlib
import pytest

from cpnkit import charts
from graders import delivery

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_value_stream_and_timeline():
    fig = charts.value_stream(["A", "B"], {"A": 0.0, "B": 3.0}, {"A": 1.0, "B": 2.0})
    assert "3,0 j" in _texts(fig) and "25 %" not in fig.axes[0].get_title()
    rows = [{"ticket": "T-1", "activite": "A", "debut": datetime(2025, 3, 3),
             "fin": datetime(2025, 3, 4)}]
    assert charts.ticket_timeline(rows, ["A", "B"]).axes


def test_raci_heatmap_frames_gaps():
    fig = charts.raci_heatmap({"ops": {"A1": 3}, "dev": {"A1": 2}},
                              {"A1": {"dev": "AR", "ops": ""}}, ["A1"], ["dev", "ops"])
    assert len(fig.axes[0].patches) == 1  # the gap of "ops"


def test_dora_trend_has_four_panels():
    monthly = {"2026-01": {"frequence_par_semaine": 0.9, "delai_median_heures": 400.0,
                           "taux_d_echec": 40.0, "retablissement_median_heures": 30.0},
               "2026-02": {"frequence_par_semaine": 3.0, "delai_median_heures": 20.0,
                           "taux_d_echec": 8.0, "retablissement_median_heures": None}}
    fig = charts.dora_trend(monthly, marker="2026-02", marker_label="migration")
    assert len(fig.axes) == 4
    bands = {k: (b.limits, b.higher_is_better) for k, b in delivery.BANDS.items()}
    assert len(charts.dora_trend(monthly, bands=bands).axes) == 4


def test_graph_pareto_plan_and_money():
    assert charts.dependency_graph({"a": 0, "b": 1}, [("a", "b", "sync"), ("b", "a", "bdd")],
                                   in_cycle=["a", "b"]).axes
    assert charts.pareto({"x": 70.0, "y": 20.0, "z": 10.0}).axes
    assert charts.release_plan([("F1", 10), ("F2", 30)], 20).axes
    assert charts.cumulative_flows({"nominal": {2026: -10, 2027: 20}}).axes
    assert charts.waterfall([("coût", 100.0), ("FTAP", -40.0)]).axes
