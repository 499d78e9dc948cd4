"""Déploiement canary : la part du trafic par le nombre de réplicas, et la décision de
promouvoir ou d'annuler à partir d'une métrique (le taux d'erreur).

Un seul Service sélectionne les pods de deux Deployments, « stable » et « canary », qui
portent le même label `app` et un label `track` différent : chaque pod prêt reçoit à peu près
la même part des requêtes, donc la part du canary est `canary / (stable + canary)`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from kubernetes import client

from .errors import GradingError

TRACK_LABEL = "track"
PROMOTE, ROLLBACK, WAIT = "promouvoir", "annuler", "attendre"


def split_replicas(total: int, percent: float) -> dict[str, int]:
    """Répartir `total` réplicas pour envoyer environ `percent` % du trafic au canary.

    Le canary a au moins 1 réplica dès que `percent` > 0 (sinon il ne reçoit rien) et au
    plus `total` ; l'arrondi est au plus proche (0,5 vers le haut).
    """
    if type(total) is not int or total < 1:
        raise GradingError(f"Nombre total de réplicas invalide : {total!r}.",
                           "Un entier au moins égal à 1.")
    if not 0 <= percent <= 100:
        raise GradingError(f"Pourcentage invalide : {percent!r}.", "Entre 0 et 100.")
    canary = 0 if percent == 0 else min(total, max(1, math.floor(total * percent / 100 + 0.5)))
    return {"stable": total - canary, "canary": canary}


def share(stable: int, canary: int) -> float:
    """La part du trafic du canary en pourcentage (arrondie à 0,1)."""
    total = stable + canary
    return round(100 * canary / total, 1) if total else 0.0


def traffic_split(api: client.ApiClient, namespace: str, service: str,
                  label: str = TRACK_LABEL) -> dict[str, int]:
    """Les endpoints prêts d'un Service, comptés par valeur du label `label` de leurs pods
    (relus par l'API : EndpointSlices et pods)."""
    slices = client.DiscoveryV1Api(api).list_namespaced_endpoint_slice(
        namespace, label_selector=f"kubernetes.io/service-name={service}").items
    pods = {p.metadata.name: (p.metadata.labels or {})
            for p in client.CoreV1Api(api).list_namespaced_pod(namespace).items}
    counts: dict[str, int] = {}
    seen: set[str] = set()
    for endpoint_slice in slices:
        for endpoint in endpoint_slice.endpoints or []:
            ref = endpoint.target_ref
            if not endpoint.conditions.ready or ref is None or ref.name in seen:
                continue
            seen.add(ref.name)
            track = pods.get(ref.name, {}).get(label, "(sans label)")
            counts[track] = counts.get(track, 0) + 1
    return dict(sorted(counts.items()))


def error_rates(rows: Iterable[Mapping], track: str = "version", requests: str = "requetes",
                errors: str = "erreurs") -> dict[str, dict]:
    """Par version (stable, canary) : requêtes, erreurs et taux d'erreur en % (arrondi à
    0,01), sur toutes les lignes données."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        entry = totals.setdefault(str(row[track]), [0, 0])
        entry[0] += int(row[requests])
        entry[1] += int(row[errors])
    return {name: {"requetes": r, "erreurs": e, "taux": round(100 * e / r, 2) if r else 0.0}
            for name, (r, e) in sorted(totals.items())}


def decide(rows: Iterable[Mapping], tolerance: float = 1.0, min_requests: int = 1000) -> str:
    """Promouvoir, annuler ou attendre, d'après le taux d'erreur du canary.

    - « attendre » tant que le canary a reçu moins de `min_requests` requêtes ;
    - « annuler » si son taux d'erreur dépasse celui de la version stable de plus de
      `tolerance` point(s) de pourcentage ;
    - « promouvoir » sinon.
    """
    rates = error_rates(rows)
    if "canary" not in rates or "stable" not in rates:
        raise GradingError("Il faut des lignes « stable » et « canary » (colonne version).")
    canary, stable = rates["canary"], rates["stable"]
    if canary["requetes"] < min_requests:
        return WAIT
    exact = {name: 100 * r["erreurs"] / r["requetes"] if r["requetes"] else 0.0
             for name, r in (("canary", canary), ("stable", stable))}
    return ROLLBACK if exact["canary"] > exact["stable"] + tolerance else PROMOTE
