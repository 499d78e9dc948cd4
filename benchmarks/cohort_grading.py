"""Grading throughput on the same 30 submissions (mixed: correct, partial, blank), side by
side in one run: `cpn grade` (one worker per core, every kernel in the grading cage) vs the same
without the cage (`--isolation env`) vs plain sequential `nbgrader autograde`. Also the memory
of each grading worker. Targets: caged `cpn grade` >= 2x sequential on 2 cores, identical
grades; the cage's cost per submission (ratio caged / uncaged).

    .venv/bin/python benchmarks/cohort_grading.py [--submissions 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import nbformat
from common import machine, private_sandbox
from nbgrader.api import Gradebook

from cpnkit import course
from cpnkit.curriculum import NOTEBOOKS_DIR, load
from graders.autograde import autograde, prepare_learner, release_learner
from graders.cohort import CohortGrader
from sandbox.health import api_client
from sandbox.progress import QUIET

ASSIGNMENT, MODULE = "decouverte", "premiers-pas-bac-a-sable"


def _submissions(root: Path, count: int) -> list[str]:
    solution = nbformat.read(NOTEBOOKS_DIR / f"{MODULE}.ipynb", 4)
    partial = nbformat.read(NOTEBOOKS_DIR / f"{MODULE}.ipynb", 4)
    for cell in partial.cells:
        if cell.id.endswith("deploiement_solution"):
            cell.source = cell.source.replace('"replicas": 2', '"replicas": 1')
    blank = nbformat.read(root / "release" / ASSIGNMENT / f"{MODULE}.ipynb", 4)
    learners = []
    for index in range(count):
        learner = f"apprenant{index:02d}"
        target = root / "submitted" / learner / ASSIGNMENT
        target.mkdir(parents=True)
        nbformat.write((solution, partial, blank)[index % 3], target / f"{MODULE}.ipynb")
        learners.append(learner)
    return learners


def _grades(root: Path, learners: list[str]) -> dict:
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {(lr, g.name): g.score for lr in learners for g in
                gradebook.find_submission_notebook(MODULE, ASSIGNMENT, lr).grades}


class MemorySampler(threading.Thread):
    """Peak resident memory of the grading worker processes (children of this one)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak: dict[int, int] = {}
        self.running = True

    def run(self) -> None:
        me = os.getpid()
        while self.running:
            for status in Path("/proc").glob("[0-9]*/status"):
                try:
                    text = status.read_text()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
                if int(fields.get("PPid", "0")) == me and "VmRSS" in fields:
                    pid = int(status.parent.name)
                    rss = int(fields["VmRSS"].split()[0])
                    self.peak[pid] = max(self.peak.get(pid, 0), rss)
            time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=30)
    args = parser.parse_args()
    curriculum = load()
    provider = private_sandbox("grading")
    provider.up(QUIET)
    os.environ.update({"CPN_HOME": str(provider.settings.home),
                       "CPN_SANDBOX_NAME": provider.settings.name})
    fixtures = course.grading_fixtures(curriculum, [MODULE])
    scratch = Path(tempfile.mkdtemp(prefix="cpn-bench-grading-"))
    try:
        with api_client(provider.kubeconfig()) as admin:
            roots = {}
            for name in ("parallele", "sans-cage", "sequentiel"):
                roots[name] = scratch / name
                course.build(curriculum, roots[name], [ASSIGNMENT], progress=lambda m: None)
                learners = _submissions(roots[name], args.submissions)
            # the run without the cage goes first: it, not the cage, pays for cold caches; the
            # memory sampler runs during both (it takes CPU from the graders too)
            sampler = MemorySampler()
            sampler.start()
            start = time.monotonic()
            CohortGrader(roots["sans-cage"], ASSIGNMENT, [MODULE], admin, fixtures,
                         isolation="env").run()
            uncaged = time.monotonic() - start
            start = time.monotonic()
            grader = CohortGrader(roots["parallele"], ASSIGNMENT, [MODULE], admin, fixtures)
            grader.run()
            parallel = time.monotonic() - start
            sampler.running = False
            start = time.monotonic()
            for learner in learners:
                env = prepare_learner(admin, learner, [MODULE], scratch, fixtures)
                autograde(roots["sequentiel"], ASSIGNMENT, learner, env)
                release_learner(admin, learner, [MODULE], fixtures)
            sequential = time.monotonic() - start
            found = {name: _grades(root, learners) for name, root in roots.items()}
            same = found["parallele"] == found["sequentiel"] == found["sans-cage"]
    finally:
        provider.down(QUIET)
        shutil.rmtree(scratch, ignore_errors=True)
    workers = sorted(sampler.peak.values(), reverse=True)[: os.cpu_count() or 1]
    print(f"- Machine : {machine()}")
    print(f"- {args.submissions} copies (1/3 justes, 1/3 partielles, 1/3 vierges) du module "
          f"{MODULE}")
    count = args.submissions
    print(f"- cpn grade ({os.cpu_count()} processus, retours compris, cage « {grader.isolation} »)"
          f" : {parallel:.0f} s, {parallel / count:.2f} s par copie")
    print(f"- cpn grade sans cage (--isolation env) : {uncaged:.0f} s, "
          f"{uncaged / count:.2f} s par copie ; coût de la cage : "
          f"**{parallel / uncaged:.2f}x** ({(parallel - uncaged) / count:+.2f} s par copie)")
    print(f"- nbgrader autograde séquentiel (sans retours) : {sequential:.0f} s")
    print(f"- Rapport cpn grade (cage) / séquentiel : **{sequential / parallel:.2f}x** ; "
          f"notes identiques (cage, sans cage, séquentiel) : {same}")
    print(f"- Mémoire résidente de pointe par processus de correction : "
          f"{', '.join(f'{kb / 1024:.0f} Mo' for kb in workers)}")


if __name__ == "__main__":
    main()
