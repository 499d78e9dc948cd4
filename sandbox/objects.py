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


def explain(error: ApiException, target: str = "la demande") -> SandboxError:
    """An API refusal in French: what was refused, why (quota, rights, validation), what to do."""
    body = error.body or ""
    with contextlib.suppress(ValueError, AttributeError):
        body = json.loads(body).get("message", body)
    detail = str(body)[:300]
    if "exceeded quota" in detail:
        return SandboxError(
            f"Le quota de votre espace refuse {target} : {detail}",
            "Réduisez les réplicas ou les requests/limits, ou supprimez ce qui ne sert plus "
            "(kubectl get resourcequota montre l'utilisation).")
    if error.status == 403:
        return SandboxError(
            f"Vous n'avez pas le droit de faire cela ({target}) : {detail}",
            "Votre compte n'agit que dans votre propre namespace : vérifiez le namespace visé, "
            "et qu'il ne s'agit pas d'un objet du cluster entier (nœud, namespace…).")
    return SandboxError(
        f"L'API Kubernetes a refusé {target} ({error.status}) : {detail}",
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
            raise explain(error, target) from None
        applied.append(result.to_dict())
    return applied


def create_or_replace(create, replace, body: dict) -> None:
    """Create an object with a typed client's `create`, or `replace` the one already there:
    what the kit writes wins over an older version (a wider Role, another quota)."""
    namespace = body["metadata"].get("namespace")
    scope = (namespace,) if namespace else ()
    try:
        create(*scope, body)
    except ApiException as error:
        if error.status != 409:
            raise
        replace(body["metadata"]["name"], *scope, body)
