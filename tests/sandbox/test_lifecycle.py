"""Idempotent lifecycle and failures of the light sandbox, each on a cluster of its own."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from sandbox import Settings
from sandbox.binaries import COMPONENTS, CacheEntry
from sandbox.binaries.catalog import KUBERNETES
from sandbox.errors import ApiNotReady, ComponentFailed, PortInUse
from sandbox.health import poll
from sandbox.progress import QUIET
from sandbox.providers.light import LightProvider, process_alive

pytestmark = [pytest.mark.cluster, pytest.mark.slow]


def _free_port() -> int:
    """An API port whose two successors (etcd's) are free too, below the ephemeral range
    (where outgoing connections would take them at random)."""
    for port in random.sample(range(27000, 32000, 3), 200):
        try:
            for candidate in (port, port + 1, port + 2):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        return port
    raise RuntimeError("no free port triple")


@pytest.fixture
def own_cluster(tmp_path, sandbox):  # `sandbox` guarantees the binary cache is complete
    settings = replace(Settings.from_env(), name="cpn-cycle", port=_free_port(),
                       home=tmp_path / "home", timeout=60)
    provider = LightProvider(settings)
    yield provider
    provider.down(QUIET)


def _cache_with_fake_apiserver(tmp_path: Path, script: str) -> Path:
    """A private cache, hard-linked to the real one, whose kube-apiserver is `script`."""
    real, root = Settings.from_env().cache_dir, tmp_path / "cache"
    for component in COMPONENTS:
        if component is not KUBERNETES:
            shutil.copytree(real / component.key, root / component.key, copy_function=os.link)
    entry = CacheEntry(root, KUBERNETES)
    staging = entry.staging_dir()
    for binary in KUBERNETES.binaries:
        os.link(real / KUBERNETES.key / binary, staging / binary)
    (staging / "kube-apiserver").unlink()
    (staging / "kube-apiserver").write_text(  # kwokctl asks `kube-apiserver version` first
        f'#!/bin/sh\ncase "$1" in version|--version) echo "Kubernetes {KUBERNETES.version}"; '
        f"exit 0;; esac\n"
        f"{script}\n")
    entry.install(staging, "test")
    return root


def test_up_twice_then_down_twice(own_cluster):
    first = own_cluster.up(QUIET)
    assert first.healthy and first.nodes_total >= 2
    assert own_cluster.up(QUIET).healthy
    assert own_cluster.down(QUIET) is True
    assert own_cluster.down(QUIET) is False
    assert not own_cluster.status().exists


def test_killed_api_server_is_recovered_by_up(own_cluster):
    own_cluster.up(QUIET)
    pid = own_cluster._pids()["kube-apiserver"]
    os.kill(pid, signal.SIGKILL)
    assert poll(lambda: not process_alive(pid), 10)
    assert not own_cluster.status().api_ready

    status = own_cluster.up(QUIET)

    assert status.healthy
    assert all(status.components.values())


def test_reboot_all_components_dead_is_recovered(own_cluster):
    own_cluster.up(QUIET)
    pids = own_cluster._pids()
    for pid in pids.values():
        os.kill(pid, signal.SIGKILL)
    assert poll(lambda: not any(process_alive(p) for p in pids.values()), 10)
    assert own_cluster.up(QUIET).healthy


def test_port_already_taken(own_cluster):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", own_cluster.settings.port))
        holder.listen()
        with pytest.raises(PortInUse) as error:
            own_cluster.up(QUIET)
    assert f"port {own_cluster.settings.port}" in error.value.message
    assert "--port" in error.value.hint


def test_binary_that_will_not_start_shows_its_log_tail(tmp_path, sandbox):
    cache = _cache_with_fake_apiserver(tmp_path, "echo 'erreur fatale simulée' >&2; exit 1")
    settings = replace(Settings.from_env(), name="cpn-broken", port=_free_port(),
                       home=tmp_path / "home", cache_dir=cache, timeout=8)
    provider = LightProvider(settings)
    try:
        with pytest.raises(ComponentFailed) as error:
            provider.up(QUIET)
        assert "kube-apiserver" in error.value.message
        assert "erreur fatale simulée" in error.value.message
    finally:
        provider.down(QUIET)


def test_api_not_answering_within_the_timeout(tmp_path, sandbox):
    cache = _cache_with_fake_apiserver(tmp_path, "sleep 600")
    settings = replace(Settings.from_env(), name="cpn-mute", port=_free_port(),
                       home=tmp_path / "home", cache_dir=cache, timeout=5)
    provider = LightProvider(settings)
    try:
        with pytest.raises(ApiNotReady) as error:
            provider.up(QUIET)
        assert "ne répond pas après 5 s" in error.value.message
        assert "CPN_SANDBOX_TIMEOUT" in error.value.hint
    finally:
        provider.down(QUIET)
