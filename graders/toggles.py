"""Feature toggles driven by a ConfigMap: the reference evaluation and live reads.

A toggle's definition is data (French keys, as the team writes them):
`{"actif": bool, "pourcentage": 0-100, "liste_blanche": [ids], "coupe_circuit": bool}`.
Evaluation rules, in order: unknown toggle → off; kill switch (`coupe_circuit`) → off; inactive
→ off; allow-listed user → on; otherwise on for a stable share of users, chosen by hashing.
"""

from __future__ import annotations

import hashlib
import json

from kubernetes import client

from .errors import GradingError
from .results import CheckResult, failed, passed


def bucket(toggle: str, user: str) -> int:
    """Le « seau » d'un usager pour une bascule : un entier de 0 à 99, toujours le même."""
    return int(hashlib.sha256(f"{toggle}:{user}".encode()).hexdigest(), 16) % 100


def is_enabled(config: dict, toggle: str, user: str) -> bool:
    """La bascule `toggle` est-elle active pour `user` ? (évaluation de référence du kit)"""
    definition = config.get(toggle)
    if not definition:
        return False
    if definition.get("coupe_circuit", False):
        return False
    if not definition.get("actif", False):
        return False
    if user in definition.get("liste_blanche", []):
        return True
    return bucket(toggle, user) < definition.get("pourcentage", 0)


def exposed(config: dict, toggle: str, users: list[str]) -> list[str]:
    """The users for whom the toggle is on."""
    return [u for u in users if is_enabled(config, toggle, u)]


def live_toggles(api: client.ApiClient, namespace: str, configmap: str,
                 key: str) -> dict | None:
    """The toggles a live ConfigMap holds (its key parsed as JSON), None if absent."""
    try:
        found = client.CoreV1Api(api).read_namespaced_config_map(configmap, namespace)
    except client.ApiException as error:
        if error.status == 404:
            return None
        raise
    text = (found.data or {}).get(key)
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError as error:
        raise GradingError(f"ConfigMap « {configmap} » : la clé « {key} » n'est pas du JSON "
                           f"valide ({error}).",
                           "Écrivez-la avec json.dumps(...).") from None
    return value if isinstance(value, dict) else None


def mounts_configmap(api: client.ApiClient, namespace: str, deployment: str, configmap: str,
                     path: str) -> CheckResult:
    """Un conteneur du Deployment voit la ConfigMap montée en fichiers dans `path`."""
    what = f"« {deployment} » monte la ConfigMap « {configmap} » dans {path}"
    try:
        dep = api.sanitize_for_serialization(
            client.AppsV1Api(api).read_namespaced_deployment(deployment, namespace))
    except client.ApiException as error:
        if error.status == 404:
            return failed(what, f"un Deployment « {deployment} »", "absent", "", final=True)
        raise
    spec = dep["spec"]["template"]["spec"]
    volumes = {v["name"] for v in spec.get("volumes") or []
               if (v.get("configMap") or {}).get("name") == configmap}
    mounts = [m["mountPath"] for c in spec.get("containers", [])
              for m in c.get("volumeMounts") or [] if m.get("name") in volumes]
    if not volumes:
        return failed(what, f"un volume configMap {{name: {configmap}}}", "aucun",
                      "Ajoutez-le à spec.template.spec.volumes.")
    if path not in mounts:
        return failed(what, f"un volumeMount sur {path}", f"points de montage : {mounts}",
                      "Ajoutez un volumeMount (name du volume, mountPath) au conteneur.")
    return passed(what)
