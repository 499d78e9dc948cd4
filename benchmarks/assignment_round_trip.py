"""Round trip of one assignment with real nbgrader: generate the learner version, autograde
the solutions, autograde an untouched release.

    .venv/bin/python benchmarks/assignment_round_trip.py [--assignment decouverte]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from common import machine, private_sandbox

from cpnkit import course
from cpnkit.curriculum import NOTEBOOKS_DIR, load
from graders.autograde import autograde, prepare_learner, release_learner, scores
from sandbox.health import api_client
from sandbox.progress import QUIET


def submit(root: Path, assignment: str, learner: str, modules: list[str], origin: Path) -> None:
    target = root / "submitted" / learner / assignment
    target.mkdir(parents=True, exist_ok=True)
    for module in modules:
        shutil.copy2(origin / f"{module}.ipynb", target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assignment", default="decouverte")
    args = parser.parse_args()
    curriculum = load()
    modules = [m.id for m in curriculum.assignment(args.assignment).modules if m.written]
    root = Path(tempfile.mkdtemp(prefix="cpn-bench-course-"))
    provider = private_sandbox("roundtrip")
    provider.up(QUIET)
    timings = {}
    try:
        with api_client(provider.kubeconfig()) as admin:
            start = time.monotonic()
            course.build(curriculum, root, [args.assignment], progress=lambda m: None)
            timings["génération (nbgrader generate_assignment)"] = time.monotonic() - start
            for learner, origin in (("solutions", NOTEBOOKS_DIR),
                                    ("vierge", root / "release" / args.assignment)):
                submit(root, args.assignment, learner, modules, origin)
                env = prepare_learner(admin, learner, modules, root)
                start = time.monotonic()
                autograde(root, args.assignment, learner, env)
                timings[f"autograde {learner}"] = time.monotonic() - start
                release_learner(admin, learner, modules)
                total = sum(s.score for s in scores(root, args.assignment, learner))
                timings[f"autograde {learner}"] = (timings[f"autograde {learner}"], total)
    finally:
        provider.down(QUIET)
        shutil.rmtree(root, ignore_errors=True)
    print(f"- Machine : {machine()}")
    print(f"- Niveau {args.assignment} ({len(modules)} module(s) écrit(s) : {', '.join(modules)})")
    for step, value in timings.items():
        if isinstance(value, tuple):
            print(f"- {step} : {value[0]:.1f} s (note {value[1]:g})")
        else:
            print(f"- {step} : {value:.1f} s")


if __name__ == "__main__":
    main()
