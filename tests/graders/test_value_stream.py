"""Value-stream metrics, waiting Pareto, time allocation and ROI (pure logic)."""

from __future__ import annotations

import pytest

from graders import value_stream as vs

BEFORE = [
    {"nom": "dev", "traitement_h": 10, "delai_h": 20, "ca_pct": 90},
    {"nom": "recette", "traitement_h": 5, "delai_h": 45, "ca_pct": 50},
    {"nom": "cab", "traitement_h": 1, "delai_h": 15, "ca_pct": 100},
]
AFTER = [{"nom": "dev", "traitement_h": 10, "delai_h": 12, "ca_pct": 95},
         {"nom": "ci", "traitement_h": 1, "delai_h": 2, "ca_pct": 100}]


def test_metrics_of_a_map():
    assert vs.metrics(BEFORE) == {"delai_h": 80.0, "traitement_h": 16.0,
                                  "ratio_activite_pct": 20.0, "ca_cumule_pct": 45.0}


def test_waiting_pareto_takes_the_longest_waits_first():
    # waits: dev 10, recette 40, cab 14 (total 64); 80 % = 51.2
    assert vs.waiting_pareto(BEFORE) == ["recette", "cab"]
    assert vs.waiting_pareto(BEFORE, share=50) == ["recette"]


def test_time_allocation_in_percent():
    rows = [{"periode": "avant", "categorie": "a", "heures": 30.0},
            {"periode": "avant", "categorie": "b", "heures": 10.0},
            {"periode": "apres", "categorie": "a", "heures": 99.0}]
    assert vs.time_allocation(rows, "avant") == {"a": 75.0, "b": 25.0}


def test_roi_follows_its_documented_formulas():
    hypotheses = {"changements_par_an": 100, "cout_horaire": 50,
                  "investissement": [{"montant": 30000}, {"montant": 10000}],
                  "couts_annuels": [{"montant": 5000}]}
    result = vs.roi(BEFORE, AFTER, hypotheses)
    gain = (16 - 11) * 100 * 50  # 25 000 a year
    assert result["gain_annuel"] == gain and result["investissement"] == 40000
    assert result["roi_1_an_pct"] == pytest.approx(round(100 * (gain - 45000) / 45000, 1))
    assert result["roi_3_ans_pct"] == pytest.approx(round(100 * (3 * gain - 55000) / 55000, 1))
    assert result["retour_mois"] == pytest.approx(round(40000 / ((gain - 5000) / 12), 1))
