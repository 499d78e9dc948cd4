"""Credentials for learner code: the admin kubeconfig locally, a namespace token under grading.

Under grading, learner code runs with a ServiceAccount token limited to its namespace
(`restricted_kubeconfig`, written by the grading runner); the admin kubeconfig is never
loaded, even if it is on the machine.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import yaml
from kubernetes import client, config

from .admission import ensure_policies
from .errors import NotRunning, RestrictedCredentialsRequired
from .namespaces import grading, prepare_namespace
from .objects import create_or_replace
from .settings import Settings

LEARNER_ACCOUNT = "apprenant"
# What the exercises need under the learner's credentials, rule by rule (see the file).
LEARNER_RULES = yaml.safe_load(
    (Path(__file__).resolve().parent / "config" / "learner-role.yaml").read_text(encoding="utf-8"))


def _uses_certificate(kubeconfig: Path) -> bool:
    data = yaml.safe_load(kubeconfig.read_text()) or {}
    users = [u.get("user", {}) for u in data.get("users", [])]
    return any(k.startswith("client-") or k in ("username", "password", "exec")
               for user in users for k in user)


def kubeconfig_path(settings: Settings | None = None) -> Path:
    """Le kubeconfig que le kit utilise (jamais celui d'administration sous correction)."""
    if grading():
        path = os.environ.get("CPN_GRADING_KUBECONFIG")
        if not path:
            raise RestrictedCredentialsRequired(
                "Sous correction, le code de l'apprenant n'utilise que des identifiants limités "
                "à son namespace, et aucun n'a été fourni.",
                "Lancez la correction avec « cpn grade », qui les prépare.",
            )
        return Path(path)
    cohort = os.environ.get("CPN_COHORT_KUBECONFIG")
    if cohort:
        return Path(cohort)
    settings = settings or Settings.from_env()
    if not settings.kubeconfig.is_file():
        raise NotRunning(
            "Aucun bac à sable ne tourne (kubeconfig introuvable : "
            f"{settings.kubeconfig}).",
            "Démarrez-le dans un terminal : cpn sandbox up",
        )
    return settings.kubeconfig


def api_client(settings: Settings | None = None) -> client.ApiClient:
    """Un client Kubernetes connecté au bac à sable, avec les bons identifiants."""
    path = kubeconfig_path(settings)
    if grading() and _uses_certificate(path):
        raise RestrictedCredentialsRequired(
            f"Le kubeconfig {path} porte un certificat d'administration : refusé sous correction.",
            "Fournissez un kubeconfig à jeton de compte de service (cpn grade le fait).",
        )
    return config.new_client_from_config(config_file=str(path))


def _apply(call, *args) -> None:
    try:
        call(*args)
    except client.ApiException as error:
        if error.status != 409:
            raise


NODE_READER = "cpn-kit:lecture-noeuds"


def _node_reader(rbac: client.RbacAuthorizationV1Api, account_namespace: str) -> None:
    """Learners may read nodes (zones, capacity): harmless, and needed by several modules."""
    _apply(rbac.create_cluster_role, {
        "metadata": {"name": NODE_READER},
        "rules": [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list", "watch"]}],
    })
    _apply(rbac.create_cluster_role_binding, {
        "metadata": {"name": f"{NODE_READER}:{account_namespace}"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                    "name": NODE_READER},
        "subjects": [{"kind": "ServiceAccount", "name": LEARNER_ACCOUNT,
                      "namespace": account_namespace}],
    })


def _grant(core, rbac, namespace: str, account_namespace: str) -> None:
    prepare_namespace(core.api_client, namespace, "correction")  # waits out a deletion
    # replaced, not kept: a Role left by an older kit granted far more
    create_or_replace(rbac.create_namespaced_role, rbac.replace_namespaced_role,
                      {"metadata": {"name": LEARNER_ACCOUNT, "namespace": namespace},
                       "rules": LEARNER_RULES})
    _apply(rbac.create_namespaced_role_binding, namespace, {
        "metadata": {"name": LEARNER_ACCOUNT},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role",
                    "name": LEARNER_ACCOUNT},
        "subjects": [{"kind": "ServiceAccount", "name": LEARNER_ACCOUNT,
                      "namespace": account_namespace}],
    })


def restricted_kubeconfig(admin: client.ApiClient, namespaces: str | list[str], target: Path,
                          expiration_seconds: int = 3600) -> Path:
    """Create a ServiceAccount allowed only in `namespaces` (created if needed; the account
    lives in the first one) and write a kubeconfig holding its token to `target`."""
    namespaces = [namespaces] if isinstance(namespaces, str) else list(namespaces)
    core, rbac = client.CoreV1Api(admin), client.RbacAuthorizationV1Api(admin)
    home = namespaces[0]
    ensure_policies(admin)
    for namespace in namespaces:
        _grant(core, rbac, namespace, home)
    _apply(core.create_namespaced_service_account, home, {"metadata": {"name": LEARNER_ACCOUNT}})
    _node_reader(rbac, home)
    token = core.create_namespaced_service_account_token(
        LEARNER_ACCOUNT, home, {"spec": {"expirationSeconds": expiration_seconds}},
    ).status.token
    return write_token_kubeconfig(admin.configuration, home, token, target)


def write_token_kubeconfig(admin_config, namespace: str, token: str, target: Path) -> Path:
    cluster = {"server": admin_config.host}
    if admin_config.ssl_ca_cert:  # embedded: the learner may not read the sandbox's files
        ca = Path(admin_config.ssl_ca_cert).read_bytes()
        cluster["certificate-authority-data"] = base64.b64encode(ca).decode()
    kubeconfig = {
        "apiVersion": "v1", "kind": "Config", "current-context": namespace,
        "clusters": [{"name": "sandbox", "cluster": cluster}],
        "users": [{"name": LEARNER_ACCOUNT, "user": {"token": token}}],
        "contexts": [{"name": namespace, "context": {
            "cluster": "sandbox", "user": LEARNER_ACCOUNT, "namespace": namespace}}],
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(kubeconfig))
    target.chmod(0o600)
    return target
