"""Time to execute each written module with its solutions on the light sandbox.
Targets: under 60 s per module (45 s for the integrite and decision paths).

    .venv/bin/python benchmarks/module_execution.py [--path qualite] [--module ID ...]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import papermill
from common import machine, private_sandbox

from cpnkit.curriculum import NOTEBOOKS_DIR, load
from sandbox.progress import QUIET


def execute(module: str, output_dir: Path) -> float:
    start = time.monotonic()
    papermill.execute_notebook(str(NOTEBOOKS_DIR / f"{module}.ipynb"),
                               str(output_dir / f"{module}.ipynb"), kernel_name="python3",
                               cwd=str(NOTEBOOKS_DIR), progress_bar=False)
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--path", help="only the modules of this path (all levels)")
    parser.add_argument("--module", action="append", help="only this module (repeatable)")
    args = parser.parse_args()
    curriculum = load()
    modules = args.module or [m.id for m in curriculum.modules.values() if m.written]
    if args.path:
        listed = [m.id for lv in curriculum.paths[args.path].levels for m in
                  curriculum.assignment(lv.assignment or f"{args.path}-{lv.id}").modules]
        modules = [m for m in modules if m in listed]
    provider = private_sandbox("modules")
    provider.up(QUIET)
    os.environ.update({"CPN_HOME": str(provider.settings.home),
                       "CPN_SANDBOX_NAME": provider.settings.name})
    timings = {}
    try:
        with tempfile.TemporaryDirectory() as output:
            for module in modules:
                timings[module] = execute(module, Path(output))
    finally:
        provider.down(QUIET)
    print(f"- Machine : {machine()}")
    for module, seconds in timings.items():
        print(f"- {module} : {seconds:.1f} s")
    print(f"- Total ({len(timings)} modules) : {sum(timings.values()):.1f} s")


if __name__ == "__main__":
    main()
