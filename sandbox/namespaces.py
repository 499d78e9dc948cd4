"""Namespaces of the exercises: one per module, and one per learner under grading."""

from __future__ import annotations

import hashlib
import os
import re

from kubernetes import client, dynamic
from kubernetes.client.rest import ApiException

from .errors import SandboxError
from .limits import MANAGED_BY, POD_SECURITY, limit_objects, quotas
from .objects import create_or_replace
from .polling import poll

MAX_LENGTH = 63


def grading() -> bool:
    """True when the notebook runs under `nbgrader autograde` (or `CPN_GRADING=1`)."""
    return os.environ.get("NBGRADER_EXECUTION") == "autograde" or os.environ.get(
        "CPN_GRADING") == "1"


def cohort_namespace() -> str | None:
    """The learner's own namespace in cohort mode (JupyterHub sets CPN_COHORT_NAMESPACE)."""
    return os.environ.get("CPN_COHORT_NAMESPACE") or None


def _label(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")


def namespace_for(module: str, learner: str | None = None) -> str:
    """Le namespace où un module travaille.

    Pour un apprenant : « cpn-<module> ». Sous correction : « g-<module>-<apprenant>-<hash> »,
    unique par apprenant même quand le nom doit être raccourci à 63 caractères. En mode
    cohorte : le namespace de l'apprenant (CPN_COHORT_NAMESPACE), pour tous les modules.
    """
    module_label = _label(module)
    if not module_label:
        raise SandboxError(
            f"Identifiant de module invalide : « {module} ».",
            "Utilisez l'identifiant du module, par exemple « premiers-pas-bac-a-sable ».",
        )
    if learner is None and grading():
        learner = os.environ.get("CPN_LEARNER", "anonyme")
    if learner is None and cohort_namespace():
        return cohort_namespace()
    if learner is None:
        return f"cpn-{module_label}"[:MAX_LENGTH].rstrip("-")
    digest = hashlib.sha256(f"{module}\0{learner}".encode()).hexdigest()[:6]
    stem = f"g-{module_label}-{_label(learner) or 'x'}"[: MAX_LENGTH - 7].rstrip("-")
    return f"{stem}-{digest}"


# Lifecycle of a module's namespace ------------------------------------------------------------
MODULE_LABEL = "cpn.kit/module"
_EMPTIED_KINDS = (
    ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("apps/v1", "DaemonSet"),
    ("batch/v1", "CronJob"), ("batch/v1", "Job"), ("v1", "Service"), ("v1", "ConfigMap"),
    ("v1", "Secret"), ("v1", "Pod"), ("v1", "PersistentVolumeClaim"),
    ("policy/v1", "PodDisruptionBudget"), ("networking.k8s.io/v1", "NetworkPolicy"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"), ("v1", "ResourceQuota"), ("v1", "LimitRange"),
)


def _phase(api: client.ApiClient, name: str) -> str | None:
    try:
        return client.CoreV1Api(api).read_namespace(name).status.phase
    except ApiException as error:
        if error.status == 404:
            return None
        raise


def _wait_gone(api: client.ApiClient, name: str, timeout: float) -> None:
    if not poll(lambda: _phase(api, name) is None, timeout, 0.5):
        raise SandboxError(
            f"Le namespace « {name} » est toujours en cours de suppression après {timeout:.0f} s.",
            "Patientez quelques secondes puis relancez la cellule.",
        )


def prepare_namespace(api: client.ApiClient, name: str, module: str, timeout: float = 60) -> None:
    """Create the namespace of a module (after the end of a previous deletion, if any), with
    its Pod Security level, its ResourceQuota and its LimitRange (see limits.py)."""
    if _phase(api, name) == "Terminating":
        _wait_gone(api, name, timeout)
    core = client.CoreV1Api(api)
    labels = {MODULE_LABEL: module, **POD_SECURITY}
    try:
        core.create_namespace({"metadata": {"name": name, "labels": labels}})
    except ApiException as error:
        if error.status != 409:
            raise
        core.patch_namespace(name, {"metadata": {"labels": labels}})
    quota, limits = limit_objects(name, quotas().module_size)
    create_or_replace(core.create_namespaced_resource_quota,
                      core.replace_namespaced_resource_quota, quota)
    create_or_replace(core.create_namespaced_limit_range,
                      core.replace_namespaced_limit_range, limits)
    wait_usable(api, name, timeout)


def _has_default_account(api: client.ApiClient, namespace: str) -> bool:
    try:
        client.CoreV1Api(api).read_namespaced_service_account("default", namespace)
        return True
    except ApiException as error:
        if error.status == 404:
            return False
        raise


def wait_usable(api: client.ApiClient, namespace: str, timeout: float = 60) -> None:
    """Wait for the `default` ServiceAccount a controller adds to a new namespace: until it
    exists, the API server refuses every pod created directly in that namespace."""
    if not poll(lambda: _has_default_account(api, namespace), timeout, 0.2):
        raise SandboxError(
            f"Le namespace « {namespace} » n'a toujours pas de compte de service « default » "
            f"après {timeout:.0f} s : le contrôleur du bac à sable semble bloqué.",
            "Vérifiez l'état du bac à sable avec « cpn sandbox status », puis relancez.",
        )


def delete_namespace(api: client.ApiClient, name: str, timeout: float = 60) -> None:
    """Delete a namespace and wait until it is gone, so that a re-run starts clean."""
    try:
        client.CoreV1Api(api).delete_namespace(name)
    except ApiException as error:
        if error.status != 404:
            raise
    _wait_gone(api, name, timeout)


def _kept(kind: str, item) -> bool:
    """What emptying a namespace leaves: its token and CA, and the kit's quota and limits."""
    labels = item.metadata.labels or {}
    return ((kind == "ConfigMap" and item.metadata.name == "kube-root-ca.crt")
            or (kind == "Secret" and item.type == "kubernetes.io/service-account-token")
            or all(labels.get(k) == v for k, v in MANAGED_BY.items()))


def empty_namespace(api: client.ApiClient, name: str) -> None:
    """Delete what a module created inside a namespace it may not delete (under grading)."""
    dyn = dynamic.DynamicClient(api)
    for api_version, kind in _EMPTIED_KINDS:
        resource = dyn.resources.get(api_version=api_version, kind=kind)
        for item in resource.get(namespace=name).items:
            if _kept(kind, item):
                continue
            try:
                resource.delete(name=item.metadata.name, namespace=name)
            except ApiException as error:
                if error.status not in (403, 404):
                    raise
