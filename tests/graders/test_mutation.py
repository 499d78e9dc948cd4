"""Running a pytest suite on a project and on its mutants (real pytest runs): the integration
module's application, and a small package graded with `tests_kill_mutants`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from graders import GradingError, mutation, testsuites

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
    assert mutation.mutants_killed(report.survivors).ok


def test_a_weak_suite_lets_mutants_survive(project):
    (project / "tests" / "test_rdv.py").write_text(
        "from rdv.creneaux import creneaux\nfrom datetime import date\n\n"
        "def test_samedi():\n    assert creneaux(date(2026, 12, 5)) == []\n\n"
        "def test_faux():\n    assert 1 == 2\n")
    mutants = mutation.load_mutants(MODULE / "mutants.yaml")
    report = mutation.mutation_report(project, mutants)
    assert not mutation.suite_green(report.original).ok
    assert report.survivors == mutants
    assert "double-reservation" in mutation.mutants_killed(report.survivors).found


def test_an_empty_suite_is_not_green(project):
    assert not mutation.suite_green(testsuites.run_pytest(project, "tests")).ok


def test_a_mutation_that_no_longer_applies_is_reported(project, tmp_path):
    bad = mutation.Mutant("x", "x", "rdv/api.py", "texte absent", "y")
    with pytest.raises(GradingError, match="une seule fois"):
        mutation.mutant_copy(project, bad, tmp_path / "copie")


# -- a small package, its tests elsewhere in the project ----------------------------------------
CODE = '''
def majeur(age):
    """Vrai à partir de 18 ans."""
    return age >= 18
'''
MUTANTS = """
mutants:
  - id: limite
    file: droits/regles.py
    old: "age >= 18"
    new: "age > 18"
    description: la limite de 18 ans est exclue
  - id: seuil
    file: droits/regles.py
    old: "age >= 18"
    new: "age >= 21"
    description: le seuil passe à 21 ans
"""


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "projet"
    (root / "droits").mkdir(parents=True)
    (root / "droits" / "__init__.py").write_text("")
    (root / "droits" / "regles.py").write_text(CODE)
    (root / "travail").mkdir()
    (tmp_path / "mutants.yaml").write_text(MUTANTS)
    return root


def _tests(project, body: str) -> str:
    (project / "travail" / "test_regles.py").write_text(
        "from droits.regles import majeur\n\n" + textwrap.dedent(body))
    return "travail/test_regles.py"


def test_counts_come_from_the_junit_report(package):
    tests = _tests(package, """
        def test_adulte():
            assert majeur(30)

        def test_faux():
            assert majeur(3)
    """)
    run = testsuites.run_pytest(package, tests)
    assert run.tally() == "1 réussi(s), 1 échoué(s), 0 erreur(s)" and not run.green
    assert run.failed == ("travail.test_regles::test_faux",) and "test_faux" in run.output


def test_weak_tests_pass_but_let_mutants_survive(tmp_path, package):
    tests = _tests(package, """
        def test_adulte():
            assert majeur(30)
    """)
    mutants = mutation.load_mutants(tmp_path / "mutants.yaml")
    report = mutation.mutation_report(package, mutants, tests)
    assert mutation.suite_green(report.original, code="le code correct").ok
    assert [m.id for m in report.survivors] == ["limite", "seuil"]
    result = mutation.tests_kill_mutants(package, mutants, tests)
    assert not result.ok and "la limite de 18 ans est exclue" in result.found
    assert "(0/2)" in result.what


def test_boundary_tests_kill_every_mutant(tmp_path, package):
    tests = _tests(package, """
        def test_dix_huit_ans():
            assert majeur(18)

        def test_dix_sept_ans():
            assert not majeur(17)
    """)
    mutants = mutation.load_mutants(tmp_path / "mutants.yaml")
    result = mutation.tests_kill_mutants(package, mutants, tests)
    assert result.ok and "(2/2)" in result.what


def test_a_file_that_does_not_import_is_neither_green_nor_a_killer(tmp_path, package):
    tests = _tests(package, "raise NotImplementedError()\n")
    run = testsuites.run_pytest(package, tests)
    assert run.report.count(testsuites.ERROR) == 1 and not run.green
    mutants = mutation.load_mutants(tmp_path / "mutants.yaml")
    assert mutation.mutation_report(package, mutants, tests).survivors == mutants
    # tests that fail on the correct code detect nothing, whatever they do on mutants
    result = mutation.tests_kill_mutants(package, mutants, tests)
    assert not result.ok and "sur le code correct" in result.what


def test_no_test_at_all_is_not_green(package):
    run = testsuites.run_pytest(package, _tests(package, "X = 1\n"))
    assert run.report.tests == 0 and not run.green
    assert not mutation.suite_green(run).ok


def test_missing_folder_stale_mutant_and_malformed_file_are_explained(tmp_path, package):
    with pytest.raises(GradingError, match="introuvable"):
        testsuites.run_pytest(tmp_path / "absent")
    stale = mutation.Mutant("x", "texte disparu", "droits/regles.py", "absent", "rien")
    with pytest.raises(GradingError, match="une seule fois"):
        mutation.mutation_report(package, [stale], _tests(package, "def test_a():\n    pass\n"))
    (tmp_path / "faux.yaml").write_text("mutants:\n  - id: x\n    fichier: a.py\n")
    with pytest.raises(GradingError, match="exactement les clés"):
        mutation.load_mutants(tmp_path / "faux.yaml")
    with pytest.raises(GradingError, match="Aucun mutant"):
        mutation.load_mutants(tmp_path / "mutants.yaml", "absents")
