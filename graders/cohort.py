"""Grading a whole cohort: every submission in parallel, each in its own shadow course.

nbgrader autogrades one submission at a time and its SQLite gradebook does not take
concurrent writers. So each submission is autograded in a private copy of the course (its own
gradebook copy, its own grading namespaces and restricted credentials, its own kernel user),
several at once by worker processes that keep nbgrader loaded; each learner's grades are then
merged into the real gradebook, one submission at a time (graders.gradebook). The gradebook
ends as a sequential run would leave it. Feedback is generated once for the whole cohort.

Each worker holds a slot (1..workers) for its whole life: its kernels and learner test runs are
caged under that slot's account (graders.isolation, graders.cage). Grading folders are private
(0700, umask 077); the submission is copied as regular files and folders only.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from kubernetes import client

from .autograde import ModuleFixtures, prepare_learner, release_learner, scores
from .cage import copy_regular
from .gradebook import merge_submission
from .isolation import check_cage, prepare_kernelspec, resolve_mode, set_context

SHADOW_CONFIG = """
# Added by cpn grade for this shadow course: verdicts out of the kernel (which survives its
# deaths), bounded cells.
from nbgrader.converters.autograde import Autograde
from nbgrader.preprocessors import Execute
from graders.trusted.executor import TrustedExecute
c.Autograde.autograde_preprocessors = [
    TrustedExecute if step is Execute else step
    for step in Autograde.class_traits()["autograde_preprocessors"].default()]
c.Execute.timeout = {timeout}
"""


@dataclass
class Outcome:
    """What happened to one learner's submission."""

    learner: str
    status: str = "en attente"  # notée | délai dépassé (a cell timed out) | échec
    score: float = 0.0
    max_score: float = 0.0
    timed_out_cells: int = 0
    seconds: float = 0.0
    detail: str = ""


@dataclass
class CohortRun:
    root: Path
    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def submissions(root: Path, assignment: str) -> list[str]:
    """Learners who submitted this assignment (folders of submitted/)."""
    base = root / "submitted"
    return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir()) if base.is_dir() \
        else []


