"""Overlays: the reference merge (pure logic) and kustomize rendering (needs kubectl)."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest

from graders import GradingError, overlays

BASE = Path(__file__).resolve().parents[2] / "notebooks" / "gestion-de-configuration" / "base"


def test_merge_is_recursive_deletes_on_none_and_replaces_the_rest():
    base = {"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2], "x": {"y": 1}}
    overlay = {"b": {"c": 20, "d": None}, "l": [3], "x": 5, "n": {"m": 1}}
    before = copy.deepcopy((base, overlay))
    assert overlays.merge(base, overlay) == {"a": 1, "b": {"c": 20}, "l": [3], "x": 5,
                                             "n": {"m": 1}}
    assert (base, overlay) == before


def test_generator_literals_and_references():
    literals = overlays.generator_literals(BASE / "kustomization.yaml", "rdv-api-config")
    assert literals["LOG_LEVEL"] == "info"
    deployment = {"spec": {"template": {"spec": {"containers": [{"envFrom": [
        {"configMapRef": {"name": "c"}}, {"secretRef": {"name": "s"}}]}]}}}}
    assert overlays.references(deployment) == {"configMaps": ["c"], "secrets": ["s"]}


@pytest.mark.cluster
def test_render_runs_kubectl_kustomize(sandbox, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", f"{sandbox.settings.bin_dir}{os.pathsep}{os.environ['PATH']}")
    shutil.copytree(BASE, tmp_path / "base")
    overlay = tmp_path / "overlays" / "dev"
    overlay.mkdir(parents=True)
    (overlay / "kustomization.yaml").write_text(
        "resources: [../../base]\nnameSuffix: -dev\nconfigMapGenerator:\n"
        "  - {name: rdv-api-config, behavior: merge, literals: [LOG_LEVEL=debug]}\n")
    objects = {o["kind"]: o for o in overlays.render(overlay)}
    assert objects["Deployment"]["metadata"]["name"] == "rdv-api-dev"
    configmap = objects["ConfigMap"]["metadata"]["name"]
    assert configmap.startswith("rdv-api-config-dev-")
    assert overlays.references(objects["Deployment"])["configMaps"] == [configmap]
    assert objects["ConfigMap"]["data"]["LOG_LEVEL"] == "debug"
    (overlay / "kustomization.yaml").write_text("resources: [../../absente]\n")
    with pytest.raises(GradingError, match="kubectl kustomize"):
        overlays.render(overlay)
