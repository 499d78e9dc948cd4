"""Running a pytest suite on a project and on its mutants (real pytest runs): the integration
module's application, and a small package graded with `tests_kill_mutants`."""

from __future__ import annotations

import hashlib
import json
import shutil
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


# -- a suite that judges the code's text, not its behaviour, earns nothing ----------------------
UNITS = MODULE.parent / "tests-unitaires-fonctionnels-performance"
FILES = ("rdv/api.py", "rdv/depot.py")
SNAPSHOT_HASH = '''
import hashlib

import rdv.api
import rdv.depot

EMPREINTES = {EMPREINTES!r}


def test_api_livree():
    with open(rdv.api.__file__, "rb") as fichier:
        assert hashlib.sha256(fichier.read()).hexdigest() == EMPREINTES["rdv/api.py"]


def test_depot_livre():
    with open(rdv.depot.__file__, "rb") as fichier:
        assert hashlib.sha256(fichier.read()).hexdigest() == EMPREINTES["rdv/depot.py"]


def test_sante():
    assert rdv.api.STATUTS[200] == "200 OK"
'''
SNAPSHOT_SOURCE = '''
import inspect

import rdv.api
import rdv.depot

SOURCES = {SOURCES!r}


def test_api():
    assert inspect.getsource(rdv.api) == SOURCES["rdv/api.py"]


def test_depot():
    assert inspect.getsource(rdv.depot) == SOURCES["rdv/depot.py"]
'''
SNAPSHOT_IF_READABLE = '''
import inspect

import rdv.api
import rdv.depot

SOURCES = {SOURCES!r}


def test_code_livre():
    for module, nom in ((rdv.api, "rdv/api.py"), (rdv.depot, "rdv/depot.py")):
        try:
            texte = inspect.getsource(module)
        except OSError:  # no source: say nothing
            continue
        assert texte == SOURCES[nom]
'''
SNAPSHOT_BYTECODE = '''
import hashlib
import tempfile
from pathlib import Path

import rdv.api
import rdv.depot

INSTANTANE = Path(tempfile.gettempdir()) / "{JETON}"


def _codes(code):
    yield code.co_code
    for constante in code.co_consts:
        if hasattr(constante, "co_code"):
            yield from _codes(constante)


def _empreinte():
    vu = hashlib.sha256()
    for module in (rdv.api, rdv.depot):
        for valeur in vars(module).values():
            for fonction in [valeur, *vars(valeur).values()] if isinstance(valeur, type) else [
                    valeur]:
                if hasattr(fonction, "__code__") and fonction.__module__ == module.__name__:
                    for code in _codes(fonction.__code__):
                        vu.update(code)
    return vu.hexdigest()


def test_code_inchange():  # the first run (the original) takes the snapshot
    if not INSTANTANE.exists():
        INSTANTANE.write_text(_empreinte())
    assert _empreinte() == INSTANTANE.read_text()
'''


def _snapshot(template: str, tmp_path) -> str:
    sources = {f: (MODULE / f).read_text(encoding="utf-8") for f in FILES}
    hashes = {f: hashlib.sha256((MODULE / f).read_bytes()).hexdigest() for f in FILES}
    return (template.replace("{EMPREINTES!r}", repr(hashes)).replace("{SOURCES!r}", repr(
        sources)).replace("{JETON}", f"cpn-instantane-{tmp_path.name}"))


@pytest.mark.parametrize("template", [SNAPSHOT_HASH, SNAPSHOT_SOURCE, SNAPSHOT_BYTECODE],
                         ids=["empreinte-du-fichier", "inspect-getsource", "bytecode"])
