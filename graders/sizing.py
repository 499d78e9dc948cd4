"""Sizing references: CPU and memory quantities, and a project's quota from its architecture.

On Cloud Pi Native the quota of an environment covers the `limits` of every pod of its
namespace. A rolling update briefly runs `maxSurge` extra pods per Deployment: the quota
must leave room for them, or the update stalls.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from kubernetes.utils import parse_quantity

from .errors import GradingError

MEBIBYTE = 2**20


def _quantity(value: object, what: str) -> Decimal:
    try:
        return parse_quantity(value)
    except (ValueError, TypeError, InvalidOperation):
        raise GradingError(f"Quantité illisible pour {what} : {value!r}.",
                           "Écrivez par exemple « 500m » ou « 0.5 » pour le CPU, « 512Mi » ou "
                           "« 1Gi » pour la mémoire.") from None


def millicores(value: object) -> int:
    """Un CPU Kubernetes (« 250m », « 0.5 », « 2 ») en millièmes de CPU, arrondi au-dessus."""
    return math.ceil(_quantity(value, "le CPU") * 1000)


def mebibytes(value: object) -> int:
    """Une mémoire Kubernetes (« 512Mi », « 1Gi », « 1G ») en Mi (2^20 octets), arrondie
    au-dessus."""
    return math.ceil(_quantity(value, "la mémoire") / MEBIBYTE)


def pods_at_peak(component: Mapping) -> int:
    """Le nombre de pods d'un composant au pire moment : ses réplicas, plus `maxSurge` pods
    pendant une mise à jour progressive (0 pour une stratégie Recreate ou un StatefulSet)."""
    replicas, surge = component.get("replicas", 1), component.get("maxSurge", 0)
    if type(replicas) is not int or type(surge) is not int or replicas < 0 or surge < 0:
        raise GradingError(f"Composant « {component.get('nom', '?')} » : replicas et maxSurge "
                           "doivent être des entiers positifs.")
    return replicas + surge


def quota_for(architecture: Mapping) -> dict[str, int]:
    """Le quota qu'il faut à un environnement : la somme des `limits` de tous ses pods au pire
    moment (réplicas + maxSurge), en millièmes de CPU et en Mi.

    `architecture` contient une liste `composants`, chacun avec `nom`, `replicas`,
    `maxSurge` (facultatif, 0 par défaut) et `limits` (`cpu`, `memory`).
    Renvoie {"cpu_m": …, "memory_mi": …}.
    """
    components = architecture.get("composants")
    if not components:
        raise GradingError("L'architecture ne liste aucun composant (clé « composants »).")
    cpu = memory = 0
    for component in components:
        pods = pods_at_peak(component)
        limits = component.get("limits") or {}
        cpu += pods * millicores(limits.get("cpu"))
        memory += pods * mebibytes(limits.get("memory"))
    return {"cpu_m": cpu, "memory_mi": memory}
