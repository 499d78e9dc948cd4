"""Cheats that decide a verdict from inside the learner's kernel earn nothing.

Every case of verdict_cases/ (an input transformer, a `pre_run_cell` hook, the kit patched,
the names of hidden tests rebound, the kubernetes client patched, captured state overwritten,
an answer equal to everything, a test suite that judges the code's source instead of its
behaviour) is graded with the real `nbgrader autograde` and the kit's
course configuration (graders.trusted), beside an honest submission of the same modules:
each targeted exercise scores 0, the honest one keeps full marks. A control run with
nbgrader's own executor shows that the headline case does fool it.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
import yaml

from cpnkit import course
from cpnkit.course import grading_fixtures
from cpnkit.curriculum import NOTEBOOKS_DIR, load
from graders import testsuites
from graders.autograde import autograde, prepare_learner, release_learner, scores

GRADING = [pytest.mark.cluster, pytest.mark.slow]

CASES_DIR = Path(__file__).parent / "verdict_cases"
SUBMISSIONS_DIR = Path(__file__).parent.parent / "course" / "submissions"


@dataclass(frozen=True)
class Case:
    name: str
    assignment: str
    modules: tuple[str, ...]
    base: str  # solutions | vierge | erreur
    cell: str  # a cell id, or "first-answer"
    prepend: str
    source: str | None
    targets: object  # "all" or a list of grade cell ids


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.append(Case(path.stem, raw["assignment"], tuple(raw["modules"]) if isinstance(
            raw["modules"], list) else ("all",), raw["base"], raw["cell"],
            raw.get("prepend", ""), raw.get("source"), raw["targets"]))
    return cases


def _wrong_answers(module: str) -> list[dict]:
    path = SUBMISSIONS_DIR / f"{module}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("wrong", []) if path.is_file() \
        else []


def _cell(notebook, cell_id: str):
    return next(c for c in notebook.cells if c.id == cell_id)


def _base(root: Path, assignment: str, module: str, base: str):
    if base == "vierge":
        return nbformat.read(root / "release" / assignment / f"{module}.ipynb", as_version=4)
    notebook = nbformat.read(NOTEBOOKS_DIR / f"{module}.ipynb", as_version=4)
    if base == "erreur":
        for change in _wrong_answers(module):
            cell = _cell(notebook, change["cell"])
            if "source" in change:
                cell.source = change["source"]
            for old, new in change.get("replace", {}).items():
                cell.source = cell.source.replace(old, new)
    return notebook


def _cheat(notebook, case: Case) -> None:
    answers = [c for c in notebook.cells
               if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]
    cell = answers[0] if case.cell == "first-answer" else _cell(notebook, case.cell)
    if case.source is not None:
        cell.source = case.source
    if case.prepend:
        cell.source = case.prepend + "\n" + cell.source


def grade_cells(notebook: dict) -> dict[str, dict]:
    return {c["id"]: c for c in notebook["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade")}


def place(root: Path, assignment: str, learner: str, modules: list[str],
          case: Case | None) -> dict[str, set[str]]:
    """Write a submission (honest when `case` is None); return the grade cells to lose."""
    target = root / "submitted" / learner / assignment
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    losing = {}
    for module in modules:
        notebook = _base(root, assignment, module, case.base if case else "solutions")
        if case is not None:
            _cheat(notebook, case)
        ids = set(grade_cells(json.loads(nbformat.writes(notebook))))
        losing[module] = set() if case is None else ids if case.targets == "all" else set(
            case.targets)
        nbformat.write(notebook, target / f"{module}.ipynb")
    (target / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")
    return losing


def errors(cell: dict) -> str:
    return "\n".join(o.get("evalue", "") for o in cell.get("outputs", [])
                     if o["output_type"] == "error")


CURRICULUM = load()
CASES = load_cases()
HONEST: dict[str, dict] = {}


def _modules(assignment: str, chosen: tuple[str, ...]) -> list[str]:
    written = [m.id for m in CURRICULUM.assignment(assignment).modules if m.written]
    return written if chosen == ("all",) else [m for m in chosen if m in written]


@pytest.fixture(scope="module")
def courses(tmp_path_factory):
    """One course per assignment, built on first use."""
    built: dict[str, Path] = {}

    def get(assignment: str) -> Path:
        if assignment not in built:
            root = tmp_path_factory.mktemp(f"cours-{assignment}")
            course.build(CURRICULUM, root, only=[assignment], progress=lambda m: None)
            built[assignment] = root
        return built[assignment]

    return get


def _autograde(root: Path, assignment: str, learner: str, modules: list[str], admin_api,
               workdir: Path) -> dict:
    fixtures = grading_fixtures(CURRICULUM, modules)
    workdir.mkdir(parents=True, exist_ok=True)
    env = prepare_learner(admin_api, learner, modules, workdir, fixtures)
    try:
        autograde(root, assignment, learner, env)
    finally:
        release_learner(admin_api, learner, modules, fixtures)
    return {s.notebook: s for s in scores(root, assignment, learner)}


def _autograded(root: Path, learner: str, assignment: str, module: str) -> dict:
    path = root / "autograded" / learner / assignment / f"{module}.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", [pytest.param(c, marks=GRADING) for c in CASES],
                         ids=[c.name for c in CASES])
def test_a_cheat_earns_nothing_on_its_target(case, courses, admin_api, tmp_path):
    root = courses(case.assignment)
    modules = _modules(case.assignment, case.modules)
    assert modules, case.name
    losing = place(root, case.assignment, "tricheur", modules, case)
    cheat = _autograde(root, case.assignment, "tricheur", modules, admin_api, tmp_path / "t")
    place(root, case.assignment, "honnete", modules, None)
    honest = _autograde(root, case.assignment, "honnete", modules, admin_api, tmp_path / "h")
    for module in modules:
        assert honest[module].score == honest[module].max_score > 0, module
        cells = grade_cells(_autograded(root, "tricheur", case.assignment, module))
        lost = {cid for cid, cell in cells.items() if errors(cell)}
        assert losing[module] <= lost, (module, losing[module] - lost)
        kept = sum(c["metadata"]["nbgrader"]["points"] for cid, c in cells.items()
                   if cid not in losing[module] and cid not in lost)
        assert cheat[module].score == kept, module
        for cid in losing[module]:
            assert "❌" in errors(cells[cid]) or errors(cells[cid]), cid


@pytest.mark.cluster
@pytest.mark.slow
def test_the_headline_cheat_fools_nbgrader_alone(courses, admin_api, tmp_path):
    """Control: with nbgrader's own Execute, the input transformer takes the points."""
    case = next(c for c in CASES if c.name == "input_transformer")
    source = courses(case.assignment)
    root = tmp_path / "cours-nbgrader"
    course.build(CURRICULUM, root, only=[case.assignment], progress=lambda m: None)
    config = root / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[:text.index("from graders.trusted")], encoding="utf-8")
    module = "transformation-organisationnelle"
    place(root, case.assignment, "tricheur", [module], case)
    graded = _autograde(root, case.assignment, "tricheur", [module], admin_api, tmp_path / "t")
    assert graded[module].score == graded[module].max_score
    assert source.is_dir()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_learner_tests_launched_by_a_trusted_check_never_run_as_root(tmp_path):
    """Hidden tests run in the grader's process; the learner's pytest suite they launch runs
    in the grading cage (graders.cage), under an unprivileged account, even as root."""
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_compte.py").write_text(
        "import os\n\ndef test_pas_root():\n    assert os.getuid() != 0\n", encoding="utf-8")
    assert testsuites.run_pytest(suite).green


