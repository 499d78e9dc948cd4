"""Running a pytest suite on a project and on its mutants (real pytest subprocesses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graders import GradingError, mutation

MODULE = Path(__file__).resolve().parents[2] / "notebooks" / "tests-integration-acceptance"
GOOD = '''
from datetime import date

from rdv.api import creer_application
from rdv.depot import Depot
from rdv.service import ServiceRendezVous
from rdv.testing import Client


def appli():
    return Client(creer_application(ServiceRendezVous(Depot(), date(2026, 12, 1))))


def reserver(a, usager, creneau):
    return a.post("/reservations", json={"usager": usager, "creneau": creneau,
                                         "motif": "remise-titre"}).statut


def test_conflit():
    a = appli()
    assert reserver(a, "u-1", "2026-12-07T09:00:00") == 201
    assert reserver(a, "u-2", "2026-12-07T09:00:00") == 409


def test_limite():
    a = appli()
    assert [reserver(a, "u-1", f"2026-12-07T09:{m}:00") for m in ("00", "20", "40")] == [
        201, 201, 422]
    assert reserver(a, "u-2", "2026-12-07T10:00:00") == 201
'''


@pytest.fixture
def project():
    root = mutation.workspace(MODULE / "rdv")
    yield root
    import shutil

    shutil.rmtree(root)


def test_a_good_suite_is_green_and_kills_every_mutant(project):
    (project / "tests" / "test_rdv.py").write_text(GOOD)
    mutants = mutation.load_mutants(MODULE / "mutants.yaml")
    report = mutation.mutation_report(project, mutants)
    assert mutation.suite_green(report.original, minimum=2).ok
    assert report.survivors == []
    assert mutation.mutants_killed(report, mutants).ok


def test_a_weak_suite_lets_mutants_survive(project):
    (project / "tests" / "test_rdv.py").write_text(
        "from rdv.creneaux import creneaux\nfrom datetime import date\n\n"
        "def test_samedi():\n    assert creneaux(date(2026, 12, 5)) == []\n\n"
        "def test_faux():\n    assert 1 == 2\n")
    mutants = mutation.load_mutants(MODULE / "mutants.yaml")
    report = mutation.mutation_report(project, mutants)
    assert not mutation.suite_green(report.original).ok
    assert sorted(report.survivors) == sorted(m.id for m in mutants)
    assert "double-reservation" in mutation.mutants_killed(report, mutants).found


def test_an_empty_suite_is_not_green(project):
    assert not mutation.suite_green(mutation.run_pytest(project)).ok


def test_a_mutation_that_no_longer_applies_is_reported(project, tmp_path):
    bad = mutation.Mutant("x", "x", "rdv/api.py", "texte absent", "y")
    with pytest.raises(GradingError, match="une seule fois"):
        mutation.mutate(project, bad, tmp_path / "copie")
