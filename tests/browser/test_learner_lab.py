"""What the kit's JupyterLab servers serve, asked over HTTP (no browser): the learner's has no
formgrader and no course list, the assignment list only with a course exchange, validate
always, French and no news question by default; the trainer's has every nbgrader tool."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTRUCTOR_PLUGINS = {"@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader",
                      "@jupyter/nbgrader:course-list"}
ASSIGNMENT_PLUGINS = {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"}

pytestmark = pytest.mark.slow


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "cpn-formation"
    root.mkdir()
    shutil.copy2(ROOT / "notebooks" / "bienvenue.ipynb", root)
    return root


def _disabled_plugins(lab, page: str = "/lab") -> set[str]:
    status, page = lab.get(page)
    assert status == 200
    config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                       page, re.S).group(1)
    return set(json.loads(config)["disabledExtensions"])


def _default(lab, plugin: str, setting: str):
    status, body = lab.get(f"/lab/api/settings/{plugin}")
    assert status == 200
    return json.loads(body)["schema"]["properties"][setting]["default"]


def _assert_french_without_news(lab) -> None:
    assert _default(lab, "@jupyterlab/translation-extension:plugin", "locale") == "fr_FR"
    assert _default(lab, "@jupyterlab/apputils-extension:notification", "fetchNews") == "false"
    status, body = lab.get("/lab/api/translations/fr_FR")
    assert status == 200
    assert json.loads(body)["data"]["jupyterlab"]["Edit"] == ["Édition"]


def test_the_learner_lab_serves_no_instructor_tool(kit_lab, root, tmp_path):
    lab = kit_lab(root, "--echange", str(tmp_path / "pas-d-echange"), name="apprenant")
    disabled = _disabled_plugins(lab)
    assert disabled >= INSTRUCTOR_PLUGINS | ASSIGNMENT_PLUGINS
    # the same in Jupyter Notebook's interface, a click away ("Notebook" button)
    assert _disabled_plugins(lab, "/tree") >= INSTRUCTOR_PLUGINS | ASSIGNMENT_PLUGINS
    assert "@jupyter/nbgrader:validate-assignment" not in disabled
    assert lab.get("/formgrader")[0] == 404
    assert lab.get("/formgraders")[0] == 404
    assert lab.get("/assignments/validate")[0] == 405  # there, and only answers POST
    _assert_french_without_news(lab)
    assert not (tmp_path / "user-config" / "lab").exists()  # the user's ~/.jupyter untouched


def test_a_course_exchange_brings_back_the_assignment_list_only(kit_lab, root, tmp_path):
    (tmp_path / "echange").mkdir()
    lab = kit_lab(root, "--echange", str(tmp_path / "echange"), name="apprenant-echange")
    disabled = _disabled_plugins(lab)
    assert disabled >= INSTRUCTOR_PLUGINS
    assert not ASSIGNMENT_PLUGINS & disabled
    assert lab.get("/formgrader")[0] == 404
    assert lab.get("/assignments?course_id=cloud-pi-native")[0] != 404


def test_the_trainer_lab_serves_every_nbgrader_tool(kit_lab, root):
    lab = kit_lab(root, "--formateur", name="formateur")
    assert not {p for p in _disabled_plugins(lab) if p.startswith("@jupyter/nbgrader")}
    assert lab.get("/formgrader")[0] == 200
    assert lab.get("/formgraders")[0] == 200
    _assert_french_without_news(lab)