def test_the_grader_never_reads_through_a_link_the_kernel_left(tmp_path):
    """A symlink (or FIFO) in the submission folder is not copied into the grader's snapshot,
    and an absolute path outside it is refused while trusted code runs."""
    from graders.trusted import guard

    submission = tmp_path / "rendu"
    (submission / "module").mkdir(parents=True)
    (submission / "module" / "reponse.yaml").write_text("ok: 1\n", encoding="utf-8")
    (submission / "module" / "cle").symlink_to("/etc/shadow")
    (submission / "dossier-lien").symlink_to("/root")
    os.mkfifo(submission / "tube")
    copy = tmp_path / "correcteur" / "copie"
    copy.parent.mkdir()
    skipped = guard.snapshot(submission, copy)
    assert sorted(skipped) == ["dossier-lien", "module/cle", "tube"]
    assert (copy / "module" / "reponse.yaml").read_text(encoding="utf-8") == "ok: 1\n"
    assert not (copy / "module" / "cle").exists()
    with guard.ReadGuard.allow(copy.parent):
        assert (copy / "module" / "reponse.yaml").is_file()
        with pytest.raises(guard.RefusedPath):
            Path("/etc/shadow").read_text(encoding="utf-8")
        with pytest.raises(guard.RefusedPath):
            (submission / "module" / "reponse.yaml").read_bytes()
    assert (submission / "module" / "reponse.yaml").read_text(encoding="utf-8")


