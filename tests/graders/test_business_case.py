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


def test_a_funding_can_be_imposed(case):
    assert bc.cash_flows(case, funding=0)[2026] == 25_000 - 200_000
    assert bc.scenarios(case, funding=0)["nominal"] == bc.scenarios(case)["sans_ftap"]


FIGURES = {"montant_demande": 120_000, "financement_ftap": 100_000, "van": 5_000,
           "annee_de_retour": 2028, "van_pessimiste": -2_000}
NOTE = {
    "decision_demandee": "Financer la migration sur Cloud Pi Native en 2026",
    "montant_demande": 120_000, "financement_ftap": 100_000.4, "van": 5_000,
    "annee_de_retour": 2028, "van_pessimiste": -2_000,
    "indicateurs_de_suivi": ["delai_median_heures", "taux_d_echec"],
    "risques": [{"risque": "compétences Kubernetes", "parade": "parcours de formation"},
                {"risque": "double exploitation", "parade": "bascule en deux vagues"},
                {"risque": "dossier FTAP refusé", "parade": "scénario sans FTAP présenté"}],
}


def test_a_complete_note_passes():
    report = bc.check_note(NOTE, FIGURES)
    assert report.ok, report.message()


def test_a_note_with_wrong_figures_or_too_few_risks_fails():
    note = {**NOTE, "van": 9_999, "risques": NOTE["risques"][:2],
            "indicateurs_de_suivi": ["budget"]}
    assert [r.what for r in bc.check_note(note, FIGURES).results if not r.ok] == [
        "chiffre « van » conforme au dossier", "au moins deux indicateurs DORA de suivi",
        "au moins trois risques, chacun avec sa parade"]
    assert not bc.check_note(["x"], FIGURES).ok
