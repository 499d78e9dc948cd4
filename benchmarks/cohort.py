"""Cohort mode: time to create 30 and 100 learner spaces; 30 simulated learners doing the
first module at once (p95 of a check, target <= 2 s) and the sandbox's memory meanwhile.

    .venv/bin/python benchmarks/cohort.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import machine, private_sandbox
from kubernetes import config

from graders.loadtest import run_load
from sandbox import cohort
from sandbox.cohort import Learner
from sandbox.health import api_client
from sandbox.progress import QUIET


def learners(count: int) -> list[Learner]:
    return [Learner(f"a{i:03d}", f"Apprenant {i}", "qualite", i + 2) for i in range(count)]


def main() -> None:
    provider = private_sandbox("cohort")
    provider.up(QUIET)
    lines = [f"- Machine : {machine()}"]
    try:
        with api_client(provider.kubeconfig()) as admin, tempfile.TemporaryDirectory() as out:
            for count in (30, 100):
                start = time.monotonic()
                report = cohort.create(admin, f"bench{count}", learners(count), Path(out))
                seconds = time.monotonic() - start
                assert len(report.created) == count
                lines.append(f"- Création de {count} espaces : {seconds:.1f} s "
                             f"({1000 * seconds / count:.0f} ms par apprenant)")
                cohort.delete(admin, f"bench{count}")
            group = learners(30)
            cohort.create(admin, "charge", group, Path(out))
            clients = {lr.id: (config.new_client_from_config(f"{out}/{lr.id}.kubeconfig"),
                               cohort.namespace_of("charge", lr.id)) for lr in group}
            load = run_load(clients, memory_probe=lambda: sum(
                provider.resident_memory_mb().values()))
            lines.append(f"- Charge : {load.summary()}")
    finally:
        provider.down(QUIET)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
