"""Grading a learner's tests: pytest in a subprocess, then mutants of the code under test."""

from __future__ import annotations

import textwrap

import pytest

from graders import GradingError, testing

CODE = '''
def majeur(age):
    """Vrai à partir de 18 ans."""
    return age >= 18
'''
MUTANTS = """
mutants:
  - id: limite
    file: regles.py
    old: "age >= 18"
    new: "age > 18"
    description: la limite de 18 ans est exclue
  - id: seuil
    file: regles.py
    old: "age >= 18"
    new: "age >= 21"
    description: le seuil passe à 21 ans
"""


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "code" / "droits"
    root.mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "regles.py").write_text(CODE)
    (tmp_path / "mutants.yaml").write_text(MUTANTS)
    return root


def _tests(tmp_path, body: str):
    path = tmp_path / "travail" / "test_regles.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text("from droits.regles import majeur\n\n" + textwrap.dedent(body))
    return path


def test_counts_come_from_the_junit_report(tmp_path, package):
    tests = _tests(tmp_path, """
        def test_adulte():
            assert majeur(30)

        def test_faux():
            assert majeur(3)
    """)
    run = testing.run_pytest(tests, package.parent)
    assert (run.passed, run.failed, run.errors) == (1, 1, 0) and not run.green
    assert "test_faux" in run.output


def test_weak_tests_pass_but_let_mutants_survive(tmp_path, package):
    tests = _tests(tmp_path, """
        def test_adulte():
            assert majeur(30)
    """)
    mutants = testing.load_mutants(tmp_path / "mutants.yaml")
    assert testing.tests_pass(tests, package).ok
    assert testing.mutation_results(tests, package, mutants) == {"limite": False, "seuil": False}
    result = testing.tests_kill_mutants(tests, package, mutants)
    assert not result.ok and "la limite de 18 ans est exclue" in result.found


def test_boundary_tests_kill_every_mutant(tmp_path, package):
    tests = _tests(tmp_path, """
        def test_dix_huit_ans():
            assert majeur(18)

        def test_dix_sept_ans():
            assert not majeur(17)
    """)
    mutants = testing.load_mutants(tmp_path / "mutants.yaml")
    assert testing.tests_kill_mutants(tests, package, mutants).ok


def test_a_file_that_does_not_import_is_neither_green_nor_a_killer(tmp_path, package):
    tests = _tests(tmp_path, "raise NotImplementedError()\n")
    run = testing.run_pytest(tests, package.parent)
    assert run.errors == 1 and not run.green
    assert not testing.tests_pass(tests, package).ok
    mutants = testing.load_mutants(tmp_path / "mutants.yaml")
    # tests that fail on the correct code detect nothing, whatever they do on mutants
    result = testing.tests_kill_mutants(tests, package, mutants)
    assert not result.ok and "sur le code correct" in result.what


def test_no_test_at_all_is_not_green(tmp_path, package):
    run = testing.run_pytest(_tests(tmp_path, "X = 1\n"), package.parent)
    assert run.total == 0 and not run.green


def test_missing_file_and_stale_mutant_are_explained(tmp_path, package):
    with pytest.raises(GradingError, match="introuvable"):
        testing.run_pytest(tmp_path / "absent.py", package.parent)
    stale = testing.Mutant("x", "regles.py", "absent", "rien", "texte disparu")
    with pytest.raises(GradingError, match="une fois exactement"):
        testing.mutation_results(_tests(tmp_path, "def test_a():\n    pass\n"), package,
                                 [stale])
