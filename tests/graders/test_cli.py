"""`cpn grade`, `cpn report` and `cpn certify` as a trainer types them."""

from __future__ import annotations

import os
import subprocess
import sys

CPN = [sys.executable, "-m", "cpnkit.cli"]


def cpn(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CPN, *args], capture_output=True, text=True,
                          env={**os.environ, **env})


def test_grade_without_a_course_names_the_command_to_run(tmp_path):
    result = cpn("grade", "decouverte", "--course", str(tmp_path))
    assert result.returncode == 4
    assert "gradebook.db absent" in result.stderr and "cpn course build" in result.stderr
    assert "Traceback" not in result.stderr


def test_grade_an_unknown_level(tmp_path, make_gradebook):
    make_gradebook(tmp_path, {("ana", "a"): 1})
    result = cpn("grade", "qualite-n9", "--course", str(tmp_path))
    assert result.returncode == 4 and "Niveau inconnu" in result.stderr


def test_report_writes_the_dashboard(tmp_path, make_gradebook):
    make_gradebook(tmp_path, {("ana", "a"): 1})
    result = cpn("report", "--course", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tableau-de-bord" / "index.html").is_file()


def test_certify_issue_without_a_key_says_how_to_create_one(tmp_path, make_gradebook):
    (tmp_path / "cours").mkdir()
    make_gradebook(tmp_path / "cours", {("ana", "a"): 1})
    result = cpn("certify", "issue", "--course", str(tmp_path / "cours"),
                 CPN_TRAINER_DIR=str(tmp_path / "nulle-part"))
    assert result.returncode == 4 and "cpn certify init" in result.stderr


def test_verify_a_file_that_is_not_json(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("pas du json")
    result = cpn("certify", "verify", str(bad))
    assert result.returncode == 4 and "illisible" in result.stderr