def _nbgrader(cwd: Path, args: list[str], env: dict[str, str]
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def _clean_env(extra: dict[str, str], home: Path) -> dict[str, str]:
    """An environment for nbgrader with no admin credential in it."""
    bin_dir = str(Path(sys.executable).parent)
    keep = {k: os.environ[k] for k in ("LANG", "LC_ALL", "TZ") if k in os.environ}
    return {**keep, "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin", "HOME": str(home),
            **extra}


def _shadow(root: Path, assignment: str, learner: str, workdir: Path, timeout: int) -> Path:
    shadow = workdir / "cours"
    shutil.copytree(root / "source" / assignment, shadow / "source" / assignment)
    copy_regular(root / "submitted" / learner / assignment,
                 shadow / "submitted" / learner / assignment)
    shutil.copy2(root / "gradebook.db", shadow / "gradebook.db")
    config = (root / "nbgrader_config.py").read_text(encoding="utf-8")
    (shadow / "nbgrader_config.py").write_text(config + SHADOW_CONFIG.format(timeout=timeout))
    return shadow


def _timeouts(notebooks: list[Path]) -> int:
    count = 0
    for path in notebooks:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            count += sum(1 for o in cell.get("outputs", [])
                         if o.get("output_type") == "error" and o.get("ename") in (
                             "CellTimeoutError", "KeyboardInterrupt"))
    return count


@dataclass(frozen=True)
class Task:
    """One submission to autograde in a worker process."""

    root: Path
    assignment: str
    learner: str
    workdir: Path
    grading_env: dict[str, str]
    isolation: str  # user | cage | env (graders.isolation)
    cell_timeout: int


_slot = {"number": 0}


def _claim_slot(slots) -> None:
    """Worker initializer: take a slot number for the life of this worker process."""
    _slot["number"] = slots.get()


def autograde_task(task: Task) -> dict:
    """Run in a worker process: nbgrader's autograde, in-process, inside a shadow course."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    previous = os.umask(0o077)
    set_context(task.isolation, _slot["number"])
    try:
        shadow = _shadow(task.root, task.assignment, task.learner, task.workdir,
                         task.cell_timeout)
        jupyter = prepare_kernelspec(task.workdir, task.grading_env, task.isolation,
                                     _slot["number"])
        _quiet(task.workdir / "journal.log")
        os.environ.clear()
        os.environ.update(_clean_env({**jupyter, **task.grading_env}, task.workdir / "correcteur"))
        config = PyFileConfigLoader("nbgrader_config.py", path=str(shadow)).load_config()
        coursedir = CourseDirectory(root=str(shadow), config=config)
        result = NbGraderAPI(coursedir=coursedir, config=config).autograde(
            task.assignment, task.learner, force=True, create=True)
    finally:
        os.umask(previous)
    graded = shadow / "autograded" / task.learner / task.assignment
    return {"success": bool(result.get("success")) and graded.is_dir(),
            "log": ((result.get("log") or "") + (result.get("error") or ""))[-3000:],
            "timeouts": _timeouts(sorted(graded.glob("*.ipynb"))) if graded.is_dir() else 0}


def _quiet(log: Path) -> None:
    """Kernels inherit the worker's output: send it to the submission's log, not the console."""
    handle = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(handle, 1)
    os.dup2(handle, 2)
    os.close(handle)


class CohortGrader:
    """Grade every submission of an assignment, `workers` at a time."""

    def __init__(self, root: Path, assignment: str, modules: list[str],
                 admin: client.ApiClient | None, fixtures: dict[str, ModuleFixtures] | None = None,
                 workers: int | None = None, cell_timeout: int = 180,
                 isolation: str = "auto") -> None:
        self.root, self.assignment, self.modules = root, assignment, modules
        self.admin, self.fixtures = admin, fixtures or {}
        self.workers = workers or os.cpu_count() or 1
        self.cell_timeout = cell_timeout
        self.isolation = resolve_mode(isolation)
        check_cage(self.isolation)

    def run(self, learners: list[str] | None = None,
            on_done: Callable[[Outcome], None] | None = None) -> CohortRun:
        learners = learners or submissions(self.root, self.assignment)
        result = CohortRun(self.root, self.assignment)
        context = multiprocessing.get_context("spawn")
        slots = context.Queue()
        for number in range(1, self.workers + 1):
            slots.put(number)
        with tempfile.TemporaryDirectory(prefix="cpn-grade-") as tmp, ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_claim_slot,
                initargs=(slots,)) as pool:
            started, pending = {}, {}
            for learner in learners:
                workdir = Path(tmp) / learner
                workdir.mkdir(mode=0o700)
                started[learner] = time.monotonic()
                try:
                    env = prepare_learner(self.admin, learner, self.modules, workdir,
                                          self.fixtures)
                except Exception as error:  # one broken learner never stops the cohort
                    self._finish(result, Outcome(learner, "échec", detail=str(error)[:500]),
                                 started, on_done)
                    continue
                task = Task(self.root, self.assignment, learner, workdir, env,
                            self.isolation, self.cell_timeout)
                pending[pool.submit(autograde_task, task)] = (learner, workdir)
            for future in as_completed(pending):
                learner, workdir = pending[future]
                outcome = self._collect(future, learner, workdir)
                self._finish(result, outcome, started, on_done)
        self.feedback()
        result.outcomes.sort(key=lambda o: o.learner)
        return result

    def _collect(self, future, learner: str, workdir: Path) -> Outcome:
        outcome = Outcome(learner)
        try:
            done = future.result()
            if not done["success"]:
                outcome.status, outcome.detail = "échec", done["log"]
                return outcome
            merge_submission(workdir / "cours", self.root, self.assignment, learner)
            found = scores(self.root, self.assignment, learner)
            outcome.score = sum(s.score for s in found)
            outcome.max_score = sum(s.max_score for s in found)
            outcome.timed_out_cells = done["timeouts"]
            outcome.status = "délai dépassé" if done["timeouts"] else "notée"
        except Exception as error:  # a worker that died: this submission only
            outcome.status, outcome.detail = "échec", str(error)[:500]
        finally:
            release_learner(self.admin, learner, self.modules, self.fixtures)
        return outcome

    @staticmethod
    def _finish(result: CohortRun, outcome: Outcome, started: dict[str, float],
                on_done: Callable[[Outcome], None] | None) -> None:
        outcome.seconds = time.monotonic() - started[outcome.learner]
        result.outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    def feedback(self) -> subprocess.CompletedProcess[str]:
        """French feedback (HTML) for every graded submission, in one nbgrader run."""
        return _nbgrader(self.root, ["generate_feedback", self.assignment, "--force"],
                         _clean_env({}, self.root))
