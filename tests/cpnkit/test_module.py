"""The set-up call of module notebooks."""

from __future__ import annotations

import pytest

from cpnkit import start_module
from cpnkit.errors import UnknownModule
from sandbox.errors import NotRunning


def test_a_data_module_goes_on_without_a_sandbox(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CPN_HOME", str(tmp_path))
    session = start_module("pourquoi-cloud-pi-native")
    assert session.api is None and session.namespace == "cpn-pourquoi-cloud-pi-native"
    assert "le bac à sable n'est pas nécessaire" in capsys.readouterr().out
    session.cleanup()


def test_a_cluster_module_stops_without_a_sandbox(tmp_path, monkeypatch):
    monkeypatch.setenv("CPN_HOME", str(tmp_path))
    with pytest.raises(NotRunning) as error:
        start_module("premiers-pas-bac-a-sable")
    assert error.value._render_traceback_()[-1] == "→ Démarrez-le dans un terminal : cpn sandbox up"


def test_an_unknown_module_is_refused_in_french():
    with pytest.raises(UnknownModule, match="Module inconnu"):
        start_module("module-imaginaire")


@pytest.mark.cluster
def test_set_up_prepares_the_namespace_and_clean_up_removes_it(sandbox, capsys):
    session = start_module("premiers-pas-bac-a-sable", namespace="cpn-test-installation")
    out = capsys.readouterr().out
    assert "Namespace : cpn-test-installation" in out and "kwok" in out
    session.apply({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"},
                   "data": {"a": "1"}})
    session.apply({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"},
                   "data": {"a": "1"}})  # idempotent
    session.cleanup()
    from kubernetes import client

    names = [n.metadata.name for n in client.CoreV1Api(session.api).list_namespace().items]
    assert "cpn-test-installation" not in names
