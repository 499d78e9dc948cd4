"""Committed notebooks are clean: no outputs, no counts, no stray metadata, named cell ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ALLOWED_NOTEBOOK_METADATA = {"kernelspec", "language_info", "cpn"}  # cpn: trusted grading
ALLOWED_CELL_METADATA = {"tags", "nbgrader", "editable", "deletable", "cpn"}


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stripped(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert set(notebook["metadata"]) <= ALLOWED_NOTEBOOK_METADATA, "stray notebook metadata"
    for cell in notebook["cells"]:
        where = f"{path.name}: cell {cell.get('id')}"
        assert set(cell["metadata"]) <= ALLOWED_CELL_METADATA, f"{where}: stray metadata"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{where} carries outputs"
            assert cell["execution_count"] is None, f"{where} carries an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_cell_ids_are_hand_named(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    prefix = path.stem.replace("-", "_")
    ids = [cell["id"] for cell in notebook["cells"]]
    assert len(ids) == len(set(ids))
    for cell_id in ids:
        assert re.fullmatch(rf"{prefix}_[a-z0-9_]+", cell_id), f"{path.name}: id {cell_id!r}"


def test_the_hygiene_check_catches_outputs(tmp_path):
    """The check above must be able to fail: a notebook with an output is caught."""
    notebook = json.loads(NOTEBOOKS[0].read_text(encoding="utf-8"))
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["x"]}]
    dirty = tmp_path / NOTEBOOKS[0].name
    dirty.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(AssertionError, match="carries outputs"):
        test_notebook_is_stripped(dirty)
