"""nbgrader's Execute, made to survive a kernel that dies in the middle of a submission.

nbgrader stops grading a notebook when the kernel dies (a crash, memory exhaustion, a
deliberate `os._exit`). Here the cell that killed the kernel gets a French error (and so
loses its points); a fresh kernel is started, the cells executed before are replayed quietly
to rebuild the learner's state, and the remaining cells are executed and graded on their own
merits. Selected through `Autograde.autograde_preprocessors` (see graders.cohort).
"""

from __future__ import annotations

import copy

from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError
from nbclient.util import ensure_async
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

KERNEL_DIED = ("Le noyau Python s'est arrêté pendant cette cellule (plantage, mémoire "
               "épuisée ou arrêt forcé) : elle ne rapporte aucun point. Un nouveau noyau a "
               "rejoué les cellules précédentes puis repris à la cellule suivante.")


class ResilientExecute(Execute):
    """Execute that restarts a dead kernel, replays the past, and goes on."""

    async def async_execute_cell(self, cell, cell_index, execution_count=None,
                                 store_history=True):
        history = self.__dict__.setdefault("_cpn_history", [])
        try:
            result = await super().async_execute_cell(cell, cell_index, execution_count,
                                                      store_history)
        except DeadKernelError:
            cell.outputs.append(NotebookNode(
                output_type="error", ename="NoyauArrete", evalue=KERNEL_DIED,
                traceback=[f"NoyauArrete: {KERNEL_DIED}"]))
            await self._restart_kernel()
            await self._replay(history)
            return cell
        history.append((cell, cell_index))
        return result

    async def _restart_kernel(self) -> None:
        if self.kc is not None:
            await ensure_async(self.kc.stop_channels())
            self.kc = None
        await ensure_async(self.km.restart_kernel(now=True))
        await self.async_start_new_kernel_client()

    async def _replay(self, history: list) -> None:
        """Re-run earlier cells on copies (their recorded outputs stay as they were)."""
        for cell, index in history:
            try:
                await super().async_execute_cell(copy.deepcopy(cell), index)
            except DeadKernelError:  # dies again while replaying: go on with an empty kernel
                await self._restart_kernel()
                return

    # nbclient binds its synchronous wrapper to the base coroutine: bind it to ours.
    execute_cell = run_sync(async_execute_cell)
