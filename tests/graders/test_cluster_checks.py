"""Checks on live state, against the real control plane: right state passes, wrong fails."""

from __future__ import annotations

import copy

import pytest

import sandbox
from graders import cluster, conformity, wait_for

pytestmark = pytest.mark.cluster

LABELS = {"app": "web", "env": "dev", "tier": "backend"}
DEPLOYMENT = {
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "labels": LABELS},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}, "template": {
        "metadata": {"labels": LABELS},
        "spec": {
            "topologySpreadConstraints": [{
                "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
                "whenUnsatisfiable": "DoNotSchedule",
                "labelSelector": {"matchLabels": {"app": "web"}}}],
            "containers": [{
                "name": "web", "image": "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine",
                "ports": [{"containerPort": 8080}],
                "resources": {"requests": {"cpu": "50m", "memory": "32Mi"},
                              "limits": {"cpu": "50m", "memory": "32Mi"}},
                "livenessProbe": {"httpGet": {"path": "/", "port": 8080}}}]}}},
}


@pytest.fixture(scope="module")
def ns(admin_api):
    name = sandbox.namespace_for("test-verifications")
    sandbox.prepare_namespace(admin_api, name, "test-verifications")
    sandbox.apply(admin_api, [
        DEPLOYMENT,
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
         "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}},
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "perdu"},
         "spec": {"selector": {"app": "autre"}, "ports": [{"port": 80, "targetPort": 8080}]}},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "conf"},
         "data": {"LOG_LEVEL": "info"}},
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "jeton"},
         "stringData": {"token": "s3cret"}},
        {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web"},
         "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "web"}}}},
    ], name)
    assert wait_for(lambda: cluster.deployment_ready(admin_api, name, "web", 3), 60).ok
    yield name
    sandbox.delete_namespace(admin_api, name)


def test_deployment_ready(admin_api, ns):
    assert cluster.deployment_ready(admin_api, ns, "web", 3).ok
    wrong = cluster.deployment_ready(admin_api, ns, "web", 5)
    assert not wrong.ok and wrong.final and "spec.replicas = 3" in wrong.found
    missing = cluster.deployment_ready(admin_api, ns, "absent")
    assert not missing.ok and missing.final and "aucun objet" in missing.found


def test_service_selects(admin_api, ns):
    assert cluster.service_selects(admin_api, ns, "web", "web").ok
    wrong = cluster.service_selects(admin_api, ns, "perdu", "web")
    assert not wrong.ok and "sélecteur" in wrong.found


def test_configmap_and_secret_content(admin_api, ns):
    assert cluster.configmap_has(admin_api, ns, "conf", {"LOG_LEVEL": "info"}).ok
    assert not cluster.configmap_has(admin_api, ns, "conf", {"LOG_LEVEL": "debug"}).ok
    assert cluster.secret_has(admin_api, ns, "jeton", {"token": "s3cret"}).ok
    assert not cluster.secret_has(admin_api, ns, "jeton", {"token": "autre"}).ok


def test_labels_resources_probes(admin_api, ns):
    assert cluster.labels_present(admin_api, ns, "Deployment", "web",
                                  {"app": "web", "env": None}).ok
    assert not cluster.labels_present(admin_api, ns, "Deployment", "web", {"env": "prod"}).ok
    assert cluster.resources_set(admin_api, ns, "web").ok
    assert cluster.probes_set(admin_api, ns, "web").ok


def test_pdb_and_zones(admin_api, ns):
    assert cluster.pdb_protects(admin_api, ns, "web", "web", min_available=2).ok
    assert not cluster.pdb_protects(admin_api, ns, "web", "web", min_available=1).ok
    assert cluster.spread_across_zones(admin_api, ns, {"app": "web"}, min_zones=3).ok
    assert not cluster.spread_across_zones(admin_api, ns, {"app": "absent"}).ok


def test_live_objects_are_graded_like_manifests(admin_api, ns):
    live = conformity.evaluate_live(admin_api, ns)
    assert live.findings == ()  # compliant Deployment; Services and ConfigMap break nothing
    bad = copy.deepcopy(DEPLOYMENT)
    bad["metadata"]["name"] = "bad"
    container = bad["spec"]["template"]["spec"]["containers"][0]
    container["image"] = "docker.io/nginxinc/nginx-unprivileged"
    del container["livenessProbe"]
    sandbox.apply(admin_api, bad, ns)
    report = conformity.evaluate_live(admin_api, ns)
    from_manifest = conformity.evaluate([bad])
    live_findings = {(f.rule, f.details) for f in report.findings if f.target == "Deployment/bad"}
    assert live_findings == {(f.rule, f.details) for f in from_manifest.findings}
    assert {"tag-explicite", "sonde-requise"} <= report.rules_broken()


def test_resources_and_probes_are_checked_value_by_value(admin_api, ns):
    same_values = {"cpu": "0.05", "memory": str(32 * 1024 * 1024)}
    assert cluster.resources_are(admin_api, ns, "web", same_values, same_values).ok
    wrong = cluster.resources_are(admin_api, ns, "web", {"cpu": "100m", "memory": "32Mi"},
                                  {"cpu": "50m", "memory": "32Mi"})
    assert not wrong.ok and "web : requests" in wrong.found and "limits" not in wrong.found
    assert cluster.probe_is(admin_api, ns, "web", "livenessProbe", "httpGet",
                            path="/", port=8080).ok
    for probe, handler, values, found in [
            ("livenessProbe", "httpGet", {"path": "/", "port": 8081}, "port = 8080"),
            ("livenessProbe", "httpGet", {"path": "/sante"}, "path = '/'"),
            ("livenessProbe", "tcpSocket", {"port": 8080}, "livenessProbe de type httpGet"),
            ("readinessProbe", "httpGet", {"port": 8080}, "readinessProbe absente")]:
        result = cluster.probe_is(admin_api, ns, "web", probe, handler, **values)
        assert not result.ok and found in result.found, (probe, handler, values)
