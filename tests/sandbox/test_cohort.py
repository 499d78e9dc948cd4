"""Cohort mode on the light sandbox: real RBAC, quotas and tokens."""

from __future__ import annotations

import base64
import json
import time

import pytest
import yaml
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from kubernetes import client, config
from kubernetes.client.rest import ApiException

from sandbox import cohort
from sandbox.cohort import CohortError, Learner

ROSTER = "identifiant,nom,parcours\nalice,Alice Martin,qualite\nbruno,Bruno Petit,sre\n"


def _roster(tmp_path, text: str):
    path = tmp_path / "liste.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_bad_row_gets_its_own_french_error(tmp_path):
    text = ("identifiant,nom,parcours\nalice,Alice,qualite\nalice,Alice bis,sre\n"
            "Bob_Dupont,Bob,sre\n" + "x" * 60 + ",Long,sre\nchloe,,decision\n"
            "dan,Dan,astronomie\n")
    with pytest.raises(CohortError) as error:
        cohort.read_roster(_roster(tmp_path, text), "dnum")
    message = error.value.message
    assert "rien n'a été créé" in message
    assert "ligne 3 : identifiant « alice » en double" in message
    assert "ligne 4 : identifiant « Bob_Dupont » invalide" in message
    assert "ligne 5 : identifiant « xxxx" in message and "63 caractères" in message
    assert "ligne 6 : nom manquant" in message
    assert "ligne 7 : parcours « astronomie » inconnu" in message


def test_header_is_checked(tmp_path):
    with pytest.raises(CohortError, match="en-tête"):
        cohort.read_roster(_roster(tmp_path, "id,name\na,b\n"), "dnum")


def test_quota_is_sized_by_path():
    sre = cohort.learner_objects("c", Learner("b", "B", "sre", 2))
    qualite = cohort.learner_objects("c", Learner("a", "A", "qualite", 2))
    hard = {o["metadata"]["namespace"]: o["spec"]["hard"]["pods"]
            for o in sre + qualite if o["kind"] == "ResourceQuota"}
    assert hard == {"cohorte-c-b": "60", "cohorte-c-a": "30"}


@pytest.fixture(scope="module")
def spaces(admin_api, tmp_path_factory):
    out = tmp_path_factory.mktemp("kubeconfigs")
    roster = tmp_path_factory.mktemp("liste") / "liste.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    learners = cohort.read_roster(roster, "essai")
    report = cohort.create(admin_api, "essai", learners, out, token_hours=1)
    assert report.created == ["alice", "bruno"] and not report.failed
    clients = {name: config.new_client_from_config(str(out / f"{name}.kubeconfig"))
               for name in report.created}
    yield clients, out
    cohort.delete(admin_api, "essai")


def _forbidden(call, *args) -> int:
    with pytest.raises(ApiException) as refused:
        call(*args)
    return refused.value.status


@pytest.mark.cluster
def test_a_learner_cannot_touch_another_learners_space(spaces):
    clients, _ = spaces
    alice = client.CoreV1Api(clients["alice"])
    apps = client.AppsV1Api(clients["alice"])
    other = "cohorte-essai-bruno"
    assert _forbidden(alice.list_namespaced_pod, other) == 403
    assert _forbidden(alice.read_namespaced_service_account, "apprenant", other) == 403
    assert _forbidden(alice.create_namespaced_config_map, other,
                      {"metadata": {"name": "intrus"}}) == 403
    assert _forbidden(apps.list_namespaced_deployment, other) == 403
    assert _forbidden(alice.delete_namespace, other) == 403
    assert _forbidden(alice.create_namespace, {"metadata": {"name": "a-moi"}}) == 403
    rbac = client.RbacAuthorizationV1Api(clients["alice"])
    assert _forbidden(rbac.create_cluster_role, {"metadata": {"name": "x"}, "rules": []}) == 403
    alice.create_namespaced_config_map("cohorte-essai-alice", {"metadata": {"name": "a-moi"}})


@pytest.mark.cluster
def test_the_quota_refuses_an_oversized_workload(spaces):
    alice = client.CoreV1Api(spaces[0]["alice"])
    big = {"metadata": {"name": "gros"}, "spec": {"containers": [{
        "name": "c", "image": "docker.io/library/busybox:1.37",
        "resources": {"requests": {"cpu": "3", "memory": "64Mi"},
                      "limits": {"cpu": "3", "memory": "64Mi"}}}]}}
    with pytest.raises(ApiException) as refused:
        alice.create_namespaced_pod("cohorte-essai-alice", big)
    assert refused.value.status == 403
    assert "maximum cpu usage" in refused.value.body or "exceeded quota" in refused.value.body


@pytest.mark.cluster
def test_the_token_is_short_lived(spaces):
    _, out = spaces
    token = yaml.safe_load((out / "alice.kubeconfig").read_text())["users"][0]["user"]["token"]
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert 3500 <= claims["exp"] - time.time() <= 3600
    assert claims["sub"] == "system:serviceaccount:cohorte-essai-alice:apprenant"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _resigned(token: str, key_file, **claims) -> str:
    """The same token with other claims, signed with the sandbox's service-account key."""
    header, payload, _ = token.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    signing_input = f"{header}.{_b64(json.dumps({**body, **claims}).encode())}"
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


def _pods_status(kubeconfig, token: str) -> int:
    settings = yaml.safe_load(kubeconfig.read_text())
    settings["users"][0]["user"]["token"] = token
    api = config.new_client_from_config_dict(settings)
    try:
        client.CoreV1Api(api).list_namespaced_pod("cohorte-essai-alice")
        return 200
    except ApiException as error:
        return error.status
    finally:
        api.close()


@pytest.mark.cluster
def test_the_api_server_refuses_the_token_once_expired(sandbox, spaces):
    """Waiting an hour is not a test: the same token re-signed with `exp` in the past is."""
    _, out = spaces
    kubeconfig = out / "alice.kubeconfig"
    token = yaml.safe_load(kubeconfig.read_text())["users"][0]["user"]["token"]
    key_file = sandbox.cluster_dir / "pki" / "admin.key"
    now = int(time.time())
    assert _pods_status(kubeconfig, token) == 200
    assert _pods_status(kubeconfig, _resigned(token, key_file)) == 200  # signing is faithful
    expired = _resigned(token, key_file, iat=now - 7200, nbf=now - 7200, exp=now - 600)
    assert _pods_status(kubeconfig, expired) == 401


@pytest.mark.cluster
def test_status_rerun_and_rollback(admin_api, spaces, tmp_path):
    rows = cohort.status(admin_api, "essai")
    assert [(r.learner, r.phase) for r in rows] == [("alice", "Active"), ("bruno", "Active")]
    # a re-run with one more learner completes the cohort without touching the others
    learners = cohort.read_roster(_roster(tmp_path, ROSTER + "chloe,Chloé Roux,decision\n"),
                                  "essai")
    # chloe's space cannot be completed: a conflicting binding already holds her name
    client.RbacAuthorizationV1Api(admin_api).create_cluster_role_binding({
        "metadata": {"name": "cpn-kit:lecture-noeuds:cohorte-essai-chloe"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                    "name": "view"}, "subjects": []})
    report = cohort.create(admin_api, "essai", learners, tmp_path / "k")
    assert report.created == ["alice", "bruno"] and list(report.failed) == ["chloe"]
    assert cohort.members(admin_api, "essai") == ["alice", "bruno"]  # rolled back
    assert not (tmp_path / "k" / "chloe.kubeconfig").exists()
