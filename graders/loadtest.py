"""Simulated learners: many learners doing the first module at once on one cluster.

Each simulated learner works in its own cohort space with its own restricted credentials and
replays the solutions of `premiers-pas-bac-a-sable` (a compliant Deployment, a Service,
scaling to 3 replicas, a rolling update), running the module's checks after each step. The run
is bounded (one pass per learner, a global deadline) and talks only to the given cluster.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from kubernetes import client

import sandbox

from . import cluster, conformity
from .results import CheckResult
from .waiting import wait_for

IMAGE = "docker.io/nginxinc/nginx-unprivileged:1.27.{patch}-alpine"
LABELS = {"app": "hello", "env": "formation", "tier": "frontend"}


def deployment(replicas: int, patch: int) -> dict:
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "hello", "labels": LABELS},
        "spec": {
            "replicas": replicas, "selector": {"matchLabels": {"app": "hello"}},
            "strategy": {"type": "RollingUpdate",
                         "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
            "template": {"metadata": {"labels": LABELS}, "spec": {"containers": [{
                "name": "web", "image": IMAGE.format(patch=patch),
                "ports": [{"containerPort": 8080}],
                "resources": {"requests": {"cpu": "50m", "memory": "32Mi"},
                              "limits": {"cpu": "50m", "memory": "32Mi"}},
                "readinessProbe": {"httpGet": {"path": "/", "port": 8080}}}]}},
        },
    }


SERVICE = {"apiVersion": "v1", "kind": "Service",
           "metadata": {"name": "hello", "labels": LABELS},
           "spec": {"selector": {"app": "hello"},
                    "ports": [{"port": 80, "targetPort": 8080}]}}


@dataclass
class LearnerRun:
    learner: str
    checks_passed: int = 0
    checks_failed: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # one check, state already right
    convergence: list[float] = field(default_factory=list)  # from the change to a passing check
    error: str = ""


def _step(run: LearnerRun, check, timeout: float) -> None:
    """Wait until the step converges, then time the check as a learner re-running it."""
    start = time.monotonic()
    converged = wait_for(check, timeout)
    run.convergence.append(time.monotonic() - start)
    start = time.monotonic()
    result: CheckResult = check()
    run.latencies.append(time.monotonic() - start)
    if result.ok and converged.ok:
        run.checks_passed += 1
    else:
        run.checks_failed.append(result.message())


def simulate_learner(learner: str, api: client.ApiClient, namespace: str,
                     timeout: float = 120) -> LearnerRun:
    """One learner's pass through the first module, checks included."""
    run = LearnerRun(learner)
    steps = [
        (lambda: sandbox.apply(api, deployment(2, 4), namespace),
         lambda: cluster.deployment_ready(api, namespace, "hello", 2)),
        (lambda: sandbox.apply(api, SERVICE, namespace),
         lambda: cluster.service_selects(api, namespace, "hello", "hello")),
        (lambda: sandbox.apply(api, deployment(3, 4), namespace),
         lambda: cluster.deployment_ready(api, namespace, "hello", 3)),
        (lambda: sandbox.apply(api, deployment(3, 5), namespace),
         lambda: cluster.deployment_ready(api, namespace, "hello")),
        (lambda: None, lambda: conformity.evaluate_live(api, namespace, "prod").check()),
    ]
    try:
        for act, check in steps:
            act()
            _step(run, check, timeout)
    except Exception as error:  # counted, reported; the other learners go on
        run.error = f"{type(error).__name__}: {str(error)[:200]}"
    return run


@dataclass
class LoadReport:
    runs: list[LearnerRun]
    seconds: float
    sandbox_memory_mb: float | None = None

    @property
    def latencies(self) -> list[float]:
        return sorted(x for run in self.runs for x in run.latencies)

    @property
    def convergence(self) -> list[float]:
        return sorted(x for run in self.runs for x in run.convergence)

    @staticmethod
    def _percentile(values: list[float], share: float) -> float:
        return values[min(len(values) - 1, int(share * len(values)))] if values else 0.0

    def percentile(self, share: float) -> float:
        return self._percentile(self.latencies, share)

    @property
    def all_passed(self) -> bool:
        return all(not r.error and not r.checks_failed and r.checks_passed == 5
                   for r in self.runs)

    def summary(self) -> str:
        failed = [r.learner for r in self.runs if r.error or r.checks_failed]
        return (f"{len(self.runs)} apprenants simulés en {self.seconds:.0f} s ; "
                f"vérification (état déjà bon) : p50 {1000 * self.percentile(0.5):.0f} ms, "
                f"p95 {1000 * self.percentile(0.95):.0f} ms, max "
                f"{1000 * max(self.latencies, default=0):.0f} ms ; convergence d'une étape : "
                f"p50 {self._percentile(self.convergence, 0.5):.1f} s, "
                f"p95 {self._percentile(self.convergence, 0.95):.1f} s ; "
                + (f"mémoire du bac à sable {self.sandbox_memory_mb:.0f} Mo ; "
                   if self.sandbox_memory_mb else "")
                + (f"échecs : {', '.join(failed)}" if failed else "aucun échec"))


def run_load(clients: dict[str, tuple[client.ApiClient, str]], deadline: float = 600,
             memory_probe=None) -> LoadReport:
    """All learners at once (one thread each), bounded by `deadline` seconds overall."""
    start = time.monotonic()
    peak = {"mb": 0.0}
    done = threading.Event()

    def sample() -> None:
        while memory_probe and not done.wait(0.5):
            peak["mb"] = max(peak["mb"], memory_probe())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        futures = [pool.submit(simulate_learner, learner, api, namespace,
                               min(120, deadline))
                   for learner, (api, namespace) in clients.items()]
        runs = [f.result(timeout=deadline) for f in futures]
    done.set()
    return LoadReport(runs, time.monotonic() - start, peak["mb"] or None)
