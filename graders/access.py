"""Audit des droits (RBAC) par des revues d'accès posées à l'API Kubernetes.

Plutôt que de relire les Roles à la main, on demande au serveur ce qu'il déciderait :
- `LocalSubjectAccessReview` : « ce compte peut-il faire ceci dans ce namespace ? » (il suffit
  d'avoir le droit `create` sur cette ressource dans le namespace) ;
- `SelfSubjectAccessReview` : « puis-je, moi, faire ceci ? » (permis à tout utilisateur).
C'est l'autorisateur réel qui répond : il tient compte de tous les Roles, ClusterRoles et
liaisons, y compris ceux des groupes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kubernetes import client

from .errors import GradingError

_ACTION = re.compile(r"^\s*(?P<verb>[a-z*]+)\s+(?P<resource>[a-z*]+)(\.(?P<group>[a-z0-9.-]+))?"
                     r"(/(?P<subresource>[a-z]+))?\s*$")


@dataclass(frozen=True)
class Action:
    """« verbe ressource[.groupe][/sous-ressource] », par exemple « get secrets » ou
    « patch deployments.apps/scale »."""

    verb: str
    resource: str
    group: str = ""
    subresource: str = ""

    @classmethod
    def parse(cls, text: str) -> Action:
        match = _ACTION.match(text)
        if not match:
            raise GradingError(f"Action illisible : « {text} ».",
                               "Écrivez « verbe ressource », par exemple « get secrets » ou "
                               "« create deployments.apps ».")
        return cls(match["verb"], match["resource"], match["group"] or "",
                   match["subresource"] or "")

    def attributes(self, namespace: str) -> dict:
        return {"namespace": namespace, "verb": self.verb, "resource": self.resource,
                "group": self.group, "subresource": self.subresource}


def service_account(namespace: str, name: str) -> str:
    """Le nom d'utilisateur Kubernetes d'un compte de service."""
    return f"system:serviceaccount:{namespace}:{name}"


def _groups(user: str) -> list[str]:
    """The groups the authenticator gives a service account (bindings may target them)."""
    parts = user.split(":")
    if len(parts) == 4 and parts[:2] == ["system", "serviceaccount"]:
        return ["system:serviceaccounts", f"system:serviceaccounts:{parts[2]}",
                "system:authenticated"]
    return ["system:authenticated"]


def can(api: client.ApiClient, namespace: str, user: str, action: str | Action) -> bool:
    """Le serveur autoriserait-il `user` à faire `action` dans `namespace` ?
    (LocalSubjectAccessReview)."""
    action = Action.parse(action) if isinstance(action, str) else action
    review = client.AuthorizationV1Api(api).create_namespaced_local_subject_access_review(
        namespace, {"apiVersion": "authorization.k8s.io/v1", "kind": "LocalSubjectAccessReview",
                    "spec": {"user": user, "groups": _groups(user),
                             "resourceAttributes": action.attributes(namespace)}})
    return bool(review.status.allowed)


def can_i(api: client.ApiClient, namespace: str, action: str | Action) -> bool:
    """Ai-je moi-même le droit de faire `action` dans `namespace` ? (SelfSubjectAccessReview)."""
    action = Action.parse(action) if isinstance(action, str) else action
    review = client.AuthorizationV1Api(api).create_self_subject_access_review(
        {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
         "spec": {"resourceAttributes": action.attributes(namespace)}})
    return bool(review.status.allowed)


def matrix(api: client.ApiClient, namespace: str, accounts: Iterable[str],
           actions: Iterable[str]) -> dict[str, dict[str, bool]]:
    """La matrice des droits : pour chaque compte de service du namespace et chaque action,
    ce que le serveur autorise."""
    actions = list(actions)
    return {account: {action: can(api, namespace, service_account(namespace, account), action)
                      for action in actions}
            for account in accounts}


def violations(rights: Mapping[str, Mapping[str, bool]],
               policy: Mapping[str, Mapping[str, bool]]) -> dict[str, list[str]]:
    """Les écarts entre les droits constatés et la politique voulue : pour chaque compte,
    les actions permises à tort (« + ») ou refusées à tort (« - »)."""
    found = {}
    for account, wanted in policy.items():
        gaps = [f"{'+' if rights[account][a] else '-'} {a}" for a, allowed in wanted.items()
                if rights.get(account, {}).get(a) is not None and rights[account][a] != allowed]
        if gaps:
            found[account] = gaps
    return found
