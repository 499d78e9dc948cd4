"""NetworkPolicies : le refus par défaut, et quels flux les règles laissent passer.

Le bac à sable léger n'a pas de plugin réseau qui applique les NetworkPolicies (aucun
conteneur n'y tourne) : on évalue leur sens, selon les règles de Kubernetes.
- Un pod est isolé en entrée (ou en sortie) dès qu'une politique de son namespace le
  sélectionne avec ce type (`policyTypes`) ; il n'accepte alors que ce qu'une règle permet.
- Un flux passe s'il est permis en sortie de la source ET en entrée de la destination.
- Un pair `podSelector` seul désigne des pods du namespace de la politique ;
  `namespaceSelector` des namespaces (tous leurs pods, ou ceux du `podSelector` qui
  l'accompagne). Les `ipBlock` ne désignent pas des pods : ils sont ignorés ici.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kubernetes import client

from .results import CheckResult, failed, passed

NAME_LABEL = "kubernetes.io/metadata.name"


@dataclass(frozen=True)
class Peer:
    """Un pod vu par le réseau : ses labels, son namespace et les labels du namespace."""

    labels: Mapping[str, str]
    namespace: str
    namespace_labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def all_namespace_labels(self) -> dict[str, str]:
        return {**self.namespace_labels, NAME_LABEL: self.namespace}


def matches(selector: Mapping | None, labels: Mapping[str, str]) -> bool:
    """Un sélecteur de labels (matchLabels, matchExpressions) choisit-il ces labels ?
    Un sélecteur vide choisit tout."""
    selector = selector or {}
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values") or []
        present = key in labels
        if operator == "In" and not (present and labels[key] in values):
            return False
        if operator == "NotIn" and present and labels[key] in values:
            return False
        if operator == "Exists" and not present:
            return False
        if operator == "DoesNotExist" and present:
            return False
    return True


def policy_types(policy: Mapping) -> set[str]:
    """Les types d'une politique ; sans `policyTypes`, Ingress, plus Egress si elle a des
    règles de sortie (règle de Kubernetes)."""
    spec = policy.get("spec") or {}
    if spec.get("policyTypes"):
        return set(spec["policyTypes"])
    return {"Ingress"} | ({"Egress"} if spec.get("egress") else set())


def _namespace_of(policy: Mapping, default: str | None) -> str | None:
    return (policy.get("metadata") or {}).get("namespace") or default


def _selecting(policies: Iterable[Mapping], pod: Peer, kind: str,
               default_namespace: str | None) -> list[Mapping]:
    return [p for p in policies
            if _namespace_of(p, default_namespace) == pod.namespace
            and kind in policy_types(p)
            and matches((p.get("spec") or {}).get("podSelector"), pod.labels)]


def _peer_matches(peer: Mapping, other: Peer, policy_namespace: str) -> bool:
    if "ipBlock" in peer:
        return False
    pods, namespaces = peer.get("podSelector"), peer.get("namespaceSelector")
    if namespaces is None:
        return other.namespace == policy_namespace and matches(pods, other.labels)
    return matches(namespaces, other.all_namespace_labels) and matches(pods, other.labels)


def _port_matches(ports: list | None, port: int, protocol: str, port_name: str | None) -> bool:
    if not ports:
        return True
    for entry in ports:
        if entry.get("protocol", "TCP") != protocol:
            continue
        wanted = entry.get("port")
        if wanted is None:
            return True
        if isinstance(wanted, str):
            if wanted == port_name:
                return True
            continue
        if wanted <= port <= entry.get("endPort", wanted):
            return True
    return False


def _allowed(policies: list[Mapping], other: Peer, direction: str, port: int, protocol: str,
             port_name: str | None, default_namespace: str | None) -> bool:
    rules_key, peers_key = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    for policy in policies:
        namespace = _namespace_of(policy, default_namespace)
        for rule in (policy.get("spec") or {}).get(rules_key) or []:
            peers = rule.get(peers_key)
            if peers and not any(_peer_matches(p, other, namespace) for p in peers):
                continue
            if _port_matches(rule.get("ports"), port, protocol, port_name):
                return True
    return False


def flow_allowed(policies: Iterable[Mapping], source: Peer, destination: Peer, port: int,
                 protocol: str = "TCP", port_name: str | None = None,
                 default_namespace: str | None = None) -> bool:
    """Le flux source -> destination:port est-il permis par ces NetworkPolicies ?

    `default_namespace` : le namespace des politiques qui n'en précisent pas (manifestes).
    `port_name` : le nom du port du conteneur de destination, pour les règles nommées.
    """
    policies = list(policies)
    egress = _selecting(policies, source, "Egress", default_namespace)
    if egress and not _allowed(egress, destination, "Egress", port, protocol, port_name,
                               default_namespace):
        return False
    ingress = _selecting(policies, destination, "Ingress", default_namespace)
    return not ingress or _allowed(ingress, source, "Ingress", port, protocol, port_name,
                                   default_namespace)


def default_deny(policies: Iterable[Mapping]) -> dict[str, bool]:
    """Le namespace refuse-t-il tout par défaut ? Vrai pour Ingress (ou Egress) si une
    politique sélectionne tous les pods (podSelector vide) avec ce type et sans aucune règle
    de ce sens."""
    found = {"Ingress": False, "Egress": False}
    for policy in policies:
        spec = policy.get("spec") or {}
        if (spec.get("podSelector") or {}) not in ({}, {"matchLabels": {}},
                                                   {"matchLabels": None}):
            continue
        for kind, rules in (("Ingress", "ingress"), ("Egress", "egress")):
            if kind in policy_types(policy) and not spec.get(rules):
                found[kind] = True
    return found


def live_policies(api: client.ApiClient, namespace: str) -> list[dict]:
    """Les NetworkPolicies d'un namespace, relues par l'API en données simples."""
    items = client.NetworkingV1Api(api).list_namespaced_network_policy(namespace).items
    return [api.sanitize_for_serialization(p) for p in items]


def check_default_deny(api: client.ApiClient, namespace: str) -> CheckResult:
    """Une NetworkPolicy du namespace refuse par défaut tout trafic entrant et sortant."""
    what = f"refus par défaut (entrée et sortie) dans {namespace}"
    found = default_deny(live_policies(api, namespace))
    missing = [kind for kind, ok in found.items() if not ok]
    if missing:
        return failed(what, "une NetworkPolicy avec podSelector: {} et policyTypes "
                            "[Ingress, Egress], sans règle",
                      f"pas de refus par défaut pour : {', '.join(missing)}",
                      "Une politique qui sélectionne tous les pods et déclare les deux types "
                      "sans aucune règle bloque tout ; d'autres politiques ouvrent ensuite les "
                      "flux utiles.")
    return passed(what)
