"""DORA metrics, performance levels and value-stream computations (pure logic)."""

from __future__ import annotations

import pytest

from graders import delivery


def _write(folder, name, text):
    (folder / name).write_text(text.strip() + "\n", encoding="utf-8")


@pytest.fixture
def log(tmp_path):
    _write(tmp_path, "deploiements.csv", """
deploiement,date,environnement,version,type,quality_gate
D-1,2026-01-05 10:00,preprod,1.0.0,planifié,OK
D-2,2026-01-06 10:00,prod,1.0.0,planifié,OK
D-3,2026-01-08 10:00,prod,1.0.1,correctif,KO
D-4,2026-01-13 10:00,prod,1.1.0,planifié,KO
D-5,2026-01-20 10:00,prod,1.2.0,planifié,OK
""")
    _write(tmp_path, "changements.csv", """
changement,deploiement,date_commit
MR-1,D-2,2026-01-05 10:00
MR-2,D-2,2026-01-04 10:00
MR-3,D-3,2026-01-08 06:00
MR-4,D-4,2026-01-12 10:00
MR-5,D-5,2026-01-19 22:00
""")
    _write(tmp_path, "incidents.csv", """
incident,debut,fin,cause,deploiement,gravite,resume
INC-1,2026-01-08 12:00,2026-01-08 14:00,déploiement,D-3,mineur,a
INC-2,2026-01-09 12:00,2026-01-09 20:00,hébergement,,majeur,b
INC-3,2026-01-13 11:00,2026-01-13 15:00,déploiement,D-4,mineur,c
INC-4,2026-01-14 09:00,2026-01-14 10:00,déploiement,D-4,mineur,d
""")
    return delivery.read_log(tmp_path)


def test_the_five_metrics_of_a_period(log):
    metrics = delivery.dora_metrics(log, "2026-01-05", "2026-01-19")  # two weeks, 3 prod
    assert metrics["frequence_par_semaine"] == pytest.approx(1.5)
    # lead times: 24, 48 (D-2), 4 (D-3), 24 (D-4) -> median 24
    assert metrics["delai_median_heures"] == pytest.approx(24.0)
    # D-3 and D-4 failed out of 3; the hosting outage does not count
    assert metrics["taux_d_echec"] == pytest.approx(200 / 3)
    assert metrics["retablissement_median_heures"] == pytest.approx(2.0)  # 2, 4, 1
    assert metrics["taux_de_reprise"] == pytest.approx(100 / 3)


def test_an_empty_period_has_no_lead_time_nor_recovery(log):
    metrics = delivery.dora_metrics(log, "2026-02-01", "2026-03-01")
    assert metrics["delai_median_heures"] is None
    assert metrics["retablissement_median_heures"] is None
    assert metrics["taux_d_echec"] == 0.0


def test_quality_gate_split(log):
    assert delivery.failure_rate_by_gate(log, "2026-01-01", "2026-02-01") == {
        "OK": 0.0, "KO": 100.0}
    assert delivery.incidents_after_failed_gate(log, "2026-01-01", "2026-02-01") == 3


@pytest.mark.parametrize("metric,value,expected", [
    ("frequence_par_semaine", 7.0, "élite"), ("frequence_par_semaine", 6.9, "élevé"),
    ("frequence_par_semaine", 1.0, "élevé"), ("frequence_par_semaine", 0.5, "moyen"),
    ("frequence_par_semaine", 0.2, "faible"),
    ("delai_median_heures", 23.9, "élite"), ("delai_median_heures", 24.0, "élevé"),
    ("delai_median_heures", 700, "moyen"), ("delai_median_heures", 720, "faible"),
    ("taux_d_echec", 5.0, "élite"), ("taux_d_echec", 10.0, "élevé"),
    ("taux_d_echec", 20.0, "moyen"), ("taux_d_echec", 20.1, "faible"),
    ("retablissement_median_heures", 0.5, "élite"),
    ("retablissement_median_heures", 1.0, "élevé"),
    ("retablissement_median_heures", 30, "moyen"),
    ("retablissement_median_heures", 168, "faible"),
])
def test_levels_follow_the_grid(metric, value, expected):
    assert delivery.level(metric, value) == expected


