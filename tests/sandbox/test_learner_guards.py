"""What a learner's token may not do in its grading namespace, refused by the real API:
reserved nodes of another namespace (admission policy), the quota, privileged pods (Pod
Security), cluster-wide rights (RBAC), the kit's own quota."""

from __future__ import annotations

import contextlib

import pytest
from kubernetes import client, config
from kubernetes.client.rest import ApiException

from sandbox import namespace_for, restricted_kubeconfig
from sandbox.limits import LIMITS_NAME, QUOTA_NAME, quotas
from sandbox.polling import poll

pytestmark = pytest.mark.cluster

POOL = "cpn.kit/pool"


@pytest.fixture(scope="module")
def space(admin_api, tmp_path_factory):
    """A learner's grading namespace, its token client, and another namespace's reserved node."""
    namespace = namespace_for("test-gardes", "intrus")
    other = namespace_for("test-gardes", "voisin")
    kubeconfig = restricted_kubeconfig(admin_api, namespace,
                                       tmp_path_factory.mktemp("gardes") / "k")
    core = client.CoreV1Api(admin_api)
    node = f"noeud-{other}-a"
    try:
        core.create_node({
            "metadata": {"name": node, "labels": {POOL: other},
                         "annotations": {"kwok.x-k8s.io/node": "fake"}},
            "spec": {"taints": [{"key": POOL, "value": other, "effect": "NoSchedule"}]},
            "status": {"allocatable": {"cpu": "2", "memory": "4Gi", "pods": "30"},
                       "capacity": {"cpu": "2", "memory": "4Gi", "pods": "30"}}})
    except ApiException as error:
        if error.status != 409:
            raise
    with config.new_client_from_config(config_file=str(kubeconfig)) as learner:
        yield namespace, other, node, learner
    core.delete_node(node)
    core.delete_namespace(namespace)


def _pod(name: str, **spec) -> dict:
    container = {"name": "app", "image": "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine"}
    container.update(spec.pop("container", {}))
    return {"metadata": {"name": name}, "spec": {"containers": [container], **spec}}


def _refused(call, *args, status=(403,)) -> str:
    with pytest.raises(ApiException) as error:
        call(*args)
    assert error.value.status in status, error.value.body
    return error.value.body


def test_namespace_has_its_pod_security_level_quota_and_limits(space, admin_api):
    namespace = space[0]
    core = client.CoreV1Api(admin_api)
    labels = core.read_namespace(namespace).metadata.labels
    assert labels["pod-security.kubernetes.io/enforce"] == "baseline"
    assert labels["pod-security.kubernetes.io/warn"] == "restricted"
    assert core.read_namespaced_resource_quota(QUOTA_NAME, namespace).spec.hard["pods"]
    assert core.read_namespaced_limit_range(LIMITS_NAME, namespace).spec.limits[0].max


@pytest.mark.parametrize("name,spec", [
    ("tolere-tout-le-pool", {"tolerations": [{"key": POOL, "operator": "Exists"}]}),
    ("tolere-toutes-les-taints", {"tolerations": [{"operator": "Exists"}]}),
    ("tolere-le-voisin", {"tolerations": [{"key": POOL, "value": "{other}"}]}),
    ("vise-le-voisin", {"nodeSelector": {POOL: "{other}"}}),
    ("choisit-le-noeud-du-voisin", {"nodeName": "{node}"}),
])
def test_reserved_nodes_of_another_namespace_are_refused(space, name, spec):
    namespace, other, node, learner = space
    spec = {key: _fill(value, other=other, node=node) for key, value in spec.items()}
    body = _refused(client.CoreV1Api(learner).create_namespaced_pod, namespace, _pod(name, **spec),
                    status=(403, 422))
    assert "cpn-kit.noeuds-reserves" in body


def test_a_deployment_does_not_get_round_the_rule(space):
    """The rule holds for the ReplicaSet controller too: its pods are refused."""
    namespace, _, _, learner = space
    template = _pod("x", tolerations=[{"operator": "Exists"}])
    template["metadata"] = {"labels": {"app": "contournement"}}
    client.AppsV1Api(learner).create_namespaced_deployment(namespace, {
        "metadata": {"name": "contournement"},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "contournement"}},
                 "template": template}})

    def refusal() -> str:
        for replica_set in client.AppsV1Api(learner).list_namespaced_replica_set(
                namespace, label_selector="app=contournement").items:
            for condition in replica_set.status.conditions or []:
                if condition.type == "ReplicaFailure":
                    return condition.message
        return ""

    assert poll(lambda: bool(refusal()), 30, 0.5)
    assert "cpn-kit.noeuds-reserves" in refusal()
    assert client.CoreV1Api(learner).list_namespaced_pod(
        namespace, label_selector="app=contournement").items == []
    client.AppsV1Api(learner).delete_namespaced_deployment("contournement", namespace)


