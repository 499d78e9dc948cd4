"""Module fixtures: objects a module needs that learners may not create themselves.

A module may ship `notebooks/<module>/fixtures.yaml` (for example a kwok `ClusterLogs` that
gives its pods simulated logs). The file is a template: `${NAMESPACE}` becomes the module's
namespace and `${MODULE_DIR}` the absolute path of the module's support folder. It is applied
with admin credentials: by `start_module` for a learner, by the grading runner under grading.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

import yaml
from kubernetes import client, dynamic
from kubernetes.client.rest import ApiException

from .objects import apply

KWOK_GROUP = "kwok.x-k8s.io/"


def render_fixtures(template: str, namespace: str, module_dir: Path) -> list[dict]:
    text = Template(template).safe_substitute(NAMESPACE=namespace, MODULE_DIR=str(module_dir))
    return [d for d in yaml.safe_load_all(text) if d]


def apply_fixtures(admin: client.ApiClient, objects: list[dict], simulated_only: bool) -> None:
    """Apply fixture objects; kwok simulation objects only where kwok plays the nodes."""
    wanted = [o for o in objects
              if simulated_only or not str(o.get("apiVersion", "")).startswith(KWOK_GROUP)]
    if wanted:
        apply(admin, wanted)


def delete_fixtures(admin: client.ApiClient, objects: list[dict]) -> None:
    """Delete fixture objects (absent ones and unknown kinds are skipped)."""
    dyn = dynamic.DynamicClient(admin)
    for obj in objects:
        try:
            resource = dyn.resources.get(api_version=obj["apiVersion"], kind=obj["kind"])
            resource.delete(name=obj["metadata"]["name"],
                            namespace=obj["metadata"].get("namespace"))
        except (ApiException, dynamic.exceptions.ResourceNotFoundError):
            continue
