"""Live checks on traffic routing and quotas, against the real control plane."""

from __future__ import annotations

import pytest

import sandbox
from graders import cluster, wait_for

pytestmark = pytest.mark.cluster


def _deployment(name: str, labels: dict, replicas: int, memory: str = "64Mi") -> dict:
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": labels},
        "spec": {"replicas": replicas, "selector": {"matchLabels": labels}, "template": {
            "metadata": {"labels": labels},
            "spec": {"containers": [{
                "name": "web", "image": "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine",
                "ports": [{"containerPort": 8080}],
                "resources": {"requests": {"cpu": "100m", "memory": memory},
                              "limits": {"cpu": "100m", "memory": memory}},
                "readinessProbe": {"httpGet": {"path": "/", "port": 8080}}}]}}},
    }


def _service(name: str, selector: dict) -> dict:
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name},
            "spec": {"selector": selector, "ports": [{"port": 80, "targetPort": 8080}]}}


@pytest.fixture(scope="module")
def ns(admin_api):
    name = sandbox.namespace_for("test-routage")
    sandbox.prepare_namespace(admin_api, name, "test-routage")
    blue = {"app": "rdv", "version": "blue"}
    green = {"app": "rdv", "version": "green"}
    sandbox.apply(admin_api, [
        _deployment("rdv-blue", blue, 2), _deployment("rdv-green", green, 1),
        _service("rdv", blue), _service("rdv-tout", {"app": "rdv"}),
        {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "quota"},
         "spec": {"hard": {"limits.cpu": "1500m", "limits.memory": "1Gi"}}},
    ], name)
    for deployment in ("rdv-blue", "rdv-green"):
        assert wait_for(lambda d=deployment: cluster.deployment_ready(admin_api, name, d),
                        60).ok
    yield name
    sandbox.delete_namespace(admin_api, name)


def test_service_routes_exactly_to_the_selected_pods(admin_api, ns):
    result = wait_for(lambda: cluster.service_routes_to(admin_api, ns, "rdv",
                                                        {"app": "rdv", "version": "blue"}), 30)
    assert result.ok, result.message()
    assert len(cluster.service_backends(admin_api, ns, "rdv")) == 2


def test_a_service_that_also_reaches_other_pods_fails(admin_api, ns):
    wait_for(lambda: cluster.service_routes_to(admin_api, ns, "rdv-tout", {"app": "rdv"}), 30)
    result = cluster.service_routes_to(admin_api, ns, "rdv-tout",
                                       {"app": "rdv", "version": "blue"})
    assert not result.ok and result.final and "1 en trop" in result.found


def test_missing_service_or_pods_are_reported(admin_api, ns):
    assert cluster.service_routes_to(admin_api, ns, "absent", {"app": "rdv"}).final
    result = cluster.service_routes_to(admin_api, ns, "rdv", {"app": "personne"})
    assert not result.ok and result.found == "aucun pod prêt"


def test_quota_values_compare_as_quantities(admin_api, ns):
    assert cluster.quota_matches(admin_api, ns, "quota",
                                 {"limits.cpu": "1.5", "limits.memory": "1024Mi"}).ok
    wrong = cluster.quota_matches(admin_api, ns, "quota", {"limits.cpu": "2"})
    assert not wrong.ok and "limits.cpu" in wrong.hint
    assert not cluster.quota_matches(admin_api, ns, "absent", {"limits.cpu": "1"}).ok


def test_admission_refusal_by_the_quota_is_seen_on_the_deployment(admin_api, ns):
    assert not cluster.quota_refuses(admin_api, ns, "rdv-blue").ok
    sandbox.apply(admin_api, _deployment("gros", {"app": "gros"}, 1, memory="2Gi"), ns)
    result = wait_for(lambda: cluster.quota_refuses(admin_api, ns, "gros"), 30)
    assert result.ok, result.message()
