"""`cpn sandbox …` as a learner types it: French help, plans, errors with exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CPN = [sys.executable, "-m", "cpnkit.cli"]


def cpn(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CPN, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_help_is_in_french():
    out = cpn("sandbox", "--help").stdout
    assert "utilisation : cpn sandbox" in out
    assert "démarrer le bac à sable" in out
    assert "afficher cette aide et quitter" in out


def test_usage_error_is_in_french_with_exit_code_2():
    result = cpn("sandbox", "décoller")
    assert result.returncode == 2
    assert "choix invalide" in result.stderr


def test_light_dry_run_prints_the_kwokctl_plan():
    result = cpn("sandbox", "up", "--dry-run", "--port", "36999")
    assert result.returncode == 0
    line, *configuration = result.stdout.strip().splitlines()
    assert "kwokctl create cluster --name cpn-test --runtime binary" in line
    assert "--kube-apiserver-port 36999 --etcd-port 37000" in line
    for flag in ("--kube-apiserver-binary", "--etcd-binary", "--kwok-controller-binary"):
        assert flag in line
    assert "--kube-authorization=true" in line and "--kube-admission=true" in line
    config_path = line.split("--config ")[1].split()[0]
    assert configuration[0] == f"# {config_path} :"
    plan = yaml.safe_load("\n".join(c.removeprefix("#   ") for c in configuration[1:]))
    assert plan["options"] == {"bindAddress": "127.0.0.1", "etcdPeerPort": 37001}
    args = {p["name"]: {a["key"]: a["value"] for a in p["extraArgs"]}
            for p in plan["componentsPatches"]}
    assert args["etcd"]["listen-client-urls"] == "https://127.0.0.1:37000"
    assert args["etcd"]["listen-peer-urls"] == "https://127.0.0.1:37001"
    assert args["etcd"]["client-cert-auth"] == args["etcd"]["peer-client-cert-auth"] == "true"
    assert args["kube-apiserver"]["bind-address"] == "127.0.0.1"
    assert args["kube-apiserver"]["etcd-servers"] == "https://127.0.0.1:37000"
    assert args["kube-apiserver"]["etcd-certfile"].endswith("/pki/admin.crt")


def test_cohort_bind_address_is_explicit_and_checked():
    served = cpn("sandbox", "up", "--dry-run", "--adresse-api", "0.0.0.0").stdout
    assert "value: 0.0.0.0" in served and "bindAddress: 127.0.0.1" in served
    assert "kubeApiserverCertSANs" in served
    refused = cpn("sandbox", "up", "--dry-run", "--adresse-api", "192.0.2.7")
    assert refused.returncode == 3
    assert "Adresse d'écoute de l'API refusée : « 192.0.2.7 »" in refused.stderr
    assert "0.0.0.0" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.parametrize("provider,expected", [
    ("kind", "kind create cluster --name cpn-test --config"),
    ("k3d", "k3d cluster create cpn-test --config"),
])
def test_container_providers_dry_run(provider, expected):
    result = cpn("sandbox", "up", "--provider", provider, "--dry-run")
    assert result.returncode == 0
    assert expected in result.stdout
    config = Path(result.stdout.split("--config ")[1].split()[0])
    assert config.is_file() and config.name == f"{provider}.yaml"


@pytest.mark.parametrize("provider", ["kind", "k3d"])
def test_missing_docker_is_a_french_error(provider, tmp_path):
    result = cpn("sandbox", "up", "--provider", provider, env={"PATH": str(tmp_path)})
    assert result.returncode == 3
    assert "introuvable" in result.stderr and "docker" in result.stderr
    assert "cpn sandbox up --provider light" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_kind_when_docker_exists(tmp_path):
    fake_docker = tmp_path / "docker"
    fake_docker.write_text("#!/bin/sh\nexit 0\n")
    fake_docker.chmod(0o755)
    result = cpn("sandbox", "up", "--provider", "kind", env={"PATH": str(tmp_path)})
    assert result.returncode == 3
    assert "« kind », introuvable" in result.stderr
    assert "kind.sigs.k8s.io" in result.stderr


def test_kubeconfig_path_and_export_line():
    path = cpn("sandbox", "kubeconfig").stdout.strip()
    assert path.endswith("cpn-test.kubeconfig")
    assert cpn("sandbox", "kubeconfig", "--export").stdout.strip() == f"export KUBECONFIG={path}"


def test_capabilities_of_light_mode():
    out = cpn("sandbox", "capabilities", "--json").stdout
    assert '"runtime": false' in out and '"logs": "simulated"' in out
