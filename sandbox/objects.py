"""Create-or-update Kubernetes objects idempotently (server-side apply), from dicts or YAML."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable

import yaml
from kubernetes import client, dynamic
from kubernetes.client.rest import ApiException

from .errors import SandboxError

FIELD_MANAGER = "cpn-kit"


def _documents(manifests: dict | str | Iterable[dict]) -> list[dict]:
    if isinstance(manifests, str):
        return [d for d in yaml.safe_load_all(manifests) if d]
    if isinstance(manifests, dict):
        return [manifests]
    return list(manifests)


def _explain(error: ApiException, target: str) -> SandboxError:
    body = error.body or ""
    with contextlib.suppress(ValueError, AttributeError):
        body = json.loads(body).get("message", body)
    return SandboxError(
        f"L'API Kubernetes a refusé {target} ({error.status}) : {str(body)[:300]}",
        "Lisez le message : il nomme le champ en cause. Corrigez le manifeste puis réessayez.",
    )


def apply(api: client.ApiClient, manifests: dict | str | Iterable[dict],
          namespace: str | None = None) -> list[dict]:
    """Créer ou mettre à jour des objets (server-side apply) ; relancer ne change rien.

    `manifests` : un dictionnaire, une liste de dictionnaires ou un texte YAML. Les objets
    namespacés vont dans `namespace` s'ils n'en précisent pas. Renvoie les objets appliqués.
    """
    dyn = dynamic.DynamicClient(api)
    applied = []
    for manifest in _documents(manifests):
        kind, name = manifest.get("kind"), (manifest.get("metadata") or {}).get("name")
        target = f"{kind} « {name} »"
        try:
            resource = dyn.resources.get(api_version=manifest.get("apiVersion"), kind=kind)
        except (dynamic.exceptions.ResourceNotFoundError, ValueError) as error:
            raise SandboxError(f"Type d'objet inconnu : {manifest.get('apiVersion')}/{kind}.",
                               "Vérifiez apiVersion et kind.") from error
        target_ns = (manifest.get("metadata") or {}).get("namespace") or namespace
        if resource.namespaced and not target_ns:
            raise SandboxError(f"{target} : aucun namespace indiqué.",
                               "Précisez metadata.namespace ou passez le namespace du module.")
        try:
            result = dyn.server_side_apply(
                resource, body=manifest, name=name,
                namespace=target_ns if resource.namespaced else None,
                field_manager=FIELD_MANAGER, force_conflicts=True)
        except ApiException as error:
            raise _explain(error, target) from None
        applied.append(result.to_dict())
    return applied