def _fill(value, **names):
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, list):
        return [_fill(v, **names) for v in value]
    return {k: _fill(v, **names) for k, v in value.items()}


def test_own_pool_and_shared_nodes_stay_allowed(space):
    namespace, _, _, learner = space
    pod = _pod("tolere-son-pool", nodeName=f"noeud-{namespace}-a",
               tolerations=[{"key": POOL, "value": namespace, "effect": "NoSchedule"}])
    shared = _pod("sur-un-noeud-partage", nodeName="noeud-a")
    for allowed in (pod, shared):
        client.CoreV1Api(learner).create_namespaced_pod(namespace, allowed)  # no exception
        client.CoreV1Api(learner).delete_namespaced_pod(allowed["metadata"]["name"], namespace,
                                                        grace_period_seconds=0)


def test_privileged_pod_is_refused_by_pod_security(space):
    namespace, _, _, learner = space
    pod = _pod("privilegie", container={"securityContext": {"privileged": True}})
    body = _refused(client.CoreV1Api(learner).create_namespaced_pod, namespace, pod)
    assert "violates PodSecurity" in body and "baseline" in body


def test_quota_stops_a_namespace_from_filling_the_cluster(space):
    namespace, _, _, learner = space
    core = client.CoreV1Api(learner)
    two_cpus = {"resources": {"requests": {"cpu": "2"}, "limits": {"cpu": "2"}}}
    most = int(quotas().module_size.quota["requests.cpu"]) // 2  # pods of 2 CPU that fit
    names, refusal = [], None
    try:
        while refusal is None and len(names) <= most:
            name = f"gros-{len(names)}"
            try:
                core.create_namespaced_pod(namespace, _pod(name, container=two_cpus))
                names.append(name)
            except ApiException as error:
                refusal = error
        assert refusal is not None and refusal.status == 403
        assert "exceeded quota" in refusal.body and QUOTA_NAME in refusal.body
        assert most - 1 <= len(names) <= most
    finally:
        for name in names:
            with contextlib.suppress(ApiException):
                core.delete_namespaced_pod(name, namespace, grace_period_seconds=0)


def test_kit_quota_cannot_be_removed_or_raised(space):
    namespace, _, _, learner = space
    core = client.CoreV1Api(learner)
    body = _refused(core.delete_namespaced_resource_quota, QUOTA_NAME, namespace,
                    status=(403, 422))
    assert "cpn-kit.objets-du-kit" in body
    _refused(core.patch_namespaced_resource_quota, QUOTA_NAME, namespace,
             {"spec": {"hard": {"pods": "5000"}}}, status=(403, 422))
    _refused(core.delete_namespaced_limit_range, LIMITS_NAME, namespace, status=(403, 422))
    own = {"metadata": {"name": "quota-projet"}, "spec": {"hard": {"pods": "20"}}}
    core.create_namespaced_resource_quota(namespace, own)  # its own quotas: allowed
    core.delete_namespaced_resource_quota("quota-projet", namespace)


def test_no_cluster_wide_rights_and_no_escalation(space):
    namespace, _, _, learner = space
    rbac = client.RbacAuthorizationV1Api(learner)
    subject = [{"kind": "ServiceAccount", "name": "apprenant", "namespace": namespace}]
    _refused(rbac.create_cluster_role_binding, {
        "metadata": {"name": f"evasion-{namespace}"}, "subjects": subject,
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                    "name": "cluster-admin"}})
    _refused(rbac.create_namespaced_role_binding, namespace, {  # escalation prevention
        "metadata": {"name": "evasion"}, "subjects": subject,
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                    "name": "admin"}})
    _refused(rbac.patch_namespaced_role, "apprenant", namespace,
             {"rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]})
    _refused(client.CoreV1Api(learner).patch_namespace, namespace,
             {"metadata": {"labels": {"pod-security.kubernetes.io/enforce": "privileged"}}})
