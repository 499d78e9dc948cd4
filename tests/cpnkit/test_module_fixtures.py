"""A module's cluster-wide fixtures live as long as its namespace (learner mode)."""

from __future__ import annotations

import pytest
from kubernetes import client

from cpnkit import start_module

pytestmark = pytest.mark.cluster

MODULE = "haute-disponibilite-plateforme"


def _pool(api, namespace: str) -> list[str]:
    nodes = client.CoreV1Api(api).list_node(label_selector=f"cpn.kit/pool={namespace}").items
    return sorted(n.metadata.name for n in nodes)


def test_set_up_creates_the_fixtures_and_clean_up_removes_them(sandbox, capsys):
    namespace = "cpn-test-fixtures-module"
    session = start_module(MODULE, namespace=namespace, quiet=True)
    assert _pool(session.api, namespace) == [f"noeud-{namespace}-{z}" for z in "abc"]
    classes = [c.metadata.name for c in client.SchedulingV1Api(session.api)
               .list_priority_class().items]
    assert f"critique-{namespace}" in classes
    client.CoreV1Api(session.api).patch_node(f"noeud-{namespace}-a",
                                             {"spec": {"unschedulable": True}})
    again = start_module(MODULE, namespace=namespace, quiet=True)  # re-run: uncordoned
    assert not client.CoreV1Api(again.api).read_node(f"noeud-{namespace}-a").spec.unschedulable
    session.cleanup()
    assert _pool(session.api, namespace) == []
    classes = [c.metadata.name for c in client.SchedulingV1Api(session.api)
               .list_priority_class().items]
    assert f"critique-{namespace}" not in classes
    assert "system-node-critical" in classes  # only the module's own objects went away
