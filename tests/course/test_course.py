"""`cpn course build` and `cpn course status`, with real nbgrader."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat

from cpnkit.curriculum import load

CPN = [sys.executable, "-m", "cpnkit.cli"]


def _cpn(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CPN, *args], capture_output=True, text=True, cwd=cwd,
                          env=os.environ.copy())


def test_build_writes_sources_releases_and_config(course_root, curriculum):
    config = (course_root / "nbgrader_config.py").read_text()
    assert "c.Execute.timeout = 180" in config
    for assignment in curriculum.assignments.values():
        written = [m.id for m in assignment.modules if m.written]
        for module in written:
            assert (course_root / "source" / assignment.id / f"{module}.ipynb").is_file()
            release = nbformat.read(course_root / "release" / assignment.id / f"{module}.ipynb", 4)
            text = "\n".join(c.source for c in release.cells)
            assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
            assert "raise NotImplementedError()" in text


def test_a_shared_module_is_copied_into_every_assignment_listing_it(course_root, curriculum):
    module = "premiers-pas-bac-a-sable"
    listing = [a.id for a in curriculum.assignments.values()
               if module in [m.id for m in a.modules]]
    for assignment in listing:
        assert (course_root / "source" / assignment / f"{module}.ipynb").is_file()


def test_build_reports_planned_modules_instead_of_skipping_them(tmp_path):
    result = _cpn("course", "build", "--dest", str(tmp_path / "c"), "--assignment",
                  "decouverte", "--no-generate")
    assert result.returncode == 0, result.stderr
    planned = [m.id for m in load().assignment("decouverte").modules if not m.written]
    if planned:
        assert "pas encore écrit(s)" in result.stdout
        assert all(module in result.stdout for module in planned)


def test_status_shows_written_and_planned_per_level():
    rows = json.loads(_cpn("course", "status", "--json").stdout)
    curriculum = load()
    assert [r["id"] for r in rows] == list(curriculum.assignments)
    for row in rows:
        modules = [m.id for m in curriculum.assignment(row["id"]).modules]
        assert sorted(row["written"] + row["planned"]) == sorted(modules)
        assert all((curriculum.module(m).notebook).is_file() for m in row["written"])


def test_unknown_assignment_is_a_french_error(tmp_path):
    result = _cpn("course", "build", "--dest", str(tmp_path / "c"), "--assignment", "qualite-n9")
    assert result.returncode == 4
    assert "Niveau inconnu : « qualite-n9 »" in result.stderr
    assert "Traceback" not in result.stderr
