"""nbgrader's Execute, with verdicts computed outside the learner's kernel.

nbgrader runs hidden tests in the learner's kernel, after the learner's code: an input
transformer, a `pre_run_cell` hook, a patched `CheckResult.require` or a rebound `same`
decides the verdict. Here (selected in the autograde pipeline instead of Execute), a grade
cell is never sent to the kernel. At its place in the run the executor, in its own process:

1. copies the submission folder into a private snapshot (graders.trusted.guard) and makes it
   the working directory, with an audit hook refusing reads elsewhere;
2. fetches the names the cell declares in `cpn.inputs` from the kernel as plain data, or as
   proxies that call the learner's functions with the grader's arguments (bridge);
3. runs the cell's code (from the course's source notebook) in the trusted namespace
   (namespace), with stdout captured;
4. writes the verdict as the cell's outputs: the captured stdout (pass), or an `error` output
   with the French message (fail). SaveAutoGrades then scores it as usual and the feedback
   shows the message.

Locked cells marked `cpn.trusted` run in the kernel (for the learner's code that follows) and
again in the trusted namespace, right after, so module constants and captured state (a drain
plan taken before the learner's drain) are the grader's own copies. Cells run in the order of
the submission; a trusted or graded cell met before one that precedes it in the source is
refused (a learner cannot move the capture of "before" after their work). Visible checks
and everything else run in the kernel as before; a dead kernel is restarted as in
ResilientExecute. A module whose source notebook says `cpn.trusted_grading: false` (its
trusted grading not verified yet) is graded the old way, in the kernel.

Hidden tests keep their code and their French messages unchanged: they are nbgrader's grade
cells, run by another interpreter. The cost is one snapshot of the submission folder per
trusted run (small: data files and the learner's work) and one request per declared input.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from jupyter_core.utils import run_sync
from nbformat import NotebookNode

from ..execution import ResilientExecute
from . import guard, namespace, plan
from .bridge import KernelBridge

MOVED = ("Cette cellule a été déplacée avant une cellule qui la précède dans le sujet : "
         "elle n'est pas évaluée.")


class TrustedExecute(ResilientExecute):
    """Execute that judges grade cells in the grader's process."""

    def preprocess(self, nb, resources=None, km=None):
        resources = resources or {}
        info = resources.get("nbgrader", {})
        folder = Path(resources.get("metadata", {}).get("path") or ".").resolve()
        self._cpn_module = info.get("notebook") or "module"
        self._cpn_plan = plan.load(_source_notebook(folder, info))
        self._cpn_folder = folder
        self._cpn_api = namespace.grading_client()
        self._cpn_names = namespace.build(self._cpn_module, os.environ.get("CPN_LEARNER",
                                                                             "anonyme"),
                                          self._cpn_api)
        self._cpn_last, self._cpn_bridge = -1, None
        self._cpn_work = Path(tempfile.mkdtemp(prefix="cpn-verdicts-"))
        try:
            return super().preprocess(nb, resources, km)
        finally:
            if self._cpn_bridge is not None:
                self._cpn_bridge.close()
            shutil.rmtree(self._cpn_work, ignore_errors=True)
            if self._cpn_api is not None:
                self._cpn_api.close()

    async def async_execute_cell(self, cell, cell_index, execution_count=None,
                                 store_history=True):
        role = self._cpn_plan.get(cell.get("id")) if cell.cell_type == "code" else None
        if role is None:
            return await super().async_execute_cell(cell, cell_index, execution_count,
                                                    store_history)
        moved = role.order < self._cpn_last
        self._cpn_last = max(self._cpn_last, role.order)
        if role.grade:
            cell.outputs = [_error("CelluleDeplacee", MOVED)] if moved else \
                await self._judge(role)
            cell.execution_count = None
            return cell
        result = await super().async_execute_cell(cell, cell_index, execution_count,
                                                  store_history)
        if not moved:
            await self._run_trusted(role, inputs={})
        return result

    async def _judge(self, role: plan.TrustedCell) -> list[NotebookNode]:
        try:
            bridge = await self._bridge()
            inputs = {name: await asyncio.to_thread(bridge.value, name)
                      for name in role.inputs}
        except Exception as error:  # the answer cannot be read: the exercise is lost
            return [_error(type(error).__name__, _message(error))]
        return await self._run_trusted(role, inputs)

    async def _run_trusted(self, role: plan.TrustedCell, inputs: dict) -> list[NotebookNode]:
        work = Path(tempfile.mkdtemp(dir=self._cpn_work))
        try:
            guard.snapshot(self._cpn_folder, work / "copie")
            (work / "tmp").mkdir()
            for folder in (self._cpn_work, work, work / "tmp"):  # traversable, not listable:
                folder.chmod(0o711)  # pytest runs learner tests there as the kernel's user
            return await asyncio.to_thread(self._exec, role, inputs, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _exec(self, role: plan.TrustedCell, inputs: dict, work: Path) -> list[NotebookNode]:
        names = self._cpn_names
        scope = {**names, **inputs}
        out = io.StringIO()
        outputs: list[NotebookNode] = []
        with _inside(work), guard.ReadGuard.allow(work), contextlib.redirect_stdout(out):
            try:
                exec(compile(role.source, f"<{role.cell_id}>", "exec"), scope)
            except BaseException as error:  # noqa: BLE001 (every failure is a lost exercise)
                outputs.append(_error(type(error).__name__, _message(error)))
        names.update({k: v for k, v in scope.items() if k not in inputs})
        if out.getvalue():
            outputs.insert(0, NotebookNode(output_type="stream", name="stdout",
                                           text=out.getvalue()))
        if not role.grade and outputs and outputs[-1].output_type == "error":
            self.log.warning("Trusted copy of %s failed: %s", role.cell_id,
                             outputs[-1].evalue)
        return outputs

    async def _bridge(self) -> KernelBridge:
        if self._cpn_bridge is not None and self._cpn_bridge.kernel_id == id(self.kc):
            return self._cpn_bridge
        if self._cpn_bridge is not None:
            self._cpn_bridge.close()
        loop = asyncio.get_running_loop()

        def interrupt() -> None:
            asyncio.run_coroutine_threadsafe(_ensure(self.km.interrupt_kernel()), loop).result(30)

        bridge = KernelBridge(self.km.get_connection_info(session=False), interrupt)
        bridge.kernel_id = id(self.kc)
        self._cpn_bridge = bridge
        return bridge

    # nbconvert calls the synchronous wrapper, bound to a class's coroutine: bind it to ours.
    execute_cell = run_sync(async_execute_cell)


async def _ensure(value):
    return await value if asyncio.iscoroutine(value) else value


@contextlib.contextmanager
def _inside(work: Path):
    """Trusted code's view: the snapshot as working directory, a private temporary folder,
    and no submission folder on the import path."""
    previous_dir, previous_path = os.getcwd(), list(sys.path)
    previous_tmp, previous_env = tempfile.tempdir, os.environ.get("TMPDIR")
    os.chdir(work / "copie")
    sys.path[:] = [p for p in sys.path if p not in ("", ".") and not
                   os.path.realpath(p).startswith(previous_dir)]
    tempfile.tempdir = str(work / "tmp")
    os.environ["TMPDIR"] = str(work / "tmp")
    try:
        yield
    finally:
        os.chdir(previous_dir)
        sys.path[:] = previous_path
        tempfile.tempdir = previous_tmp
        if previous_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = previous_env


def _source_notebook(folder: Path, info: dict) -> Path:
    """source/<assignment>/<notebook>.ipynb of the course whose autograded/<learner>/<a>
    folder is being run."""
    root = folder.parents[2] if len(folder.parents) > 2 else folder
    return root / "source" / info.get("assignment", "") / f"{info.get('notebook', '')}.ipynb"


def _message(error: BaseException) -> str:
    text = str(error).strip() if str(error).strip() else type(error).__name__
    if not isinstance(error, AssertionError | guard.GradingError) and not str(
            error).startswith("❌"):
        where = traceback.extract_tb(error.__traceback__)
        if where:
            return f"{text} (ligne {where[-1].lineno} de la correction)"
    return text


def _error(name: str, message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=name, evalue=message,
                        traceback=[f"{name}: {message}"])
