"""A trusted locked cell that imports pyplot defines what follows it (issue: matplotlib reads
its configuration and fonts outside the snapshot on first import, which the read guard
refuses). Each case runs in a fresh interpreter, where matplotlib is not imported yet."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os, sys, tempfile
from pathlib import Path
from graders.trusted import guard, namespace, plan
cell = plan.TrustedCell("installation", 0, "import matplotlib.pyplot as plt\\nZONE = 1", False)
if sys.argv[1] == "preload":
    namespace._preload()  # as every trusted namespace is built
work = Path(tempfile.mkdtemp())
os.chdir(work)
os.environ["MPLCONFIGDIR"] = tempfile.mkdtemp()  # an empty cache: fonts are looked up
scope = {}
try:
    with guard.ReadGuard.allow(work):
        exec(cell.source, scope)
except guard.RefusedPath:
    pass
print("ZONE" in scope)
"""


def _defines_zone(mode: str, tmp_path) -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_pyplot_imported_in_a_trusted_cell_after_the_preload(tmp_path):
    assert _defines_zone("preload", tmp_path) == "True"


def test_without_the_preload_the_guard_stops_the_cell(tmp_path):
    assert _defines_zone("none", tmp_path) == "False"
