"""The repository keeps its promises: one environment, the README's commands, clean code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_binder_environment_is_a_copy_of_the_root_one():
    assert (ROOT / "binder" / "environment.yml").read_text() == (
        ROOT / "environment.yml").read_text()


def test_environment_pins_the_versions_of_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert pip == project["dependencies"]
    assert "python=3.12" in env["dependencies"]


def test_binder_scripts_are_executable_and_start_hands_over():
    for script in ("postBuild", "start"):
        assert os.access(ROOT / "binder" / script, os.X_OK)
    assert (ROOT / "binder" / "start").read_text().rstrip().endswith('exec "$@"')
    assert "cpn sandbox install --download" in (ROOT / "binder" / "postBuild").read_text()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^(\./kit\.sh \w+)\s+#", readme, re.M)
    assert commands == ["./kit.sh lab", "./kit.sh test"]
    assert "exec ./kit.sh test" in (ROOT / ".ci" / "run").read_text()


def test_layers_never_point_backwards():
    result = subprocess.run([str(BIN / "lint-imports")], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing():
    result = subprocess.run([str(BIN / "ruff"), "check", "."], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout


def test_pre_commit_runs_nbstripout_ruff_and_nbqa():
    hooks = {hook["id"] for repo in yaml.safe_load(
        (ROOT / ".pre-commit-config.yaml").read_text())["repos"] for hook in repo["hooks"]}
    assert {"nbstripout", "ruff", "nbqa-ruff"} <= hooks


def test_no_module_hides_a_standard_library_module():
    """A script run from a package folder (graders/_pytest_batch.py) would import our
    `numbers.py` instead of Python's: no module may take a standard library name."""
    ours = {p.stem for package in ("sandbox", "graders", "cpnkit")
            for p in (ROOT / package).rglob("*.py")}
    assert not ours & set(sys.stdlib_module_names)
