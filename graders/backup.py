"""Sauvegarde et restauration d'un namespace, et les objectifs de reprise (RPO, RTO).

Un objet sauvegardé ne garde que ce qui le décrit : les champs que le serveur remplit
(uid, resourceVersion, dates, managedFields, status, adresse IP d'un Service…) sont retirés,
sinon la restauration serait refusée ou l'objet restauré paraîtrait différent de l'original.
`compare` confronte deux états objet par objet, champ par champ.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from kubernetes import client, dynamic
from kubernetes.client.rest import ApiException

from .errors import GradingError
from .results import CheckResult, Report, failed, passed

# What a restore may recreate, in an order where what is referenced comes first.
BACKUP_KINDS: tuple[tuple[str, str], ...] = (
    ("v1", "ServiceAccount"),
    ("rbac.authorization.k8s.io/v1", "Role"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("v1", "ConfigMap"),
    ("v1", "Secret"),
    ("v1", "PersistentVolumeClaim"),
    ("v1", "Service"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "StatefulSet"),
    ("batch/v1", "CronJob"),
    ("policy/v1", "PodDisruptionBudget"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
)
SERVER_METADATA = ("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields",
                   "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds")
SERVER_ANNOTATIONS = ("deployment.kubernetes.io/revision",
                      "kubectl.kubernetes.io/last-applied-configuration")
SERVER_SPEC = {"Service": ("clusterIP", "clusterIPs"), "PersistentVolumeClaim": ("volumeName",)}


def key(obj: Mapping) -> str:
    """L'identifiant d'un objet dans une sauvegarde : « Kind/nom »."""
    return f"{obj.get('kind')}/{(obj.get('metadata') or {}).get('name')}"


def normalize(obj: Mapping, keep_namespace: bool = False) -> dict:
    """L'objet sans les champs que le serveur remplit : ce qu'il faut sauvegarder, et ce que
    l'on compare entre l'original et la copie restaurée."""
    clean = copy.deepcopy(dict(obj))
    clean.pop("status", None)
    metadata = clean.setdefault("metadata", {})
    for name in SERVER_METADATA:
        metadata.pop(name, None)
    if not keep_namespace:
        metadata.pop("namespace", None)
    annotations = {k: v for k, v in (metadata.get("annotations") or {}).items()
                   if k not in SERVER_ANNOTATIONS}
    if annotations:
        metadata["annotations"] = annotations
    else:
        metadata.pop("annotations", None)
    if not metadata.get("labels"):
        metadata.pop("labels", None)
    for name in SERVER_SPEC.get(clean.get("kind", ""), ()):
        (clean.get("spec") or {}).pop(name, None)
    return _without_none(clean)


def _without_none(value):
    """Drop null fields: the API client writes unset fields as None."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def is_generated(obj: Mapping) -> bool:
    """Un objet que Kubernetes recrée tout seul (à ne pas sauvegarder) : objets possédés par
    un autre (pods, ReplicaSets…), certificat racine, compte de service par défaut, jetons."""
    metadata = obj.get("metadata") or {}
    if metadata.get("ownerReferences"):
        return True
    kind, name = obj.get("kind"), metadata.get("name")
    return ((kind == "ConfigMap" and name == "kube-root-ca.crt")
            or (kind == "ServiceAccount" and name == "default")
            or (kind == "Secret" and obj.get("type") == "kubernetes.io/service-account-token"))


def snapshot(api: client.ApiClient, namespace: str, selector: str | None = None,
             kinds: Iterable[tuple[str, str]] = BACKUP_KINDS) -> dict[str, dict]:
    """L'état d'un namespace, normalisé, indexé par « Kind/nom » (objets générés exclus).

    `selector` : un sélecteur de labels (« app.kubernetes.io/part-of=rdv ») pour ne prendre
    que les objets d'une application.
    """
    dyn = dynamic.DynamicClient(api)
    found = {}
    for api_version, kind in kinds:
        resource = dyn.resources.get(api_version=api_version, kind=kind)
        for item in resource.get(namespace=namespace, label_selector=selector).items:
            obj = {**item.to_dict(), "apiVersion": api_version, "kind": kind}
            if not is_generated(obj):
                found[key(obj)] = normalize(obj)
    return dict(sorted(found.items()))


