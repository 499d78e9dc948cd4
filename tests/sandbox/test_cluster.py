"""What the real controllers of the light sandbox do (no mocks: a real kube-apiserver)."""

from __future__ import annotations

import subprocess

import pytest
from kubernetes import client
from kubernetes.client.rest import ApiException

from sandbox import namespace_for, restricted_kubeconfig
from sandbox.health import api_client, poll
from sandbox.nodes import ZONE_LABEL

pytestmark = pytest.mark.cluster


@pytest.fixture
def namespace(admin_api, request):
    name = namespace_for(f"test-{request.node.name[:30]}")
    core = client.CoreV1Api(admin_api)
    try:
        core.create_namespace({"metadata": {"name": name}})
    except ApiException as error:
        assert error.status == 409
    yield name
    core.delete_namespace(name)


def _deployment(name: str, replicas: int, labels: dict[str, str]) -> dict:
    return {
        "metadata": {"name": name, "labels": labels},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {**labels, "app": name}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27",
                                         "ports": [{"containerPort": 8080}]}]},
            },
        },
    }


def test_nodes_are_ready_in_distinct_zones(admin_api):
    nodes = client.CoreV1Api(admin_api).list_node().items
    zones = {n.metadata.labels[ZONE_LABEL] for n in nodes}
    assert len(nodes) >= 2 and len(zones) >= 2
    assert all(c.status == "True" for n in nodes for c in n.status.conditions if c.type == "Ready")


def test_api_server_reports_pinned_version(admin_api):
    from sandbox import versions

    assert client.VersionApi(admin_api).get_code().git_version == versions.KUBERNETES


def test_deployment_of_three_replicas_gets_three_ready_pods(admin_api, namespace):
    apps, core = client.AppsV1Api(admin_api), client.CoreV1Api(admin_api)
    apps.create_namespaced_deployment(namespace, _deployment("web", 3, {"app": "web"}))

    def ready() -> bool:
        return apps.read_namespaced_deployment(
            "web", namespace).status.ready_replicas == 3

    assert poll(ready, 60), "the Deployment did not reach 3 ready replicas"
    pods = core.list_namespaced_pod(namespace, label_selector="app=web").items
    assert len(pods) == 3
    nodes = {n.metadata.name: n for n in core.list_node().items}
    for pod in pods:
        assert pod.status.phase == "Running"
        annotations = nodes[pod.spec.node_name].metadata.annotations
        assert annotations["kwok.x-k8s.io/node"] == "fake"


def test_service_gets_endpoints_of_its_pods(admin_api, namespace):
    apps, core = client.AppsV1Api(admin_api), client.CoreV1Api(admin_api)
    discovery = client.DiscoveryV1Api(admin_api)
    apps.create_namespaced_deployment(namespace, _deployment("api", 2, {"app": "api"}))
    core.create_namespaced_service(namespace, {
        "metadata": {"name": "api"},
        "spec": {"selector": {"app": "api"}, "ports": [{"port": 80, "targetPort": 8080}]},
    })

    def endpoints() -> list[str]:
        slices = discovery.list_namespaced_endpoint_slice(
            namespace, label_selector="kubernetes.io/service-name=api").items
        return [a for s in slices for e in s.endpoints or []
                if e.conditions.ready for a in e.addresses]

    assert poll(lambda: len(endpoints()) == 2, 60), f"endpoints seen: {endpoints()}"


def test_quota_refuses_a_pod_over_the_limit(admin_api, namespace):
    core = client.CoreV1Api(admin_api)
    core.create_namespaced_resource_quota(namespace, {
        "metadata": {"name": "quota"},
        "spec": {"hard": {"limits.cpu": "1", "limits.memory": "1Gi", "pods": "5"}},
    })
    pod = {"metadata": {"name": "gros"}, "spec": {"containers": [{
        "name": "c", "image": "nginx:1.27",
        "resources": {"limits": {"cpu": "2", "memory": "512Mi"},
                      "requests": {"cpu": "2", "memory": "512Mi"}},
    }]}}

    def quota_known() -> bool:
        return bool(core.read_namespaced_resource_quota("quota", namespace).status.hard)

    assert poll(quota_known, 30)
    with pytest.raises(ApiException) as refused:
        core.create_namespaced_pod(namespace, pod)
    assert refused.value.status == 403
    assert "exceeded quota" in refused.value.body


def test_rbac_refuses_a_service_account_outside_its_namespace(admin_api, namespace, tmp_path):
    other = namespace_for("test-rbac-autre")
    kubeconfig = restricted_kubeconfig(admin_api, namespace, tmp_path / "learner.kubeconfig")
    try:
        client.CoreV1Api(admin_api).create_namespace({"metadata": {"name": other}})
    except ApiException as error:
        assert error.status == 409
    with api_client(kubeconfig) as learner:
        core = client.CoreV1Api(learner)
        core.create_namespaced_config_map(namespace, {"metadata": {"name": "ok"}})
        with pytest.raises(ApiException) as refused:
            core.list_namespaced_config_map(other)
        assert refused.value.status == 403
        with pytest.raises(ApiException) as refused_namespaces:
            core.create_namespace({"metadata": {"name": "pas-autorise"}})
        assert refused_namespaces.value.status == 403
        assert core.list_node().items  # reading nodes (zones) is allowed
    client.CoreV1Api(admin_api).delete_namespace(other)


def test_kubectl_of_the_same_version_is_on_the_kit_path(sandbox):
    kubectl = sandbox.settings.bin_dir / "kubectl"
    out = subprocess.run([str(kubectl), "version", "--client", "-o", "json"],
                         capture_output=True, text=True, check=True).stdout
    from sandbox import versions

    assert versions.KUBERNETES in out
