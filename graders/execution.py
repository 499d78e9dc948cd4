"""nbgrader's Execute, made to survive a kernel that dies in the middle of a submission.

nbgrader stops grading a notebook when the kernel dies (a crash, memory exhaustion, a
deliberate `os._exit`). Here the cell that killed the kernel gets a French error (and so
loses its points), a fresh kernel is started, and the remaining cells are executed and
graded on their own merits. Selected through `Autograde.autograde_preprocessors`.
"""

from __future__ import annotations

from nbclient.exceptions import DeadKernelError
from nbclient.util import ensure_async
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

KERNEL_DIED = ("Le noyau Python s'est arrêté pendant cette cellule (plantage, mémoire "
               "épuisée ou arrêt forcé) ; un nouveau noyau a repris l'exécution à la cellule "
               "suivante, sans les variables créées jusque-là.")


class ResilientExecute(Execute):
    """Execute that restarts a dead kernel and goes on with the next cell."""

    async def async_execute_cell(self, cell, cell_index, execution_count=None,
                                 store_history=True):
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count,
                                                    store_history)
        except DeadKernelError:
            cell.outputs.append(NotebookNode(
                output_type="error", ename="NoyauArrete", evalue=KERNEL_DIED,
                traceback=[f"NoyauArrete: {KERNEL_DIED}"]))
            await self._restart_kernel()
            return cell

    async def _restart_kernel(self) -> None:
        if self.kc is not None:
            await ensure_async(self.kc.stop_channels())
            self.kc = None
        await ensure_async(self.km.restart_kernel(now=True))
        await self.async_start_new_kernel_client()
