"""Load: 30 simulated learners do the first module at once on one light sandbox, each in its
own cohort space with its own token. Bounded (one pass each, 10 minutes at most), loopback."""

from __future__ import annotations

import pytest
from kubernetes import config

from graders.loadtest import run_load
from sandbox import cohort
from sandbox.cohort import Learner

pytestmark = [pytest.mark.cluster, pytest.mark.slow]
LEARNERS = 30


def test_thirty_learners_at_once(admin_api, sandbox, tmp_path, record_property):
    learners = [Learner(f"a{i:02d}", f"Apprenant {i}", "qualite", i + 2)
                for i in range(LEARNERS)]
    report = cohort.create(admin_api, "charge", learners, tmp_path, token_hours=1)
    assert len(report.created) == LEARNERS
    clients = {lr.id: (config.new_client_from_config(str(tmp_path / f"{lr.id}.kubeconfig")),
                       cohort.namespace_of("charge", lr.id)) for lr in learners}
    try:
        load = run_load(clients, deadline=600,
                        memory_probe=lambda: sum(sandbox.resident_memory_mb().values()))
    finally:
        cohort.delete(admin_api, "charge")
    print(load.summary())
    record_property("charge", load.summary())
    assert load.all_passed, load.summary()
    assert len(load.latencies) == 5 * LEARNERS  # nothing lost
