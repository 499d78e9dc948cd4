"""Every notebook runs top to bottom against the light sandbox, twice in a row."""

from __future__ import annotations

from pathlib import Path

import nbformat
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
    _each_chart_is_shown_once(tmp_path / "run2.ipynb")


def _each_chart_is_shown_once(path: Path) -> None:
    """A cpnkit chart is the value of its cell (or displayed): one image a call, never none
    (a trailing semicolon hides a closed figure) and never two."""
    for cell in nbformat.read(path, as_version=4).cells:
        calls = cell.source.count("charts.") if cell.cell_type == "code" else 0
        if calls:
            images = sum("image/png" in output.get("data", {}) for output in cell.outputs)
            assert images == calls, f"{path.name}, cellule {cell.id} : {images} image(s)"
