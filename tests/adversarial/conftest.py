"""The adversarial corpus: dishonest submissions graded by `cpn grade`'s machinery.

A case is one YAML file of `cage_cases/` (add a file to add a case):

    description: what the dishonest learner tries
    fichiers: {chemin: contenu}     # files submitted beside the notebook (optional)
    liens: {nom: cible}             # symbolic links submitted (optional)
    liens_durs: {nom: source}       # hard links to a file outside the submission (optional)
    code: |                         # a cell added at the end of the notebook (optional)
      tente("lire le corrigé", lambda: open("$depot/notebooks/...").read())
    autorise: [nom]                 # attempts allowed to succeed (checked otherwise)

The added cell calls `tente(nom, action)`: an action that returns means the escape worked
("REUSSI"), one that raises means it was stopped ("BLOQUE"); every result is printed on one
`EVASION {json}` line of the autograded notebook. Placeholders ($depot, $cours, $dehors, ...)
are filled from `PLACES`. Submitted modules write a file in $dehors when they run: if they ran
outside the cage, the file is there after grading.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import string
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
import yaml
from nbgrader.api import Gradebook

from cpnkit import course
from cpnkit.course import grading_fixtures
from cpnkit.curriculum import NOTEBOOKS_DIR, load
from graders.cohort import CohortGrader
from graders.isolation import KERNEL_USER

ASSIGNMENT, MODULE = "decouverte", "premiers-pas-bac-a-sable"
CASES_DIR = Path(__file__).with_name("cage_cases")
ROOT = Path(__file__).resolve().parents[2]
HONEST = ("honnete-complet", "honnete-partiel")
TOKEN = f"cpn-evasion-{os.getpid()}"
PRELUDE = f'''
import builtins, glob, json, os, subprocess, sys
_vu = {{}}
JETON = {TOKEN!r}


def tente(nom, action):
    try:
        resultat = action()
    except BaseException as erreur:  # noqa: BLE001
        _vu[nom] = "BLOQUE " + type(erreur).__name__ + " " + str(erreur)[:120]
    else:
        _vu[nom] = "REUSSI " + repr(resultat)[:200]


def lire(chemin):
    with open(chemin, "rb") as flux:
        return len(flux.read())


def piege():
    return builtins.PIEGE


def charge_depuis_copie(nom):
    module = sys.modules.get(nom)
    fichier = os.path.realpath(getattr(module, "__file__", None) or "") if module else ""
    if fichier and fichier.startswith(os.getcwd()):
        return fichier
    raise LookupError(fichier or "non chargé")


def cherche(motif, racine="/"):
    ici = os.getcwd()
    trouves = [p for p in glob.glob(os.path.join(racine, "**", motif), recursive=True)
               if not p.startswith(ici)]
    if trouves:
        return trouves[:5]
    raise FileNotFoundError(motif)
'''
EPILOGUE = '\n_vu["sys.path"] = "INFO " + repr(sys.path[:3])\nprint("EVASION " + json.dumps(_vu))\n'


@dataclass
class Case:
    name: str
    description: str
    fichiers: dict[str, str] = field(default_factory=dict)
    liens: dict[str, str] = field(default_factory=dict)
    liens_durs: dict[str, str] = field(default_factory=dict)
    code: str = ""
    autorise: list[str] = field(default_factory=list)


def load_cases() -> list[Case]:
    return [Case(path.stem, **yaml.safe_load(path.read_text(encoding="utf-8")))
            for path in sorted(CASES_DIR.glob("*.yaml"))]


CASES = load_cases()


def _etcd_port(provider) -> int:
    """The light sandbox's etcd client port, from kwokctl's configuration."""
    def find(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "etcdPort" and value:
                    return int(value)
                found = find(value)
                if found:
                    return found
        if isinstance(node, list):
            for item in node:
                found = find(item)
                if found:
                    return found
        return None

    config = provider.cluster_dir / "kwok.yaml"
    documents = list(yaml.safe_load_all(config.read_text())) if config.is_file() else []
    return find(documents) or 2379


def _places(course_root: Path, outside: Path, secret: Path, provider) -> dict[str, str]:
    return {"depot": str(ROOT), "cours": str(course_root), "dehors": str(outside),
            "module": MODULE, "niveau": ASSIGNMENT, "secret": str(secret),
            "kubeconfig_admin": str(provider.kubeconfig()),
            "cpn_home": str(provider.settings.home), "cluster": str(provider.cluster_dir),
            "etcd_port": str(_etcd_port(provider)), "jeton": TOKEN}


def _fill(text: str, places: dict[str, str]) -> str:
    return string.Template(text).safe_substitute(places)


def _solutions():
    return nbformat.read(NOTEBOOKS_DIR / f"{MODULE}.ipynb", as_version=4)


def _place(root: Path, learner: str, notebook, case: Case | None, places) -> None:
    target = root / "submitted" / learner / ASSIGNMENT
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    if case is not None:
        if case.code:
            cell = nbformat.v4.new_code_cell(PRELUDE + _fill(case.code, places) + EPILOGUE)
            cell.id = "evasion"
            notebook.cells.append(cell)
        for relative, content in case.fichiers.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_fill(content, places))
        for name, destination in case.liens.items():
            (target / name).symlink_to(_fill(destination, places))
        for name, source in case.liens_durs.items():
            os.link(_fill(source, places), target / name)
    nbformat.write(notebook, target / f"{MODULE}.ipynb")
    (target / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")


def _partial():
    notebook = _solutions()
    cell = next(c for c in notebook.cells if c.id == "premiers_pas_bac_a_sable_zones_solution")
    cell.source = "zones = {}\n"
    return notebook


def cell_scores(root: Path, learners) -> dict[tuple[str, str], float]:
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {(learner, grade.name): grade.score for learner in learners
                for grade in gradebook.find_submission_notebook(MODULE, ASSIGNMENT,
                                                                learner).grades}


def cage_processes() -> str:
    """Processes left by grading: any of the grading accounts, or carrying the corpus token."""
    uids = [str(p.pw_uid) for p in pwd.getpwall() if p.pw_name.startswith(KERNEL_USER)]
    found = subprocess.run(["ps", "-o", "pid=,user=,args=", "-u", ",".join(uids) or "0"],
                           capture_output=True, text=True).stdout if uids else ""
    tagged = subprocess.run(["pgrep", "-af", TOKEN], capture_output=True, text=True).stdout
    return (found + tagged).strip()


def evasion_report(root: Path, learner: str) -> dict[str, str] | None:
    path = root / "autograded" / learner / ASSIGNMENT / f"{MODULE}.ipynb"
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            for line in "".join(output.get("text", "")).splitlines():
                if line.startswith("EVASION "):
                    return json.loads(line[len("EVASION "):])
    return None


def pytest_generate_tests(metafunc) -> None:
    """A test that takes `cage_case` runs once per case of the corpus."""
    if "cage_case" in metafunc.fixturenames:
        metafunc.parametrize("cage_case", CASES, ids=[case.name for case in CASES])


def _left_processes(seconds: float = 10) -> str:
    left = cage_processes()
    deadline = time.monotonic() + seconds
    while left and time.monotonic() < deadline:  # a cage may still be tearing down
        time.sleep(0.5)
        left = cage_processes()
    return left


def _repository_state() -> str:
    """What git sees in the repository, except the `travail/` folders that module notebooks
    write while they run (other tests execute them in place at the same time)."""
    status = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--ignored"],
                            capture_output=True, text=True).stdout
    return "".join(line for line in status.splitlines(keepends=True)
                   if not line.rstrip().endswith("travail/"))


@pytest.fixture(scope="module")
def corpus_run(admin_api, sandbox, tmp_path_factory):
    """Honest submissions graded alone, then again beside every case of the corpus."""
    course_root = tmp_path_factory.mktemp("cours")
    course.build(load(), course_root, [ASSIGNMENT], progress=lambda message: None)
    outside = tmp_path_factory.mktemp("dehors")
    outside.chmod(0o777)  # writable by anyone: a write that lands here was not caged
    secret = tmp_path_factory.mktemp("formateur") / "cle-formateur.pem"
    secret.write_text("-----BEGIN PRIVATE KEY----- secret du formateur")
    secret.chmod(0o600)
    places = _places(course_root, outside, secret, sandbox)
    fixtures = grading_fixtures(load(), [MODULE])

    def grade(learners):
        grader = CohortGrader(course_root, ASSIGNMENT, [MODULE], admin_api, fixtures,
                              workers=2, cell_timeout=30)
        return {o.learner: o for o in grader.run(list(learners)).outcomes}

    _place(course_root, HONEST[0], _solutions(), None, places)
    _place(course_root, HONEST[1], _partial(), None, places)
    alone = grade(HONEST)
    baseline = cell_scores(course_root, HONEST)
    repository = _repository_state()
    for case in CASES:
        _place(course_root, case.name, _solutions(), case, places)
    beside = grade([*HONEST, *(case.name for case in CASES)])
    return {"alone": alone, "beside": beside, "baseline": baseline, "honest": HONEST,
            "scores": cell_scores(course_root, HONEST), "outside": outside,
            "processes": _left_processes(), "repository": (repository, _repository_state()),
            "root": course_root, "cases": [case.name for case in CASES],
            "reports": {case.name: evasion_report(course_root, case.name) for case in CASES
                        if case.code}}
