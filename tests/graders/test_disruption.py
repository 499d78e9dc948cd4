"""Drain plan and dry-run evictions against the real control plane."""

from __future__ import annotations

import pytest

import sandbox
from graders import cluster, disruption, wait_for

pytestmark = pytest.mark.cluster

CONTAINER = {"name": "app", "image": "docker.io/library/busybox:1.37",
             "resources": {"requests": {"cpu": "10m"}, "limits": {"cpu": "10m"}}}


def _deployment(name: str, replicas: int) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"nodeSelector": {"kubernetes.io/hostname": "noeud-a"},
                                           "containers": [CONTAINER]}}}}


def _budget(name: str, min_available: int) -> dict:
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": name},
            "spec": {"minAvailable": min_available,
                     "selector": {"matchLabels": {"app": name}}}}


@pytest.fixture(scope="module")
def ns(admin_api):
    name = sandbox.namespace_for("test-perturbations")
    sandbox.prepare_namespace(admin_api, name, "test-perturbations")
    sandbox.apply(admin_api, [
        _deployment("seul", 1), _budget("seul", 1), _deployment("duo", 2), _budget("duo", 1),
        {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "partout"},
         "spec": {"selector": {"matchLabels": {"app": "partout"}},
                  "template": {"metadata": {"labels": {"app": "partout"}},
                               "spec": {"containers": [CONTAINER]}}}},
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "orphelin"},
         "spec": {"nodeName": "noeud-a", "containers": [CONTAINER]}},
    ], name)
    for deployment, replicas in (("seul", 1), ("duo", 2)):
        wait_for(lambda d=deployment, r=replicas: cluster.deployment_ready(admin_api, name, d, r),
                 timeout=60).require()
    yield name
    sandbox.delete_namespace(admin_api, name)


def _pod(api, ns: str, app: str) -> str:
    return cluster.pods(api, ns, {"app": app})[0]["metadata"]["name"]


def test_the_drain_plan_sorts_pods_as_kubectl_drain_does(admin_api, ns):
    plan = disruption.drain_plan(admin_api, ns, "noeud-a")
    assert plan["bloquer"] == ["orphelin"]
    assert [n.rsplit("-", 1)[0] for n in plan["ignorer"]] == ["partout"]
    assert sorted(n.split("-")[0] for n in plan["evincer"]) == ["duo", "duo", "seul"]
    assert disruption.drain_plan(admin_api, ns, "noeud-b")["evincer"] == []


def test_a_budget_on_a_single_replica_refuses_every_eviction(admin_api, ns):
    pod = _pod(admin_api, ns, "seul")
    assert disruption.dry_run_eviction(admin_api, ns, pod) == 429
    assert disruption.budget_holds(admin_api, ns, pod).ok
    assert not disruption.eviction_allowed(admin_api, ns, pod).ok


def test_a_budget_with_room_accepts_an_eviction_and_dry_run_changes_nothing(admin_api, ns):
    wait_for(lambda: disruption.eviction_allowed(admin_api, ns, _pod(admin_api, ns, "duo")),
             timeout=30).require()
    pod = _pod(admin_api, ns, "duo")
    assert disruption.dry_run_eviction(admin_api, ns, pod) == 201
    assert pod in [p["metadata"]["name"] for p in cluster.pods(admin_api, ns, {"app": "duo"})]
    result = disruption.budget_holds(admin_api, ns, pod)
    assert not result.ok and "429" in result.expected


def test_a_missing_pod_is_reported_as_gone(admin_api, ns):
    assert disruption.dry_run_eviction(admin_api, ns, "absent") == 404
    result = disruption.budget_holds(admin_api, ns, "absent")
    assert not result.ok and result.found == "pod absent"