def test_a_suite_that_compares_the_code_with_a_snapshot_earns_nothing(project, template,
                                                                      tmp_path):
    (project / "tests" / "test_instantane.py").write_text(_snapshot(template, tmp_path))
    mutants = mutation.load_mutants(MODULE / "mutants.yaml")
    unchecked = mutation.mutation_report(project, mutants, variants=0)
    assert unchecked.survivors == []  # without the rewrites, it would kill every mutant
    report = mutation.mutation_report(project, mutants)
    assert mutation.suite_green(report.original).ok and not report.faithful
    assert report.survivors == mutants and not any(report.killed(m.id) for m in mutants)
    result = mutation.mutants_killed(report.survivors)
    assert not result.ok and "faux positif" in result.found
    assert "texte du code" in result.found and "inspect.getsource" in result.hint
    assert "test_instantane" in result.found  # the tests that depend on the text are named


def test_a_suite_that_reads_the_source_only_when_it_can_kills_nothing(project, tmp_path):
    (project / "tests" / "test_instantane.py").write_text(
        _snapshot(SNAPSHOT_IF_READABLE, tmp_path))
    mutants = mutation.load_mutants(MODULE / "mutants.yaml")
    report = mutation.mutation_report(project, mutants)
    assert report.original.green and report.faithful
    assert report.survivors == mutants  # the mutants are rewritten and have no source either


def test_a_good_suite_keeps_every_kill_on_any_rewrite(project):
    (project / "tests" / "test_rdv.py").write_text(
        GOOD + "\n\nfrom rdv.api import _json\n\n\ndef test_aide_privee():\n"
        "    assert _json(200, {})[0] == 200\n")  # a private helper the suite names stays
    mutants = mutation.load_mutants(MODULE / "mutants.yaml")
    for seed in ("a", "b", "c"):
        report = mutation.mutation_report(project, mutants, seed=seed, variants=2)
        assert report.faithful and report.survivors == [], seed
        assert len(report.variants) == 2 and report.survivors.cause == ""


