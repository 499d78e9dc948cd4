"""Preview environments on the real control plane: found by label, gone after deletion,
and a timing that stops before the pods are ready is caught."""

from __future__ import annotations

import pytest
from kubernetes import client

import sandbox
from graders import cluster, ephemeral, wait_for

pytestmark = pytest.mark.cluster

LABELS = {"app": "rdv", "env": "test", "tier": "frontend", ephemeral.PREVIEW_LABEL: "mr-5"}


@pytest.fixture(scope="module")
def ns(admin_api):
    name = sandbox.namespace_for("test-environnements-de-revue")
    sandbox.prepare_namespace(admin_api, name, "test-environnements-de-revue")
    sandbox.apply(admin_api, [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "rdv-mr-5-config",
                                                               "labels": LABELS}},
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "rdv-mr-5", "labels": LABELS},
         "spec": {"replicas": 1, "selector": {"matchLabels": LABELS}, "template": {
             "metadata": {"labels": LABELS}, "spec": {"containers": [{
                 "name": "web",
                 "image": "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine"}]}}}},
    ], name)
    assert wait_for(lambda: cluster.deployment_ready(admin_api, name, "rdv-mr-5", 1), 60).ok
    yield name
    sandbox.delete_namespace(admin_api, name)


def test_objects_are_found_by_their_preview_label(admin_api, ns):
    found = ephemeral.preview_objects(admin_api, ns, "mr-5")
    assert "Deployment/rdv-mr-5" in found and "ConfigMap/rdv-mr-5-config" in found
    assert any(name.startswith("Pod/") for name in found)
    assert ephemeral.preview_present(admin_api, ns, "mr-5").ok
    assert not ephemeral.preview_gone(admin_api, ns, "mr-5").ok
    assert ephemeral.preview_gone(admin_api, ns, "mr-6").ok


def test_a_duration_longer_than_the_deployment_age_is_refused(admin_api, ns):
    assert not ephemeral.check_duration(80.0, "durée", admin_api, ns, "rdv-mr-5").ok


def test_conformity_is_checked_on_the_preview_objects_only(admin_api, ns):
    # the Deployment of mr-5 has no probe and no resources: blocking in production
    result = ephemeral.preview_conformity(admin_api, ns, "mr-5")
    assert not result.ok and "sonde-requise" in result.found
    absent = ephemeral.preview_conformity(admin_api, ns, "mr-404")
    assert not absent.ok and absent.final


def test_after_deletion_nothing_is_left(admin_api, ns):
    selector = f"{ephemeral.PREVIEW_LABEL}=mr-5"
    client.AppsV1Api(admin_api).delete_collection_namespaced_deployment(
        ns, label_selector=selector)
    client.CoreV1Api(admin_api).delete_collection_namespaced_config_map(
        ns, label_selector=selector)
    assert wait_for(lambda: ephemeral.preview_gone(admin_api, ns, "mr-5"), 30).ok
    assert not ephemeral.preview_present(admin_api, ns, "mr-5").ok
