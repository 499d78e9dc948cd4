"""The provider configuration files and the pinned versions agree with each other."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from sandbox import versions
from sandbox.binaries.catalog import TOOLS_DIR
from sandbox.nodes import load_nodes
from sandbox.providers.containers import CONFIG_DIR


def test_kind_config_pins_image_and_maps_ingress_port():
    config = yaml.safe_load((CONFIG_DIR / "kind.yaml").read_text())
    assert config["apiVersion"] == "kind.x-k8s.io/v1alpha4" and config["kind"] == "Cluster"
    images = {node["image"] for node in config["nodes"]}
    assert all(re.fullmatch(r"kindest/node:v1\.\d+\.\d+", image) for image in images)
    control_plane = next(n for n in config["nodes"] if n["role"] == "control-plane")
    mappings = {(m["containerPort"], m["hostPort"]) for m in control_plane["extraPortMappings"]}
    assert (80, 8080) in mappings
    assert "ingress-ready=true" in control_plane["kubeadmConfigPatches"][0]


def test_k3d_config_pins_image_and_maps_ingress_port():
    config = yaml.safe_load((CONFIG_DIR / "k3d.yaml").read_text())
    assert config["apiVersion"] == "k3d.io/v1alpha5" and config["kind"] == "Simple"
    assert re.fullmatch(r"rancher/k3s:v1\.\d+\.\d+-k3s\d+", config["image"])
    assert {"port": "8080:80", "nodeFilters": ["loadbalancer"]} in config["ports"]


def test_light_nodes_span_at_least_two_zones():
    nodes = load_nodes().nodes
    assert len(nodes) >= 2 and len({n.zone for n in nodes}) >= 2


def _required(go_mod: str, module: str) -> str:
    match = re.search(rf"^\s*(?:require\s+)?{re.escape(module)} (v\S+)", go_mod, re.M)
    assert match, f"{module} not required"
    return match.group(1)


def test_go_modules_pin_the_versions_of_versions_py():
    assert _required((TOOLS_DIR / "k8s" / "go.mod").read_text(),
                     "k8s.io/kubernetes") == versions.KUBERNETES
    assert _required((TOOLS_DIR / "etcd" / "go.mod").read_text(),
                     "go.etcd.io/etcd/server/v3") == versions.ETCD
    assert _required((TOOLS_DIR / "kwok" / "go.mod").read_text(),
                     "sigs.k8s.io/kwok") == versions.KWOK
    for module in ("k8s", "etcd", "kwok"):
        assert (TOOLS_DIR / module / "go.sum").stat().st_size > 0


def test_kubernetes_replace_block_covers_every_staging_module():
    go_mod = (TOOLS_DIR / "k8s" / "go.mod").read_text()
    replaced = re.findall(r"^\s*(k8s\.io/\S+) => \1 (v\S+)$", go_mod, re.M)
    minor, patch = versions.KUBERNETES.lstrip("v").split(".")[1:]
    assert len(replaced) >= 33
    assert {version for _, version in replaced} == {f"v0.{minor}.{patch}"}
    assert {"k8s.io/cri-streaming", "k8s.io/streaming"} <= {m for m, _ in replaced}
    assert "legacy-cloud-providers" not in go_mod
    assert "godebug default=go1.26" in go_mod


@pytest.mark.skipif(shutil.which("go") is None, reason="needs Go and the module proxy")
def test_committed_go_mod_is_what_the_generator_writes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen", TOOLS_DIR / "generate_k8s_gomod.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    expected = generator.render(versions.KUBERNETES, generator.release_gomod(versions.KUBERNETES))
    committed = (TOOLS_DIR / "k8s" / "go.mod").read_text()
    replace_block = committed[committed.index("replace ("):]
    assert replace_block.split(")")[0] == expected[expected.index("replace ("):].split(")")[0]


@pytest.mark.skipif(shutil.which("go") is None, reason="needs Go")
@pytest.mark.parametrize("module", ["k8s", "etcd", "kwok"])
def test_go_modules_are_tidy_and_verified(module):
    result = subprocess.run(["go", "mod", "verify"], cwd=Path(TOOLS_DIR / module),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