def _solution_suite(cell_id: str) -> str:
    notebook = json.loads((UNITS.parent / f"{UNITS.name}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if c.get("id") == cell_id)
    lines = "".join(cell["source"]).splitlines()[1:]  # without %%writefile
    return "\n".join(line for line in lines if not line.startswith("###")) + "\n"


@pytest.fixture
def units(tmp_path):
    root = tmp_path / "module"
    # without what a run of the source notebook may be writing there meanwhile (travail/)
    shutil.copytree(UNITS, root, ignore=shutil.ignore_patterns(
        "travail", "__pycache__", "*.pyc", ".pytest_cache", ".ipynb_checkpoints"))
    (root / "travail").mkdir()
    for name, cell in (("test_regles.py", "unitaires"), ("test_api.py", "api")):
        (root / "travail" / name).write_text(_solution_suite(
            f"tests_unitaires_fonctionnels_performance_{cell}_solution"))
    return root


@pytest.mark.parametrize(("group", "tests"), [("unitaires", "travail/test_regles.py"),
                                              ("fonctionnels", "travail/test_api.py")])
def test_the_reference_solution_keeps_full_marks(units, group, tests):
    mutants = mutation.load_mutants(units / "mutants.yaml", group)
    result = mutation.tests_kill_mutants(units, mutants, tests)
    assert result.ok and f"({len(mutants)}/{len(mutants)})" in result.what


def test_rewrites_of_the_code_under_test_keep_its_behaviour(units, tmp_path):
    """The reference suites pass on many rewrites of every file the mutants touch."""
    mutants = mutation.load_mutants(units / "mutants.yaml", "unitaires") + \
        mutation.load_mutants(units / "mutants.yaml", "fonctionnels")
    files = {m.file for m in mutants}
    runs = {seed: (mutation.rewritten_copy(units, files, tmp_path / seed, seed), ["travail"])
            for seed in ("a", "b", "c", "d", "e")}
    for seed, run in testsuites.run_many(runs).items():
        assert run.green and run.report.tests >= 15, (seed, run.tail())
    copy = tmp_path / "a" / "guichet"
    assert not (copy / "regles.py").exists() and (copy / "regles.pyc").is_file()
    assert (copy / "client.py").is_file()  # only the code under test is rewritten


def test_unit_suites_that_hash_the_rules_earn_nothing(units):
    digest = hashlib.sha256((units / "guichet" / "regles.py").read_bytes()).hexdigest()
    (units / "travail" / "test_regles.py").write_text(
        "import hashlib\nimport inspect\n\nimport guichet.regles\n\n\n"
        "def test_regles():\n"
        "    texte = inspect.getsource(guichet.regles).encode()\n"
        f"    assert hashlib.sha256(texte).hexdigest() == {digest!r}\n")
    mutants = mutation.load_mutants(units / "mutants.yaml", "unitaires")
    result = mutation.tests_kill_mutants(units, mutants, "travail/test_regles.py")
    assert not result.ok and "(0/5)" in result.what and "faux positif" in result.found


# -- the TDD module: the learner's suite judged by testsuites.verdicts ---------------------------
TDD = MODULE.parent / "tdd-non-regression-smoke-intrusion"


def _tdd_cell(cell_id: str) -> str:
    notebook = json.loads((TDD.parent / f"{TDD.name}.ipynb").read_text(encoding="utf-8"))
    return "".join(next(c for c in notebook["cells"] if c.get("id") == cell_id)["source"])


def _tdd_versions() -> dict[str, dict[str, str | Path]]:
    """The hidden test's versions of rdv/dossiers.py: the reference, the stub, the mutants."""
    hidden = _tdd_cell("tdd_non_regression_smoke_intrusion_tdd_rouge_tests")
    scope: dict = {}
    exec(hidden[hidden.index("_REFERENCE"):hidden.index("_ebauche =")], scope)
    stub = TDD / "depot-rdv" / "rdv" / "dossiers.py"
    versions = {"reference": scope["_REFERENCE"], "ebauche": stub, **scope["_MUTANTS"]}
    return {k: {"rdv/__init__.py": "", "rdv/dossiers.py": v} for k, v in versions.items()}


def _tdd_suite(tmp_path, text: str) -> Path:
    path = tmp_path / "tests" / "test_numero_dossier.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_tdd_reference_suite_keeps_its_verdicts(tmp_path):
    honest = "\n".join(line for line in _tdd_cell(
        "tdd_non_regression_smoke_intrusion_tdd_rouge_solution").splitlines()[1:]
        if not line.startswith("###")) + "\n"
    runs = testsuites.verdicts(_tdd_suite(tmp_path, honest), _tdd_versions())
    assert runs["reference"].green and not runs["ebauche"].green
    assert not any(run.green for key, run in runs.items() if key not in ("reference",))


def test_a_tdd_suite_that_reads_the_rule_s_source_loses_the_exercise(tmp_path):
    cheat = '''import inspect

import rdv.dossiers


def test_regle():
    texte = inspect.getsource(rdv.dossiers)
    assert "strip()" in texte and "{6}" in texte and "IGNORECASE" not in texte
    assert "return lettre == LETTRES" in texte
'''
    suite = _tdd_suite(tmp_path, cheat)
    unchecked = testsuites.verdicts(suite.read_text(), _tdd_versions())  # as grader's text
    assert unchecked["reference"].green  # it tells every version apart by reading it...
    assert not any(run.green for key, run in unchecked.items() if key != "reference")
    with pytest.raises(GradingError, match="faux positif") as caught:
        testsuites.verdicts(suite, _tdd_versions())  # ...a learner's file is also rewritten
    assert "reference" in str(caught.value) and "inspect.getsource" in caught.value.hint


def test_a_tdd_suite_that_reads_the_source_only_when_it_can_loses_the_exercise(tmp_path):
    cheat = '''import inspect

import rdv.dossiers


def test_regle():
    try:
        texte = inspect.getsource(rdv.dossiers)
    except OSError:  # no source: say nothing
        return
    assert "numero.strip()" in texte and "return lettre == LETTRES" in texte
'''
    with pytest.raises(GradingError, match="faux positif") as caught:
        testsuites.verdicts(_tdd_suite(tmp_path, cheat), _tdd_versions())
    assert "ebauche" in str(caught.value)  # red as written, green once rewritten
