"""Node maintenance seen from a namespace: drain plan, evictions and disruption budgets.

A drain (`kubectl drain`) cordons a node, then asks the API to *evict* each pod on it. An
eviction goes through the PodDisruptionBudgets: the API refuses it (HTTP 429) when it would
break one. These functions compute what a drain would do with the pods of one namespace and
ask the API, without changing anything (dry run), whether an eviction would be accepted.
"""

from __future__ import annotations

from kubernetes import client
from kubernetes.client.rest import ApiException

from .results import CheckResult, failed, passed

MIRROR_ANNOTATION = "kubernetes.io/config.mirror"
PLAN_KEYS = ("evincer", "ignorer", "bloquer")


def pods_on_node(api: client.ApiClient, namespace: str, node: str) -> list[dict]:
    """Les pods du namespace placés sur ce nœud (données simples, comme un manifeste)."""
    found = client.CoreV1Api(api).list_namespaced_pod(
        namespace, field_selector=f"spec.nodeName={node}").items
    return [api.sanitize_for_serialization(p) for p in found]


def _controller(pod: dict) -> str | None:
    owners = pod["metadata"].get("ownerReferences") or []
    return next((o["kind"] for o in owners if o.get("controller")), None)


def classify(pod: dict) -> str:
    """Ce qu'un drain fait d'un pod : « ignorer » (DaemonSet, pod miroir), « bloquer » (pod
    sans contrôleur : kubectl drain refuse sans --force, car personne ne le recréerait) ou
    « evincer » (un contrôleur le recréera ailleurs)."""
    annotations = pod["metadata"].get("annotations") or {}
    if _controller(pod) == "DaemonSet" or MIRROR_ANNOTATION in annotations:
        return "ignorer"
    if _controller(pod) is None:
        return "bloquer"
    return "evincer"


def drain_plan(api: client.ApiClient, namespace: str, node: str) -> dict[str, list[str]]:
    """Le plan de drain d'un nœud pour un namespace : noms de pods triés par catégorie.

    Les pods déjà en cours de suppression ne comptent plus.
    """
    plan: dict[str, list[str]] = {key: [] for key in PLAN_KEYS}
    for pod in pods_on_node(api, namespace, node):
        if pod["metadata"].get("deletionTimestamp"):
            continue
        plan[classify(pod)].append(pod["metadata"]["name"])
    return {key: sorted(names) for key, names in plan.items()}


def dry_run_eviction(api: client.ApiClient, namespace: str, pod: str) -> int:
    """Demander à l'API si ce pod peut être évincé, sans l'évincer : 201 (accepté), 429
    (refusé par un PodDisruptionBudget) ou 404 (pod absent)."""
    body = client.V1Eviction(metadata=client.V1ObjectMeta(name=pod, namespace=namespace),
                             delete_options=client.V1DeleteOptions(dry_run=["All"]))
    try:
        client.CoreV1Api(api).create_namespaced_pod_eviction(pod, namespace, body)
    except ApiException as error:
        return error.status
    return 201


def budget_holds(api: client.ApiClient, namespace: str, pod: str) -> CheckResult:
    """Le pod existe toujours et son budget de perturbation refuse encore de l'évincer."""
    what = f"le budget de perturbation protège le pod « {pod} »"
    status = dry_run_eviction(api, namespace, pod)
    if status == 429:
        return passed(what)
    if status == 404:
        return failed(what, "le pod toujours présent (éviction refusée)", "pod absent",
                      "Un pod protégé ne doit jamais être supprimé de force pendant un drain : "
                      "laissez-le et signalez-le à l'équipe produit.", final=True)
    return failed(what, "éviction refusée (HTTP 429)", f"éviction acceptée (HTTP {status})",
                  "Vérifiez le PodDisruptionBudget (minAvailable, sélecteur).")


def eviction_allowed(api: client.ApiClient, namespace: str, pod: str) -> CheckResult:
    """Une éviction de ce pod serait acceptée maintenant (essai à blanc)."""
    what = f"éviction du pod « {pod} » acceptée par son budget"
    status = dry_run_eviction(api, namespace, pod)
    if status == 201:
        return passed(what)
    return failed(what, "HTTP 201 (éviction acceptée)", f"HTTP {status}",
                  "Avec un seul réplica et minAvailable: 1, aucune éviction n'est possible : "
                  "ajoutez un réplica dans une autre zone.")
