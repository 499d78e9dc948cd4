"""The modules' charts draw, in French, from plain values and from the shipped data sets
(smoke tests with the Agg backend)."""

from __future__ import annotations

import io
from datetime import datetime

import matplotlib
import pandas as pd
import pytest
import yaml
from matplotlib.figure import Figure

from cpnkit import charts
from cpnkit.charts import style
from cpnkit.curriculum import NOTEBOOKS_DIR
from graders import delivery, prioritization, value_stream

matplotlib.use("Agg")

CULTURE = NOTEBOOKS_DIR / "collaboration-et-changement"
BACKLOG = NOTEBOOKS_DIR / "priorisation-backlog"
STREAM = NOTEBOOKS_DIR / "automatisation-valeur"
PREVIEWS = NOTEBOOKS_DIR / "infrastructure-ephemere"


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_french_numbers():
    assert style.fr(1299.48, 2, "€") == "1\u202f299,48\u00a0€"
    assert style.euros(-1_500_000) == "−1\u202f500\u202f000\u00a0€"
    assert style.euros(40_000, sign=True) == "+40\u202f000\u00a0€"
    assert style.days(3) == "3,0\u00a0j"


def test_a_chart_is_closed_and_leaves_the_global_style_alone():
    import matplotlib.pyplot as plt

    before = dict(plt.rcParams)
    fig = charts.pareto({"x": 70.0, "y": 30.0})
    assert not plt.fignum_exists(fig.number)  # the notebook shows it once, as the cell's value
    assert dict(plt.rcParams) == before


def test_value_stream_and_timeline():
    fig = charts.value_stream(["A", "B"], {"A": 0.0, "B": 3.0}, {"A": 1.0, "B": 2.0})
    assert "3,0\u00a0j" in _texts(fig) and "(50 %)" in fig.axes[0].get_title("left")
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
    assert fig.axes[2].get_xticklabels()[0].get_text() == "janv.\n2026"
    bands = {k: (b.limits, b.higher_is_better) for k, b in delivery.BANDS.items()}
    assert len(charts.dora_trend(monthly, bands=bands).axes) == 4


def test_graph_pareto_plan_and_money():
    assert charts.dependency_graph({"a": 0, "b": 1}, [("a", "b", "sync"), ("b", "a", "bdd")],
                                   in_cycle=["a", "b"]).axes
    assert charts.pareto({"x": 70.0, "y": 20.0, "z": 10.0}).axes
    assert charts.release_plan([("F1", 10), ("F2", 30)], 20).axes
    assert charts.cumulative_flows({"nominal": {2026: -10, 2027: 20}}).axes
    fig = charts.waterfall([("coût", 100_000.0), ("FTAP", -40_000.0)])
    assert {"−40\u202f000\u00a0€", "60\u202f000\u00a0€"} <= set(_texts(fig))


def _survey():
    return pd.read_csv(CULTURE / "enquete-westrum.csv").to_dict("records")


def _backlog():
    return pd.read_csv(BACKLOG / "backlog.csv", dtype={"prerequis": str}).to_dict("records")


def _plans():
    features = prioritization.read_backlog(BACKLOG / "backlog.csv")
    return {"premier arrivé": prioritization.fifo(features),
            "WSJF": prioritization.sequence(prioritization.wsjf(features),
                                            {f["id"]: f["prerequis"] for f in features})}


def _maps():
    return (value_stream.read_map(STREAM / "carte-avant.yaml"),
            value_stream.read_map(STREAM / "carte-apres.yaml"))


def _hypotheses():
    return yaml.safe_load((STREAM / "hypotheses-roi.yaml").read_text(encoding="utf-8"))


def _merge_requests():
    return pd.read_csv(PREVIEWS / "merge-requests.csv",
                       parse_dates=["ouverte_le", "fermee_le"]).to_dict("records")


def _grid():
    return yaml.safe_load((PREVIEWS / "grille-tarifaire.yaml").read_text(encoding="utf-8"))


DATA_SET_CHARTS = {
    "likert": lambda: charts.likert_chart(_survey(), "2026-03"),
    "evolution": lambda: charts.change_chart(_survey(), "2026-03", "2026-09"),
    "wsjf": lambda: charts.wsjf_chart(_backlog()),
    "plans": lambda: charts.plans_chart(_backlog(), _plans()),
    "cout-du-retard": lambda: charts.delay_cost_chart(_backlog(), _plans()),
    "carte": lambda: charts.map_chart(*_maps()),
    "attente": lambda: charts.waiting_chart(_maps()[0]),
    "temps": lambda: charts.allocation_chart(
        pd.read_csv(STREAM / "releves-temps.csv").to_dict("records")),
    "retour": lambda: charts.payback_chart(value_stream.roi(*_maps(), _hypotheses()),
                                           _hypotheses()),
    "durees": lambda: charts.lifetimes_chart(_merge_requests(), _grid()),
    "couts": lambda: charts.costs_chart(_merge_requests(), _grid()),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DATA_SET_CHARTS))
def test_data_set_chart_draws_with_a_french_headline(name):
    figure = DATA_SET_CHARTS[name]()
    assert isinstance(figure, Figure)
    assert figure._suptitle is not None and figure._suptitle.get_text()
    figure.savefig(io.BytesIO(), format="png")  # every artist actually draws
