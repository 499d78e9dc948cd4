"""A notebook started without a sandbox stops at once with the command to run, no stack trace."""

from __future__ import annotations

from pathlib import Path

import papermill
import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "premiers-pas-bac-a-sable.ipynb"


def test_sandbox_down_gives_the_command_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv("CPN_HOME", str(tmp_path / "vide"))  # no sandbox ever started here
    with pytest.raises(papermill.PapermillExecutionError) as error:
        papermill.execute_notebook(str(NOTEBOOK), str(tmp_path / "out.ipynb"),
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(NOTEBOOK.parent))
    shown = "\n".join(error.value.traceback)
    assert "Aucun bac à sable ne tourne" in shown
    assert "cpn sandbox up" in shown
    assert "Traceback" not in shown and "File " not in shown
