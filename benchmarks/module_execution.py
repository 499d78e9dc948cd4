"""Time to execute each written module with its solutions on the light sandbox.
Targets: under 60 s per module (45 s for the integrite and decision paths).

    .venv/bin/python benchmarks/module_execution.py [--path qualite] [--module ID ...]
"""

from __future__ import annotations

import argparse
import os
import sys
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


TARGETS = {"integrite": 45.0, "decision": 45.0}  # seconds per module; 60 s elsewhere


def target_of(curriculum, module: str) -> float:
    paths = {a.path.id for a in curriculum.assignments.values()
             if any(m.id == module for m in a.modules)}
    return min((TARGETS.get(path, 60.0) for path in paths), default=60.0)


def report(curriculum, timings: dict[str, float]) -> None:
    """Per module (flagged when over its path's target), then per level and per path."""
    print(f"- Machine : {machine()}")
    for module, seconds in timings.items():
        target = target_of(curriculum, module)
        flag = "" if seconds <= target else f" (au-delà de la cible de {target:.0f} s)"
        print(f"- {module} : {seconds:.1f} s{flag}")
    print(f"- Total ({len(timings)} modules, chacun une fois) : {sum(timings.values()):.1f} s")
    print("\n| Niveau | Modules | Total | Plus long |\n|---|---|---|---|")
    per_path: dict[str, float] = {}
    for assignment in curriculum.assignments.values():
        measured = {m.id: timings[m.id] for m in assignment.modules if m.id in timings}
        if not measured:
            continue
        total = sum(measured.values())
        per_path[assignment.path.id] = per_path.get(assignment.path.id, 0.0) + total
        longest = max(measured, key=measured.get)
        print(f"| {assignment.id} | {len(measured)} | {total:.0f} s | "
              f"{longest} ({measured[longest]:.0f} s) |")
    print()
    for path, total in per_path.items():
        print(f"- {path} (tous ses niveaux) : {total:.0f} s")


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
                print(f"  {module} : {timings[module]:.1f} s", file=sys.stderr, flush=True)
    finally:
        provider.down(QUIET)
    report(curriculum, timings)


if __name__ == "__main__":
    main()
