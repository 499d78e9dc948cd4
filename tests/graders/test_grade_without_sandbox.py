"""`cpn grade` on a level of data modules grades with no sandbox at all; a level with cluster
modules says what to run (see tests/cpnkit/test_cli_errors.py for the stopped-sandbox cases)."""

from __future__ import annotations

import shutil

import pytest
import yaml
from kubernetes import client
from nbgrader.api import Gradebook

from cpnkit import cli, course
from cpnkit.course import CourseInfo
from cpnkit.curriculum import NOTEBOOKS_DIR, PATHS_DIR, load

LEVEL, MODULE = "decision-n1", "etude-de-cas-devsecops"


def test_cluster_modules_come_from_the_catalogue():
    kinds = {m["id"]: m["kind"] for m in yaml.safe_load(
        (PATHS_DIR / "modules.yaml").read_text(encoding="utf-8"))["modules"]}
    levels = CourseInfo(load).levels()
    assert levels[LEVEL].cluster_modules == ()
    for level in levels.values():
        assert level.cluster_modules == tuple(m for m in level.modules if kinds[m] == "cluster")
    assert levels["qualite-n1"].cluster_modules  # some level does need the sandbox


@pytest.mark.slow
def test_a_data_level_is_graded_without_any_sandbox(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"  # no kubeconfig, no cluster: nothing runs
    for variable, value in {"CPN_HOME": home, "CPN_CACHE_DIR": tmp_path / "cache",
                            "CPN_SANDBOX_NAME": "sans-bac", "CPN_SANDBOX_PORT": "1"}.items():
        monkeypatch.setenv(variable, str(value))
    monkeypatch.delenv("CPN_KUBECONFIG", raising=False)
    clients = []
    original = client.ApiClient.__init__

    def counted(self, *args, **kwargs):
        clients.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(client.ApiClient, "__init__", counted)
    root = tmp_path / "cours"
    course.build(load(), root, [LEVEL], progress=lambda message: None)
    submitted = root / "submitted" / "ana" / LEVEL
    submitted.mkdir(parents=True)
    shutil.copy2(NOTEBOOKS_DIR / f"{MODULE}.ipynb", submitted)  # the solutions: full marks
    (submitted / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")

    code = cli.main(["grade", LEVEL, "--course", str(root), "--workers", "1"])

    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "ana" in out and "notée" in out and "Traceback" not in out + err
    assert clients == []  # no admin client, not even one that would fail later
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        graded = gradebook.find_submission_notebook(MODULE, LEVEL, "ana")
        assert graded.max_score > 0 and graded.score == graded.max_score
    assert not home.exists() or not any(home.glob("*.kubeconfig"))
