"""Capacité d'une infrastructure : quantités Kubernetes, requests face à l'allouable des
nœuds, et règles d'alerte sur des séries de mesures.

Les quantités (`"500m"`, `"2"`, `"512Mi"`, `"1G"`) sont converties en nombres entiers
simples : millicœurs pour le CPU, mébioctets (Mi) pour la mémoire.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from kubernetes import client
from kubernetes.utils import parse_quantity

from .errors import GradingError

MEBIBYTE = 1024 * 1024
FINISHED_PHASES = ("Succeeded", "Failed")


def _quantity(value: object, what: str) -> Decimal:
    try:
        return parse_quantity(value)
    except (ValueError, TypeError):
        raise GradingError(f"Quantité illisible pour {what} : « {value} ».",
                           "Exemples valides : 500m, 2, 0.5 (CPU) ; 512Mi, 1Gi, 1G (mémoire).") \
            from None


def cpu_millicores(value: object) -> int:
    """Une quantité de CPU en millicœurs (entier, arrondi au supérieur) : "1.5" -> 1500."""
    return int(math.ceil(_quantity(value, "le CPU") * 1000))


def memory_mebibytes(value: object) -> int:
    """Une quantité de mémoire en Mi (entier, arrondi au supérieur) : "1Gi" -> 1024."""
    return int(math.ceil(_quantity(value, "la mémoire") / MEBIBYTE))


# -- requests and allocatable ------------------------------------------------------------------
def pod_requests(pod: Mapping) -> dict[str, int]:
    """Ce qu'un pod réserve pour l'ordonnanceur : le maximum entre la somme des conteneurs et
    le plus gros conteneur d'initialisation (règle de Kubernetes)."""
    spec = pod.get("spec") or {}

    def amounts(container: Mapping) -> tuple[int, int]:
        requests = (container.get("resources") or {}).get("requests") or {}
        return (cpu_millicores(requests.get("cpu", 0)),
                memory_mebibytes(requests.get("memory", 0)))

    main = [amounts(c) for c in spec.get("containers") or []]
    init = [amounts(c) for c in spec.get("initContainers") or []]
    cpu = max(sum(c for c, _ in main), max((c for c, _ in init), default=0))
    memory = max(sum(m for _, m in main), max((m for _, m in init), default=0))
    return {"cpu_m": cpu, "memoire_mi": memory}


def allocatable(api: client.ApiClient) -> dict[str, dict[str, int]]:
    """L'allouable de chaque nœud (ce que l'ordonnanceur peut distribuer), relu par l'API."""
    nodes = client.CoreV1Api(api).list_node().items
    return {n.metadata.name: {"cpu_m": cpu_millicores(n.status.allocatable["cpu"]),
                              "memoire_mi": memory_mebibytes(n.status.allocatable["memory"])}
            for n in nodes}


def requests_by_node(api: client.ApiClient, namespace: str) -> dict[str, dict[str, int]]:
    """Les requests des pods du namespace, additionnées par nœud (pods placés et non
    terminés seulement) ; chaque nœud du cluster apparaît, même sans pod."""
    totals = {name: {"cpu_m": 0, "memoire_mi": 0} for name in allocatable(api)}
    for item in client.CoreV1Api(api).list_namespaced_pod(namespace).items:
        pod = api.sanitize_for_serialization(item)
        node = pod["spec"].get("nodeName")
        if not node or (pod.get("status") or {}).get("phase") in FINISHED_PHASES:
            continue
        amounts = pod_requests(pod)
        entry = totals.setdefault(node, {"cpu_m": 0, "memoire_mi": 0})
        entry["cpu_m"] += amounts["cpu_m"]
        entry["memoire_mi"] += amounts["memoire_mi"]
    return totals


def percent(part: int | float, whole: int | float) -> float:
    """Un pourcentage arrondi à 0,1 (0 si le total est nul)."""
    return round(100 * part / whole, 1) if whole else 0.0


def usage_table(api: client.ApiClient, namespace: str) -> dict[str, dict[str, float | int]]:
    """Par nœud : requests du namespace, allouable et taux d'occupation (CPU et mémoire)."""
    nodes, requested = allocatable(api), requests_by_node(api, namespace)
    return {name: {
        "cpu_demande_m": requested[name]["cpu_m"],
        "cpu_allouable_m": nodes[name]["cpu_m"],
        "cpu_pourcent": percent(requested[name]["cpu_m"], nodes[name]["cpu_m"]),
        "memoire_demande_mi": requested[name]["memoire_mi"],
        "memoire_allouable_mi": nodes[name]["memoire_mi"],
        "memoire_pourcent": percent(requested[name]["memoire_mi"], nodes[name]["memoire_mi"]),
    } for name in sorted(nodes)}


def headroom(api: client.ApiClient, namespace: str, cpu_m: int, memory_mi: int) -> int:
    """Combien de pods de plus, demandant `cpu_m` millicœurs et `memory_mi` Mi, tiendraient
    encore sur les nœuds, compte tenu des requests du namespace (nœud par nœud : un pod ne se
    coupe pas en deux)."""
    if cpu_m <= 0 or memory_mi <= 0:
        raise GradingError("Un pod demande un CPU et une mémoire strictement positifs.")
    nodes, requested = allocatable(api), requests_by_node(api, namespace)
    total = 0
    for name, capacity in nodes.items():
        free_cpu = capacity["cpu_m"] - requested[name]["cpu_m"]
        free_memory = capacity["memoire_mi"] - requested[name]["memoire_mi"]
        total += max(0, min(free_cpu // cpu_m, free_memory // memory_mi))
    return total


# -- alert rules on time series ----------------------------------------------------------------
@dataclass(frozen=True)
class Alert:
    """When a sustained-threshold rule fires for one series."""

    series: str
    since: datetime  # first sample above the threshold in the firing run
    fired_at: datetime  # when the rule fires (the condition has held for `duration`)


def first_alerts(samples: Iterable[Mapping], threshold: float, duration: timedelta,
                 series: str = "noeud", time: str = "horodatage", value: str = "valeur",
                 step: timedelta | None = None) -> dict[str, Alert]:
    """La première alerte de chaque série pour la règle « valeur > seuil pendant au moins
    `duration` » (comme `for:` dans une règle Prometheus).

    Les mesures sont lues dans l'ordre des temps. Un trou plus long que `step` (l'intervalle
    normal entre deux mesures, déduit des données s'il n'est pas donné) remet le compteur à
    zéro. Une série qui ne déclenche jamais n'apparaît pas.
    """
    by_series: dict[str, list[tuple[datetime, float]]] = {}
    for sample in samples:
        moment = sample[time]
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment)
        by_series.setdefault(str(sample[series]), []).append((moment, float(sample[value])))
    alerts = {}
    for name, points in by_series.items():
        points.sort()
        gap = step or min((b[0] - a[0] for a, b in zip(points, points[1:], strict=False)),
                          default=timedelta(0))
        start = previous = None
        for moment, measure in points:
            if measure <= threshold or (previous is not None and moment - previous > gap):
                start = None
            if measure > threshold:
                start = start or moment
                if moment - start >= duration:
                    alerts[name] = Alert(name, start, moment)
                    break
            previous = moment
    return alerts
