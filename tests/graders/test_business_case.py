"""Business case: FTAP funding, cash flows, net present value, payback (pure logic)."""

from __future__ import annotations

import pytest

from graders import business_case as bc


def _cost(category, amount, year=2026):
    return {"poste": "x", "categorie": category, "annee": year, "montant": amount}


@pytest.mark.parametrize("costs,expected", [
    ([_cost("prestation de migration", 300_000), _cost("matériel", 50_000)],
     {"cout_total": 350_000, "assiette": 300_000, "eligible": True, "financement": 150_000}),
    ([_cost("formation et acculturation", 90_000), _cost("ressources cloud", 50_000)],
     {"cout_total": 140_000, "assiette": 90_000, "eligible": False, "financement": 0}),
    ([_cost("prestation de migration", 3_000_000)],
     {"cout_total": 3_000_000, "assiette": 3_000_000, "eligible": True,
      "financement": 1_500_000}),
    ([_cost("prestation de migration", 3_000_001)],
     {"cout_total": 3_000_001, "assiette": 3_000_001, "eligible": False, "financement": 0}),
])
def test_ftap_rules(costs, expected):
    assert bc.ftap(costs) == expected


@pytest.fixture
def case():
    return bc.CaseData(
        costs=(_cost("prestation de migration", 200_000), _cost("licences et logiciels",
                                                                  20_000, 2027)),
        run=({"poste": "a", "avant": 100_000, "apres": 40_000},
             {"poste": "b", "avant": 0, "apres": 10_000}),
        assumptions={"horizon": [2026, 2027, 2028], "taux_actualisation": 0.1,
                     "montee_en_charge": {2026: 0.5},
                     "scenario_pessimiste": {"gains": 0.5, "couts": 1.5}})


def test_cash_flows_npv_and_payback(case):
    assert bc.annual_gain(case.run) == 50_000
    flows = bc.cash_flows(case)
    assert flows == {2026: 25_000 - 200_000 + 100_000, 2027: 30_000, 2028: 50_000}
    assert bc.npv(flows, 0.1) == round(-75_000 + 30_000 / 1.1 + 50_000 / 1.21)
    assert bc.payback_year(flows) == 2028
    assert bc.payback_year({2026: -10, 2027: 5}) is None


def test_scenarios(case):
    result = bc.scenarios(case)
    assert result["sans_ftap"]["retour"] is None
    assert result["pessimiste"]["van"] < result["nominal"]["van"]
    assert set(result) == {"nominal", "sans_ftap", "pessimiste"}
