"""Resident memory of every process of the light sandbox, idle and after 100 pods.
Target: <= 800 MB (Binder guarantees 1 GB).

    .venv/bin/python benchmarks/sandbox_memory.py
"""

from __future__ import annotations

import time
from pathlib import Path

from common import machine, private_sandbox
from kubernetes import client

from sandbox.health import api_client, poll
from sandbox.progress import QUIET


def hundred_pods(kubeconfig: Path) -> None:
    with api_client(kubeconfig) as api:
        apps = client.AppsV1Api(api)
        client.CoreV1Api(api).create_namespace({"metadata": {"name": "bench"}})
        apps.create_namespaced_deployment("bench", {
            "metadata": {"name": "cent"},
            "spec": {"replicas": 100, "selector": {"matchLabels": {"app": "cent"}},
                     "template": {"metadata": {"labels": {"app": "cent"}},
                                  "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}}},
        })
        assert poll(lambda: apps.read_namespaced_deployment(
            "cent", "bench").status.ready_replicas == 100, 300, 1)


def report(label: str, sizes: dict[str, float]) -> None:
    detail = ", ".join(f"{c} {v:.0f}" for c, v in sizes.items())
    print(f"- {label} : **{sum(sizes.values()):.0f} Mo** ({detail})")


def main() -> None:
    provider = private_sandbox("memory")
    try:
        provider.up(QUIET)
        time.sleep(20)  # let the components settle
        print(f"- Machine : {machine()}")
        report("Au repos", provider.resident_memory_mb())
        hundred_pods(provider.kubeconfig())
        time.sleep(20)
        report("Après 100 pods Ready", provider.resident_memory_mb())
    finally:
        provider.down(QUIET)


if __name__ == "__main__":
    main()
