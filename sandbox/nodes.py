"""The fake nodes of the light sandbox, one per zone, described in `config/light-nodes.yaml`."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from kubernetes import client
from kubernetes.client.rest import ApiException
from pydantic import BaseModel, ConfigDict

from .health import api_client

NODES_FILE = Path(__file__).resolve().parent / "config" / "light-nodes.yaml"
KWOK_ANNOTATION = "kwok.x-k8s.io/node"
ZONE_LABEL = "topology.kubernetes.io/zone"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NodeSpec(_Strict):
    name: str
    zone: str


class LightNodes(_Strict):
    apiVersion: Literal["cpn.kit/v1alpha1"]
    kind: Literal["LightNodes"]
    capacity: dict[str, str]
    nodes: list[NodeSpec]


@cache
def load_nodes(path: Path = NODES_FILE) -> LightNodes:
    return LightNodes.model_validate(yaml.safe_load(path.read_text()))


def node_manifest(spec: NodeSpec, capacity: dict[str, str]) -> dict:
    """A Node object that kwok manages (annotation) in its zone."""
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": spec.name,
            "annotations": {KWOK_ANNOTATION: "fake", "node.alpha.kubernetes.io/ttl": "0"},
            "labels": {
                "kubernetes.io/hostname": spec.name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "kubernetes.io/role": "agent",
                "node-role.kubernetes.io/agent": "",
                "type": "kwok",
                ZONE_LABEL: spec.zone,
                "topology.kubernetes.io/region": "fr-sandbox",
            },
        },
        "spec": {},
        "status": {"allocatable": capacity, "capacity": capacity},
    }


def ensure_nodes(kubeconfig: Path) -> list[str]:
    """Create the missing nodes (existing ones are left as they are: cordons survive)."""
    config = load_nodes()
    created = []
    with api_client(kubeconfig) as api:
        core = client.CoreV1Api(api)
        for spec in config.nodes:
            try:
                core.create_node(node_manifest(spec, config.capacity))
                created.append(spec.name)
            except ApiException as error:
                if error.status != 409:
                    raise
    return created
