"""Latency of the visible checks of a module when the cluster state is already right.
Target: median <= 1 s.

    .venv/bin/python benchmarks/visible_check_latency.py [--runs 30]
"""

from __future__ import annotations

import argparse
import time

from common import machine, private_sandbox, summary

import sandbox
from graders import cluster, conformity, wait_for
from sandbox.health import api_client
from sandbox.progress import QUIET

DEPLOYMENT = {
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "hello", "labels": {"app": "hello", "env": "dev", "tier": "frontend"}},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "hello"}}, "template": {
        "metadata": {"labels": {"app": "hello", "env": "dev", "tier": "frontend"}},
        "spec": {"containers": [{
            "name": "web", "image": "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine",
            "ports": [{"containerPort": 8080}],
            "resources": {"requests": {"cpu": "100m", "memory": "64Mi"},
                          "limits": {"cpu": "100m", "memory": "64Mi"}},
            "readinessProbe": {"httpGet": {"path": "/", "port": 8080}}}]}}},
}
SERVICE = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "hello"},
           "spec": {"selector": {"app": "hello"}, "ports": [{"port": 80, "targetPort": 8080}]}}


def timed(check, runs: int) -> list[float]:
    durations = []
    for _ in range(runs):
        start = time.monotonic()
        assert check().ok
        durations.append(time.monotonic() - start)
    return durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    provider = private_sandbox("latency")
    provider.up(QUIET)
    try:
        with api_client(provider.kubeconfig()) as api:
            sandbox.prepare_namespace(api, "bench", "bench")
            sandbox.apply(api, [DEPLOYMENT, SERVICE], "bench")
            assert wait_for(lambda: cluster.deployment_ready(api, "bench", "hello", 3), 60).ok
            checks = {
                "deployment_ready": lambda: wait_for(
                    lambda: cluster.deployment_ready(api, "bench", "hello", 3), 60),
                "service_selects": lambda: wait_for(
                    lambda: cluster.service_selects(api, "bench", "hello", "hello"), 30),
                "conformité CCT (evaluate_live)": lambda: conformity.evaluate_live(
                    api, "bench").check(),
            }
            print(f"- Machine : {machine()}")
            for name, check in checks.items():
                durations = timed(check, args.runs)
                print(f"- {name} : {summary([d * 1000 for d in durations], 'ms')}")
    finally:
        provider.down(QUIET)


if __name__ == "__main__":
    main()