def test_only_plain_data_crosses_from_the_kernel():
    """The wire decoder rebuilds plain values; an object equal to everything does not cross."""
    import pandas as pd

    from graders.trusted import wire

    class Toujours(dict):
        def __eq__(self, other):
            return True

    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=["r1", "r2"])
    for value in [{"a": (1, {2, 3})}, {1: "un"}, frame, frame["a"], float("inf"),
                  Path("travail") / "depot"]:
        back = wire.decode(json.loads(json.dumps(json.loads(wire.fetch(value))["ok"])))
        assert back.equals(value) if hasattr(back, "equals") else back == value
    crossed = wire.decode(json.loads(wire.fetch(Toujours()))["ok"])
    assert type(crossed) is dict and crossed != {"x": 1}
    assert "untransmissible" in json.loads(wire.fetch(object()))


@pytest.mark.cluster
def test_a_client_argument_reaches_the_learner_as_the_kernels_own_client(sandbox):
    """The grader's `api`, passed to a learner's function (`smoke_test(api, ns)`), is never
    sent: the function receives a client built in the kernel, with the kernel's credentials;
    the tag stands for nothing anywhere else (not inside a value, not in a reply)."""
    from kubernetes.client import ApiClient, VersionApi

    from graders.trusted import bridge, wire

    def smoke_test(api, namespace):
        return [type(api).__name__, namespace, VersionApi(api).get_code().git_version]

    grader_api = ApiClient()  # no credentials at all: it must not be the one used
    arguments = json.dumps([[bridge._argument(grader_api), bridge._argument("cpn-x")], {}])
    reply = json.loads(wire.call(smoke_test, arguments))
    assert reply["ok"][:2] == ["ApiClient", "cpn-x"] and reply["ok"][2].startswith("v1.")
    with pytest.raises(wire.Untransmissible):
        wire.decode([wire.KERNEL_CLIENT])
    with pytest.raises(wire.Untransmissible):
        wire.decode(dict(wire.KERNEL_CLIENT))


def test_a_learner_function_that_modifies_its_argument_modifies_the_graders_copy():
    """Checks such as « ne modifie pas le manifeste reçu » keep their meaning: a list or dict
    the learner's function modified in the kernel is modified the same way for the grader."""
    import copy

    from graders.trusted import bridge, wire

    def sans_surcharges(manifeste, gardes):
        manifeste["spec"].pop("securityContext")
        return {"ok": len(gardes)}

    sample, kept = {"spec": {"securityContext": {"runAsUser": 0}, "containers": []}}, ["a"]
    before = copy.deepcopy(sample)
    arguments = json.dumps([[bridge._argument(sample), bridge._argument(kept)], {}])
    reply = json.loads(wire.call(sans_surcharges, arguments))
    assert reply["ok"] == {"ok": 1} and sample == before  # nothing crossed yet
    bridge._modify_like_the_kernel([sample, kept], reply["after"])
    assert sample == {"spec": {"containers": []}} and kept == ["a"]


def test_a_figure_crosses_as_its_lines_and_the_grader_draws_its_own():
    """A matplotlib figure is sent as the x/y values of its lines: the grader rebuilds a
    figure of its own, on which the dashboard check gives the same verdicts."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from graders import decisions
    from graders.trusted import wire

    rows = [{"semaine": f"2026-W{i:02d}", "x": float(i), "y": 10.0 - i} for i in range(1, 13)]
    thresholds = {"indicateurs": {"x": {"rouge": 8}, "y": {"rouge": 2}}}

    def sent(with_red: bool):
        figure, axes = plt.subplots(1, 2)
        for ax, name in zip(axes, ["x", "y"], strict=True):
            ax.plot([r["semaine"] for r in rows], [r[name] for r in rows])
            if with_red:
                ax.axhline(thresholds["indicateurs"][name]["rouge"])
        plt.close(figure)
        return wire.decode(json.loads(json.dumps(json.loads(wire.fetch(figure))["ok"])))

    assert decisions.check_dashboard(sent(True), rows, thresholds, ["x", "y"]).ok
    missing = decisions.check_dashboard(sent(False), rows, thresholds, ["x", "y"])
    assert not missing.ok and "seuil rouge" in missing.message()


def test_a_trusted_cell_may_draw_with_matplotlib_under_the_read_guard(tmp_path):
    """matplotlib reads the machine's font list and its cache on first import: the trusted
    namespace loads it before the read guard, so a locked cell importing pyplot still runs
    (microservices-introduction, images-et-registres)."""
    import subprocess
    import sys

    code = """
import pathlib, sys
from graders.trusted import executor, guard, namespace
namespace.build("microservices-introduction", "x", None)
work = pathlib.Path(sys.argv[1])
(work / "copie").mkdir()
(work / "tmp").mkdir()
with executor._inside(work), guard.ReadGuard.allow(work):
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots()
    axes.plot([1, 2], [3, 4])
    axes.set_title("réservations")
    figure.tight_layout()
"""
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
