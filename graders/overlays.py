"""Configuration per environment: a base, overlays, and what the live objects really use.

An overlay is data merged onto a base (`merge`), which is what kustomize does for maps. The
kit renders real kustomizations with `kubectl kustomize` (kubectl ships with the sandbox), and
grading follows the references of the live Deployments to the live ConfigMaps and Secrets.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml
from kubernetes import client

from .errors import GradingError
from .files import load_manifests
from .results import CheckResult, failed, passed


def merge(base: dict, overlay: dict) -> dict:
    """Fusionner une surcharge dans une base, sans modifier ni l'une ni l'autre.

    - un dictionnaire fusionne avec un dictionnaire, clé par clé, récursivement ;
    - une valeur None dans la surcharge supprime la clé ;
    - toute autre valeur de la surcharge (nombre, texte, liste) remplace celle de la base.
    """
    result = copy.deepcopy(base)
    for key, value in overlay.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def workspace(base: Path, prefix: str = "cpn-config-") -> Path:
    """Un dépôt d'infrastructure temporaire : une copie de la base et un dossier overlays/."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.copytree(base, root / "base")
    (root / "overlays").mkdir()
    return root


def render(directory: Path) -> list[dict]:
    """Les objets que produit une kustomization (`kubectl kustomize <dossier>`)."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        raise GradingError("kubectl est introuvable dans le PATH.",
                           "Lancez d'abord la cellule d'installation du module (start_module "
                           "ajoute le kubectl du kit au PATH), ou « cpn sandbox install ».")
    result = subprocess.run([kubectl, "kustomize", str(directory)], capture_output=True,
                            text=True, timeout=60)
    if result.returncode != 0:
        raise GradingError(f"kubectl kustomize {directory} a échoué : "
                           f"{result.stderr.strip()[:400]}",
                           "Lisez le message : il nomme le fichier et le champ en cause.")
    return load_manifests(result.stdout)


def generator_literals(kustomization: Path, name: str) -> dict[str, str]:
    """The literals of one configMapGenerator of a kustomization file, as a dictionary."""
    data = yaml.safe_load(Path(kustomization).read_text(encoding="utf-8")) or {}
    for generator in data.get("configMapGenerator") or []:
        if generator.get("name") == name:
            return dict(item.split("=", 1) for item in generator.get("literals") or [])
    raise GradingError(f"{kustomization} : pas de configMapGenerator « {name} ».")


def references(deployment: dict) -> dict[str, list[str]]:
    """The ConfigMaps and Secrets a Deployment's containers read through envFrom."""
    found: dict[str, list[str]] = {"configMaps": [], "secrets": []}
    for container in deployment["spec"]["template"]["spec"].get("containers", []):
        for source in container.get("envFrom") or []:
            if source.get("configMapRef"):
                found["configMaps"].append(source["configMapRef"]["name"])
            if source.get("secretRef"):
                found["secrets"].append(source["secretRef"]["name"])
    return found


def _read(api: client.ApiClient, kind: str, namespace: str, name: str) -> dict | None:
    readers = {"Deployment": client.AppsV1Api(api).read_namespaced_deployment,
               "ConfigMap": client.CoreV1Api(api).read_namespaced_config_map}
    try:
        return api.sanitize_for_serialization(readers[kind](name, namespace))
    except client.ApiException as error:
        if error.status == 404:
            return None
        raise


def live_config(api: client.ApiClient, namespace: str, deployment: str) -> dict[str, str] | None:
    """The configuration a live Deployment really receives: the data of the ConfigMaps its
    containers read (envFrom), merged in order. None when the Deployment does not exist."""
    found = _read(api, "Deployment", namespace, deployment)
    if found is None:
        return None
    data: dict[str, str] = {}
    for name in references(found)["configMaps"]:
        configmap = _read(api, "ConfigMap", namespace, name)
        data.update((configmap or {}).get("data") or {})
    return data


def config_is(api: client.ApiClient, namespace: str, deployment: str,
              expected: dict[str, str]) -> CheckResult:
    """Le Deployment reçoit exactement cette configuration (ConfigMaps lus par envFrom)."""
    what = f"configuration reçue par « {deployment} »"
    data = live_config(api, namespace, deployment)
    if data is None:
        return failed(what, f"un Deployment « {deployment} »", "absent",
                      "Rendez l'overlay avec overlays.render puis appliquez-le.", final=True)
    wrong = sorted(k for k in set(expected) | set(data) if data.get(k) != expected.get(k))
    if wrong:
        return failed(what, str({k: expected.get(k) for k in wrong}),
                      str({k: data.get(k) for k in wrong}),
                      "Vérifiez le configMapGenerator de l'overlay (behavior: merge) et la base.")
    return passed(what)


def uses_secret(api: client.ApiClient, namespace: str, deployment: str,
                secret: str) -> CheckResult:
    """Les conteneurs du Deployment lisent ce Secret (envFrom.secretRef)."""
    what = f"« {deployment} » lit le Secret « {secret} »"
    found = _read(api, "Deployment", namespace, deployment)
    if found is None:
        return failed(what, f"un Deployment « {deployment} »", "absent", "", final=True)
    secrets = references(found)["secrets"]
    if secret not in secrets:
        return failed(what, f"envFrom: [{{secretRef: {{name: {secret}}}}}]",
                      f"Secrets lus : {secrets or 'aucun'}",
                      "Ajoutez une entrée secretRef à envFrom du conteneur.")
    return passed(what)
