"""The discovery modules are data modules: they run to the end with no sandbox at all, and
their questionnaires write answers where CPN_ANSWERS_DIR says."""

from __future__ import annotations

from pathlib import Path

import papermill
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
MODULES = ["pourquoi-cloud-pi-native", "offre-et-accompagnement", "devsecops-fondamentaux",
           "diagnostic-equipe"]


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES)
def test_runs_without_a_sandbox(module, tmp_path, monkeypatch):
    monkeypatch.setenv("CPN_HOME", str(tmp_path / "vide"))  # no sandbox ever started here
    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path / "reponses"))
    output = papermill.execute_notebook(
        str(NOTEBOOKS / f"{module}.ipynb"), str(tmp_path / "out.ipynb"), kernel_name="python3",
        progress_bar=False, cwd=str(NOTEBOOKS), execution_timeout=120)
    shown = "".join(o.get("text", "") for c in output.cells if c.cell_type == "code"
                    for o in c.outputs)
    assert "le bac à sable n'est pas nécessaire" in shown
    assert (tmp_path / "reponses" / "autoevaluation.json").is_file()
