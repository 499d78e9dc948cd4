"""Live checks of the expert-level graders against the real control plane, with the
namespace-scoped credentials a learner has under grading."""

from __future__ import annotations

import copy

import pytest
from kubernetes import client, config

import sandbox
from graders import (
    access,
    backup,
    canary,
    capacity,
    cluster,
    gitops,
    network,
    same,
    wait_for,
)
from sandbox.nodes import load_nodes

pytestmark = pytest.mark.cluster

PART_OF = {"app.kubernetes.io/part-of": "essai"}


def _deployment(name, track, replicas, cpu="100m"):
    labels = {"app": "web", "track": track}
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": name, "labels": {**labels, **PART_OF}},
            "spec": {"replicas": replicas, "selector": {"matchLabels": labels}, "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [{
                    "name": "web", "image": "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine",
                    "ports": [{"containerPort": 8080}],
                    "resources": {"requests": {"cpu": cpu, "memory": "64Mi"},
                                  "limits": {"cpu": cpu, "memory": "64Mi"}}}]}}}}


OBJECTS = [
    _deployment("web-stable", "stable", 3),
    _deployment("web-canary", "canary", 1, cpu="200m"),
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": PART_OF},
     "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}},
    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "conf", "labels": PART_OF},
     "data": {"LOG_LEVEL": "info"}},
    {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "lecteur"}},
    {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "lire"},
     "rules": [{"apiGroups": [""], "resources": ["pods", "secrets"], "verbs": ["get", "list"]}]},
]


@pytest.fixture(scope="module")
def learner(admin_api, tmp_path_factory):
    """A namespace and a client holding only the learner's grading rights there."""
    namespace = sandbox.namespace_for("test-expert", "verif")
    path = sandbox.restricted_kubeconfig(admin_api, [namespace],
                                         tmp_path_factory.mktemp("kc") / "apprenant.kubeconfig")
    api = config.new_client_from_config(config_file=str(path))
    sandbox.apply(api, OBJECTS + [{
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": "lire"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "lire"},
        "subjects": [{"kind": "Group", "name": f"system:serviceaccounts:{namespace}",
                      "apiGroup": "rbac.authorization.k8s.io"}]}], namespace)
    for name, replicas in (("web-stable", 3), ("web-canary", 1)):
        assert wait_for(lambda n=name, r=replicas: cluster.deployment_ready(api, namespace, n, r),
                        60).ok
    yield api, namespace
    client.CoreV1Api(admin_api).delete_namespace(namespace)


def test_capacity_from_requests_and_allocatable(learner):
    api, namespace = learner
    table = capacity.usage_table(api, namespace)
    assert sum(row["cpu_demande_m"] for row in table.values()) == 3 * 100 + 200
    # the sandbox's own nodes (other tests may add reserved nodes of their own meanwhile)
    kit_nodes = [spec.name for spec in load_nodes().nodes]
    assert all(table[name]["cpu_allouable_m"] == 4000 for name in kit_nodes)
    assert capacity.headroom(api, namespace, 4000, 64) == sum(
        1 for row in table.values() if row["cpu_demande_m"] == 0 and row["cpu_allouable_m"] >= 4000)


def test_traffic_split_counts_ready_endpoints_by_track(learner):
    api, namespace = learner
    assert wait_for(lambda: same(canary.traffic_split(api, namespace, "web"),
                                 {"canary": 1, "stable": 3}, "pods par track"), 30).ok


def test_access_reviews_see_group_bindings(learner):
    api, namespace = learner
    rights = access.matrix(api, namespace, ["lecteur"], ["get secrets", "create pods/exec",
                                                         "patch deployments.apps"])
    assert rights == {"lecteur": {"get secrets": True, "create pods/exec": False,
                                  "patch deployments.apps": False}}
    assert access.can_i(api, namespace, "create deployments.apps")
    assert not access.can_i(api, "default", "get secrets")


def test_backup_snapshot_and_restore_check(learner):
    api, namespace = learner
    reference = backup.snapshot(api, namespace, "app.kubernetes.io/part-of=essai")
    assert sorted(reference) == ["ConfigMap/conf", "Deployment/web-canary",
                                 "Deployment/web-stable", "Service/web"]
    assert "uid" not in reference["Service/web"]["metadata"]
    assert "clusterIP" not in reference["Service/web"]["spec"]
    assert backup.check_equivalent(reference, api, namespace, "app.kubernetes.io/part-of=essai").ok
    changed = copy.deepcopy(reference)
    changed["ConfigMap/conf"]["data"]["LOG_LEVEL"] = "debug"
    report = backup.check_equivalent(changed, api, namespace, "app.kubernetes.io/part-of=essai")
    assert not report.ok and "data.LOG_LEVEL" in report.message()


def test_gitops_drift_and_tracking(learner):
    api, namespace = learner
    configmap = next(o for o in OBJECTS if o["kind"] == "ConfigMap")
    assert gitops.check_in_sync(api, namespace, [configmap]).ok
    client.CoreV1Api(api).patch_namespaced_config_map("conf", namespace,
                                                      {"data": {"LOG_LEVEL": "debug"}})
    assert gitops.drift(api, namespace, configmap) == [
        "data.LOG_LEVEL : 'info' dans Git, 'debug' dans le cluster"]
    sandbox.apply(api, configmap, namespace)
    assert gitops.drift(api, namespace, {**configmap, "metadata": {"name": "absente"}}) == [
        "absent du cluster"]
    assert gitops.managed(api, namespace, [("v1", "ConfigMap"), ("v1", "Service")],
                          label="app.kubernetes.io/part-of") == {"ConfigMap/conf", "Service/web"}


def test_default_deny_is_read_on_live_policies(learner):
    api, namespace = learner
    assert not network.check_default_deny(api, namespace).ok
    sandbox.apply(api, {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                        "metadata": {"name": "refus"},
                        "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}},
                  namespace)
    assert network.check_default_deny(api, namespace).ok
    policies = network.live_policies(api, namespace)
    web = network.Peer({"app": "web"}, namespace)
    assert not network.flow_allowed(policies, web, web, 8080)
