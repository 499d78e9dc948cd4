"""The modules' charts draw from the shipped data sets, in French, without errors."""

from __future__ import annotations

import io

import pandas as pd
import pytest
import yaml
from matplotlib.figure import Figure

from cpnkit import charts, figures
from cpnkit.curriculum import NOTEBOOKS_DIR
from graders import prioritization, value_stream

pytestmark = pytest.mark.slow

CULTURE = NOTEBOOKS_DIR / "collaboration-et-changement"
BACKLOG = NOTEBOOKS_DIR / "priorisation-backlog"
STREAM = NOTEBOOKS_DIR / "automatisation-valeur"
PREVIEWS = NOTEBOOKS_DIR / "infrastructure-ephemere"


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


CHARTS = {
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


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_draws_with_a_french_headline(name):
    figure = CHARTS[name]()
    assert isinstance(figure, Figure)
    assert figure._suptitle is not None and figure._suptitle.get_text()
    figure.savefig(io.BytesIO(), format="png")  # every artist actually draws


def test_french_numbers():
    assert figures.style.fr(1299.48, 2, "€") == "1\u202f299,48\u00a0€"
