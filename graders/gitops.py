"""GitOps : le dépôt Git décrit l'état voulu, le cluster doit lui ressembler.

Comme Argo CD, on compare seulement les champs que le dépôt déclare : ce que le serveur
ajoute (valeurs par défaut, status) n'est pas une dérive. Les quantités sont comparées par
leur valeur (« 0.5 » et « 500m » de CPU sont égales). Les objets gérés portent le label de
suivi `app.kubernetes.io/instance`, comme ceux d'Argo CD : c'est lui qui permet de supprimer
(« prune ») ce qui a disparu du dépôt sans toucher au reste.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import InvalidOperation
from pathlib import Path

from kubernetes import client, dynamic
from kubernetes.client.rest import ApiException
from kubernetes.utils import parse_quantity

from .files import load_manifests
from .results import CheckResult, Report, failed, passed

TRACKING_LABEL = "app.kubernetes.io/instance"
# How a gap is worded: Git against the cluster (default), or expected values against a file.
CLUSTER_WORDING = {"missing": "absent du cluster",
                   "differs": "{declared!r} dans Git, {live!r} dans le cluster",
                   "length": "{declared} élément(s) déclarés, {live} dans le cluster",
                   "type": "{live!r} au lieu d'un dictionnaire"}
FILE_WORDING = {"missing": "absent du fichier",
                "differs": "{declared!r} attendu, {live!r} dans le fichier",
                "length": "{declared} élément(s) attendus, {live} dans le fichier",
                "type": "{live!r} au lieu d'un dictionnaire"}


def load_folder(folder: str | Path) -> list[dict]:
    """Les objets de tous les fichiers YAML d'un dossier (sous-dossiers compris), dans
    l'ordre des chemins."""
    root = Path(folder)
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [obj for path in paths for obj in load_manifests(path)]


def name_of(obj: Mapping) -> str:
    return f"{obj.get('kind')}/{(obj.get('metadata') or {}).get('name')}"


def read_live(api: client.ApiClient, namespace: str, manifest: Mapping) -> dict | None:
    """L'objet vivant qui correspond à un manifeste (None s'il n'existe pas)."""
    resource = dynamic.DynamicClient(api).resources.get(api_version=manifest["apiVersion"],
                                                        kind=manifest["kind"])
    target = (manifest.get("metadata") or {}).get("namespace") or namespace
    try:
        return resource.get(name=manifest["metadata"]["name"],
                            namespace=target if resource.namespaced else None).to_dict()
    except ApiException as error:
        if error.status == 404:
            return None
        raise


def _same_scalar(declared, live) -> bool:
    if declared == live and type(declared) is type(live):
        return True
    if isinstance(declared, (str, int, float)) and isinstance(live, (str, int, float)) \
            and not isinstance(declared, bool) and not isinstance(live, bool):
        try:
            return parse_quantity(declared) == parse_quantity(live)
        except (ValueError, TypeError, InvalidOperation):
            return False
    return False


def declared_differences(declared, live, path: str = "",
                         wording: Mapping[str, str] = CLUSTER_WORDING) -> list[str]:
    """Les champs déclarés dans le dépôt dont la valeur vivante diffère (chemins lisibles).

    Un champ que le dépôt ne déclare pas est ignoré ; une liste doit avoir la même longueur,
    et chacun de ses éléments est comparé de la même façon. `wording` : les formulations
    (CLUSTER_WORDING pour Git face au cluster, FILE_WORDING pour des valeurs attendues face à
    un fichier).
    """
    where = path or "(racine)"
    if isinstance(declared, dict):
        if not isinstance(live, dict):
            return [f"{where} : " + wording["type"].format(live=live)]
        gaps = []
        for key, value in declared.items():
            child = f"{path}.{key}" if path else str(key)
            if key not in live or live[key] is None:
                if value not in (None, {}, []):
                    gaps.append(f"{child} : {wording['missing']}")
            else:
                gaps += declared_differences(value, live[key], child, wording)
        return gaps
    if isinstance(declared, list):
        if not isinstance(live, list) or len(live) != len(declared):
            count = len(live) if isinstance(live, list) else "?"
            return [f"{where} : " + wording["length"].format(declared=len(declared), live=count)]
        gaps = []
        for index, (a, b) in enumerate(zip(declared, live, strict=True)):
            gaps += declared_differences(a, b, f"{path}[{index}]", wording)
        return gaps
    if not _same_scalar(declared, live):
        return [f"{where} : " + wording["differs"].format(declared=declared, live=live)]
    return []


def drift(api: client.ApiClient, namespace: str, manifest: Mapping) -> list[str]:
    """Les écarts entre un manifeste du dépôt et le cluster (vide : synchronisé)."""
    live = read_live(api, namespace, manifest)
    if live is None:
        return ["absent du cluster"]
    desired = {k: v for k, v in manifest.items() if k not in ("apiVersion", "kind", "status")}
    desired["metadata"] = {k: v for k, v in (manifest.get("metadata") or {}).items()
                           if k in ("name", "labels", "annotations")}
    return declared_differences(desired, live)


def check_in_sync(api: client.ApiClient, namespace: str, manifests: Iterable[Mapping]) -> Report:
    """Chaque objet du dépôt existe dans le cluster avec les valeurs que le dépôt déclare."""
    results: list[CheckResult] = []
    for manifest in manifests:
        what = f"{name_of(manifest)} conforme au dépôt"
        gaps = drift(api, namespace, manifest)
        if gaps:
            results.append(failed(what, "l'état décrit dans Git", "; ".join(gaps[:4]),
                                  "Relancez la réconciliation : elle applique chaque fichier du "
                                  "dépôt (server-side apply)."))
        else:
            results.append(passed(what))
    return Report.of(results)


def managed(api: client.ApiClient, namespace: str, kinds: Iterable[tuple[str, str]],
            instance: str | None = None, label: str = TRACKING_LABEL) -> set[str]:
    """Les objets du namespace qui portent le label de suivi (« Kind/nom »), pour les types
    donnés (apiVersion, kind) ; `instance` : seulement ceux de cette application."""
    selector = f"{label}={instance}" if instance else label
    dyn, found = dynamic.DynamicClient(api), set()
    for api_version, kind in kinds:
        resource = dyn.resources.get(api_version=api_version, kind=kind)
        for item in resource.get(namespace=namespace, label_selector=selector).items:
            found.add(f"{kind}/{item.metadata.name}")
    return found
