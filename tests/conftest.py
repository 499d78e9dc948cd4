"""Test session set-up: one light sandbox for the whole run, shared by xdist workers.

The test sandbox has its own name, port and home, so a learner's sandbox keeps running
beside the test suite. Every process the tests start (the `cpn` CLI, notebook kernels)
inherits these settings through the `CPN_*` environment variables set here.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

TEST_HOME = Path(os.environ.get("CPN_TEST_HOME",
                                Path(tempfile.gettempdir()) / f"cpn-test-{os.getuid()}"))
os.environ.update({
    "CPN_HOME": str(TEST_HOME),
    "CPN_SANDBOX_NAME": "cpn-test",
    "CPN_SANDBOX_PORT": os.environ.get("CPN_TEST_PORT", "26500"),
    "CPN_PROVIDER": "light",
    "CPN_SANDBOX_TIMEOUT": "120",
})
os.environ.pop("CPN_KUBECONFIG", None)
# nbgrader runs `alembic` by name: the environment's tools come first, as after activation.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
os.environ.pop("NBGRADER_EXECUTION", None)

import nbformat  # noqa: E402
import yaml  # noqa: E402

from cpnkit import course  # noqa: E402
from cpnkit.curriculum import NOTEBOOKS_DIR, load  # noqa: E402
from sandbox import Settings  # noqa: E402  (settings must see the variables above)
from sandbox.progress import QUIET  # noqa: E402
from sandbox.providers.light import LightProvider  # noqa: E402

USED_MARK = TEST_HOME / "started-by-tests"
SESSIONS = TEST_HOME / "sessions"  # one file per test run using this sandbox (its pid)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def sandbox() -> LightProvider:
    """The session's light sandbox: started once (under a lock), stopped at the end."""
    provider = LightProvider(Settings.from_env())
    provider.up(QUIET)
    USED_MARK.touch()
    return provider


@pytest.fixture(scope="session")
def admin_api(sandbox):
    from sandbox.health import api_client

    with api_client(sandbox.kubeconfig()) as api:
        yield api


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pytest_configure(config: pytest.Config) -> None:
    """The controller (not an xdist worker) registers its run: two runs of the suite on one
    machine share the sandbox, and the last one to finish stops it."""
    if not hasattr(config, "workerinput"):
        SESSIONS.mkdir(parents=True, exist_ok=True)
        (SESSIONS / str(os.getpid())).touch()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The controller stops the sandbox the tests started, unless another run still uses it."""
    if hasattr(session.config, "workerinput"):
        return
    (SESSIONS / str(os.getpid())).unlink(missing_ok=True)
    others = []
    for entry in SESSIONS.glob("*"):
        if entry.name.isdigit() and _alive(int(entry.name)):
            others.append(entry)
        else:
            entry.unlink(missing_ok=True)  # left by a run that was killed
    if others or not USED_MARK.exists():
        return
    if os.environ.get("CPN_TEST_KEEP_SANDBOX") != "1":
        LightProvider(Settings.from_env()).down(QUIET)
    USED_MARK.unlink(missing_ok=True)


# Course directories and learners' submissions (tests/course, tests/graders) ---------------

SUBMISSIONS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in (ROOT / "tests" / "course" / "submissions").glob("*.yaml")}


@pytest.fixture(scope="session")
def curriculum():
    return load()


@pytest.fixture(scope="module")
def course_root(tmp_path_factory, curriculum) -> Path:
    root = tmp_path_factory.mktemp("course")
    course.build(curriculum, root, progress=lambda message: None)
    return root


def _cell(notebook, cell_id: str):
    return next(c for c in notebook.cells if c.id == cell_id)


def _apply(notebook, change: dict) -> None:
    cell = _cell(notebook, change["cell"])
    if "source" in change:
        cell.source = change["source"]
    for old, new in change.get("replace", {}).items():
        assert old in cell.source, f"{old!r} not in {change['cell']}"
        cell.source = cell.source.replace(old, new)
    if "edit_test" in change:
        _cell(notebook, change["edit_test"]).source = "pass  # test modifié par l'apprenant"


def submit(root: Path, assignment: str, learner: str, modules: list[str],
           kind: str) -> dict[str, set[str]]:
    """Place a submission; return, per module, the grade cells expected to lose points.

    kind: "solutions" (the source notebook), "vierge" (the release notebook untouched),
    "erreur" (one wrong answer per exercise), "triche" (the tricks of submissions.yaml).
    """
    target = root / "submitted" / learner / assignment
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    losing: dict[str, set[str]] = {}
    for module in modules:
        if kind == "vierge":
            shutil.copy2(root / "release" / assignment / f"{module}.ipynb", target)
            continue
        notebook = nbformat.read(NOTEBOOKS_DIR / f"{module}.ipynb", as_version=4)
        changes = SUBMISSIONS.get(module, {}).get({"erreur": "wrong", "triche": "tricks"}
                                                  .get(kind, ""), [])
        for change in changes:
            _apply(notebook, change)
        losing[module] = {change["loses"] for change in changes}
        nbformat.write(notebook, target / f"{module}.ipynb")
    (target / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")
    return losing


@pytest.fixture(scope="session")
def submissions() -> dict:
    return SUBMISSIONS


@pytest.fixture(scope="session")
def make_submission():
    return submit