def test_rework_rate_has_no_published_level():
    with pytest.raises(KeyError):
        delivery.level("taux_de_reprise", 10)
    assert delivery.levels({"taux_de_reprise": 10.0, "taux_d_echec": 3.0,
                            "retablissement_median_heures": None}) == {"taux_d_echec": "élite"}


@pytest.fixture
def passages(tmp_path):
    path = tmp_path / "evenements.csv"
    _write(tmp_path, "evenements.csv", """
ticket,type,etape,activite,debut,fin
T-1,évolution,1,Analyse,2025-03-03 00:00,2025-03-04 00:00
T-1,évolution,2,Développement,2025-03-06 00:00,2025-03-08 00:00
T-1,évolution,3,Recette,2025-03-09 00:00,2025-03-10 00:00
T-1,évolution,2,Développement,2025-03-11 00:00,2025-03-12 00:00
T-1,évolution,3,Recette,2025-03-14 00:00,2025-03-15 00:00
T-2,anomalie,1,Analyse,2025-03-03 00:00,2025-03-04 00:00
T-2,anomalie,2,Développement,2025-03-04 00:00,2025-03-05 00:00
T-2,anomalie,3,Recette,2025-03-15 00:00,2025-03-16 00:00
""")
    return delivery.read_passages(path)


def test_lead_work_and_waiting_times(passages):
    assert delivery.ticket_lead_times(passages) == {"T-1": 12.0, "T-2": 13.0}
    assert delivery.ticket_work_times(passages) == {"T-1": 6.0, "T-2": 3.0}
    assert delivery.flow_efficiency(passages) == pytest.approx(100 * 9 / 25)
    assert delivery.waiting_by_activity(passages) == {
        "Analyse": 0.0, "Développement": 3.0, "Recette": 13.0}


def test_rework_is_a_step_back(passages):
    assert delivery.rework_rate(passages) == 50.0
    assert delivery.sent_back_by_activity(passages) == {"Recette": 1}


def test_lead_times_without_some_waiting(passages):
    assert delivery.lead_times_without(passages, {"Recette": 0.5}) == {"T-1": 10.5,
                                                                        "T-2": 8.0}


CATALOGUE = {"P1": {"activite": "Recette", "probleme": "attente"},
             "P2": {"activite": "Recette", "probleme": "reprise"},
             "P3": {"activite": "Développement", "probleme": "attente"},
             "P4": {"activite": "Développement", "probleme": "aucun"}}


def test_problems_come_from_the_data(passages):
    assert delivery.problems_to_solve(passages, waits=1) == {"Recette": "attente"}
    assert delivery.problems_to_solve(passages) == {"Recette": "attente",
                                                     "Développement": "attente"}


def test_practices_must_target_each_measured_problem(passages):
    good = {"Recette": "P1", "Développement": "P3"}
    assert delivery.check_practices(good, passages, CATALOGUE).ok
    wrong = delivery.check_practices({"Recette": "P2", "Développement": "P4"}, passages,
                                     CATALOGUE)
    assert [r.what for r in wrong.results if not r.ok] == [
        "« Recette » : une pratique contre l'attente",
        "« Développement » : une pratique contre l'attente"]
    assert not delivery.check_practices({"Recette": "P1"}, passages, CATALOGUE).ok
    assert not delivery.check_practices(["P1"], passages, CATALOGUE).ok
    assert not delivery.check_practices(object(), passages, CATALOGUE).ok


def test_read_practices(tmp_path):
    _write(tmp_path, "pratiques.csv", "pratique,description,activite,probleme,outil\n"
                                      "P1,x,Recette,reprise,GitLab")
    assert delivery.read_practices(tmp_path / "pratiques.csv") == {
        "P1": {"activite": "Recette", "probleme": "reprise"}}
