"""Module fixtures and kwok's simulated logs on the light sandbox."""

from __future__ import annotations

import pytest
from kubernetes import client

import sandbox
from sandbox.health import poll

pytestmark = pytest.mark.cluster

TEMPLATE = """
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: journaux-${NAMESPACE}
spec:
  selector:
    matchNamespaces: ["${NAMESPACE}"]
  logs:
    - containers: [app]
      logsFile: ${MODULE_DIR}/app.log
      follow: false
"""
LINES = ['{"niveau":"info","message":"démarrage"}', '{"niveau":"erreur","message":"échec"}']


def test_rendered_fixture_gives_pods_simulated_logs(admin_api, tmp_path):
    (tmp_path / "app.log").write_text("".join(
        f"2026-11-29T10:00:0{i}.000000000Z stdout F {line}\n" for i, line in enumerate(LINES)))
    namespace = sandbox.namespace_for("test-journaux")
    sandbox.prepare_namespace(admin_api, namespace, "test-journaux")
    objects = sandbox.render_fixtures(TEMPLATE, namespace, tmp_path)
    assert objects[0]["metadata"]["name"] == f"journaux-{namespace}"
    sandbox.apply_fixtures(admin_api, objects, simulated_only=True)
    core = client.CoreV1Api(admin_api)
    core.create_namespaced_pod(namespace, {
        "metadata": {"name": "app"},
        "spec": {"containers": [{"name": "app", "image": "docker.io/library/busybox:1.37"}]}})

    def logs() -> str:
        try:
            return core.read_namespaced_pod_log("app", namespace)
        except client.ApiException:
            return ""

    assert poll(lambda: logs() == "\n".join(LINES) + "\n", 30), repr(logs())
    sandbox.delete_namespace(admin_api, namespace)
    client.CustomObjectsApi(admin_api).delete_cluster_custom_object(
        "kwok.x-k8s.io", "v1alpha1", "clusterlogs", f"journaux-{namespace}")


def test_kwok_objects_are_skipped_where_containers_really_run(admin_api):
    objects = sandbox.render_fixtures(TEMPLATE, "nulle-part", sandbox.Settings.from_env().home)
    sandbox.apply_fixtures(admin_api, objects, simulated_only=False)  # kind/k3d: nothing applied
    found = client.CustomObjectsApi(admin_api).list_cluster_custom_object(
        "kwok.x-k8s.io", "v1alpha1", "clusterlogs")
    assert all(i["metadata"]["name"] != "journaux-nulle-part" for i in found["items"])
