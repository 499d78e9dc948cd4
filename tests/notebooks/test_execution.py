"""Every notebook runs top to bottom against the light sandbox, twice in a row."""

from __future__ import annotations

from pathlib import Path

import papermill
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.cluster


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_twice(notebook, sandbox, tmp_path):
    for run in (1, 2):
        papermill.execute_notebook(
            str(notebook), str(tmp_path / f"run{run}.ipynb"), kernel_name="python3",
            cwd=str(notebook.parent), progress_bar=False, execution_timeout=300,
        )