def differences(expected, found, path: str = "") -> list[str]:
    """Les champs qui diffèrent entre deux valeurs (chemins « spec.replicas : 2 ≠ 5 »)."""
    where = path or "(racine)"
    if isinstance(expected, dict) and isinstance(found, dict):
        gaps = []
        for name in sorted(set(expected) | set(found), key=str):
            child = f"{path}.{name}" if path else str(name)
            if name not in found:
                gaps.append(f"{child} : absent de la copie")
            elif name not in expected:
                gaps.append(f"{child} : en trop dans la copie")
            else:
                gaps += differences(expected[name], found[name], child)
        return gaps
    if isinstance(expected, list) and isinstance(found, list):
        if len(expected) != len(found):
            return [f"{where} : {len(expected)} élément(s) ≠ {len(found)}"]
        gaps = []
        for index, (a, b) in enumerate(zip(expected, found, strict=True)):
            gaps += differences(a, b, f"{path}[{index}]")
        return gaps
    if type(expected) is not type(found) or expected != found:
        return [f"{where} : {expected!r} ≠ {found!r}"]
    return []


def compare(reference: Mapping[str, Mapping], copy_: Mapping[str, Mapping]) -> dict[str, list[str]]:
    """Comparer deux états objet par objet (clés « Kind/nom », objets normalisés ou non).

    Renvoie, pour chaque objet, la liste de ses écarts (vide : identique) ; un objet absent
    de l'un des deux états est signalé comme tel.
    """
    report = {}
    for name in sorted(set(reference) | set(copy_)):
        if name not in copy_:
            report[name] = ["absent de la copie"]
        elif name not in reference:
            report[name] = ["absent de l'original"]
        else:
            report[name] = differences(normalize(reference[name]), normalize(copy_[name]))
    return report


def check_equivalent(reference: Mapping[str, Mapping], api: client.ApiClient, namespace: str,
                     selector: str | None = None) -> Report:
    """Chaque objet de `reference` existe dans le namespace et lui est identique (champs
    remplis par le serveur exclus), et aucun objet de l'application n'est en trop."""
    live = snapshot(api, namespace, selector)
    results: list[CheckResult] = []
    for name, gaps in compare(reference, live).items():
        what = f"{name} restauré à l'identique"
        if not gaps:
            results.append(passed(what))
        else:
            results.append(failed(what, "aucun écart avec l'original", "; ".join(gaps[:4]),
                                  "Restaurez l'objet depuis sa sauvegarde (sans les champs "
                                  "remplis par le serveur), puis relancez la vérification."))
    if not results:
        results.append(failed("restauration", "des objets à comparer", "aucun objet",
                              "La sauvegarde de référence est vide."))
    return Report.of(results)


def read(api: client.ApiClient, namespace: str, api_version: str, kind: str,
         name: str) -> dict | None:
    """Un objet relu par l'API en données simples, ou None s'il n'existe pas."""
    resource = dynamic.DynamicClient(api).resources.get(api_version=api_version, kind=kind)
    try:
        return resource.get(name=name, namespace=namespace).to_dict()
    except ApiException as error:
        if error.status == 404:
            return None
        raise


# -- recovery objectives ------------------------------------------------------------------------
def _moment(value) -> datetime:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise GradingError(f"Date illisible : « {value} ».",
                           "Format attendu : 2026-03-14T02:00:00 (ISO 8601).") from None


def minutes(delta: timedelta) -> int:
    """Une durée en minutes entières (les données du kit sont à la minute)."""
    return int(delta.total_seconds() // 60)


def successful(backups: Iterable[Mapping], status: str = "statut", ok: str = "ok") -> list[dict]:
    """Les sauvegardes réussies, triées par date de début."""
    return sorted(({**b, "debut": _moment(b["debut"]), "fin": _moment(b["fin"])}
                   for b in backups if b[status] == ok), key=lambda b: b["debut"])


def restore_point(backups: Iterable[Mapping], incident) -> datetime | None:
    """Le point de restauration : début de la dernière sauvegarde réussie terminée avant
    l'incident (None s'il n'y en a pas)."""
    moment = _moment(incident)
    done = [b for b in successful(backups) if b["fin"] <= moment]
    return done[-1]["debut"] if done else None


def effective_rpo(backups: Iterable[Mapping], incident) -> timedelta:
    """Les données perdues : de ce point de restauration jusqu'à l'incident."""
    point = restore_point(backups, incident)
    if point is None:
        raise GradingError("Aucune sauvegarde réussie avant l'incident : tout est perdu.")
    return _moment(incident) - point


def worst_rpo(backups: Iterable[Mapping]) -> timedelta:
    """Le pire RPO sur la période : le plus grand écart entre deux sauvegardes réussies
    consécutives (c'est ce qu'on perdrait avec un incident juste avant la seconde)."""
    starts = [b["debut"] for b in successful(backups)]
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    if not gaps:
        raise GradingError("Il faut au moins deux sauvegardes réussies pour mesurer un écart.")
    return max(gaps)


def effective_rto(timeline: Mapping, start: str = "incident",
                  end: str = "service_retabli") -> timedelta:
    """La durée d'interruption : du début de l'incident au service rétabli et vérifié."""
    return _moment(timeline[end]) - _moment(timeline[start])
