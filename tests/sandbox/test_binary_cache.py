"""The binary cache: valid entries are reused, damaged ones are detected and rebuilt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sandbox.binaries import COMPONENTS, CacheEntry, cache_report, ensure_binaries
from sandbox.binaries.catalog import KWOK
from sandbox.settings import Settings

REAL_CACHE = Settings.from_env().cache_dir


def _fake_entry(root: Path, component=KWOK) -> CacheEntry:
    entry = CacheEntry(root, component)
    staging = entry.staging_dir()
    for binary in component.binaries:
        (staging / binary).write_bytes(b"#!/bin/sh\necho " + binary.encode() + b"\n" * 100)
    entry.install(staging, "test")
    return entry


def test_installed_entry_is_valid_and_records_sizes(tmp_path):
    entry = _fake_entry(tmp_path)
    assert entry.problems() == []
    manifest = json.loads((entry.directory / "manifest.json").read_text())
    assert set(manifest["binaries"]) == set(KWOK.binaries)
    assert manifest["version"] == KWOK.version


def test_truncated_binary_is_detected(tmp_path):
    entry = _fake_entry(tmp_path)
    path = entry.path("kwokctl")
    path.write_bytes(path.read_bytes()[:10])
    assert any("tronqué" in p for p in entry.problems())


def test_missing_binary_is_detected(tmp_path):
    entry = _fake_entry(tmp_path)
    entry.path("kwok").unlink()
    assert entry.problems() == ["kwok : fichier manquant"]


def test_same_size_but_altered_binary_is_detected(tmp_path):
    entry = _fake_entry(tmp_path)
    path = entry.path("kwok")
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    assert any("SHA-256" in p for p in entry.problems())


def test_absent_entry_and_unreadable_manifest_are_reported(tmp_path):
    assert CacheEntry(tmp_path, KWOK).problems() == [f"{KWOK.key} : absent du cache"]
    entry = _fake_entry(tmp_path)
    (entry.directory / "manifest.json").write_text("{ pas du json")
    assert entry.problems() == [f"{KWOK.key} : absent du cache"]


def test_cache_is_keyed_by_version(tmp_path):
    entry = _fake_entry(tmp_path)
    assert entry.directory.name == f"kwok-{KWOK.version}"


def _linked_copy(tmp_path: Path) -> Path:
    """A private cache that hard-links the real binaries (no copy of hundreds of MB)."""
    root = tmp_path / "cache"
    for component in COMPONENTS:
        source = REAL_CACHE / component.key
        shutil.copytree(source, root / component.key, copy_function=os.link)
    return root


@pytest.fixture
def private_cache(tmp_path, sandbox) -> Path:  # the sandbox fixture guarantees a full cache
    return _linked_copy(tmp_path)


def test_valid_cache_is_never_rebuilt(private_cache, monkeypatch):
    before = {p: p.stat().st_mtime_ns for p in private_cache.rglob("*") if p.is_file()}
    monkeypatch.setenv("PATH", "/nonexistent")  # no go: any build attempt would fail
    ensure_binaries(private_cache, use_go=True)
    after = {p: p.stat().st_mtime_ns for p in private_cache.rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("go") is None, reason="Go is needed to rebuild")
def test_truncated_binary_is_rebuilt_with_go(private_cache):
    kwokctl = CacheEntry(private_cache, KWOK).path("kwokctl")
    data = kwokctl.read_bytes()
    kwokctl.unlink()  # break the hard link before damaging the copy
    kwokctl.write_bytes(data[: len(data) // 2])
    kwokctl.chmod(0o755)
    assert cache_report(private_cache)[KWOK.key]

    paths = ensure_binaries(private_cache, use_go=True)

    assert all(not problems for problems in cache_report(private_cache).values())
    out = subprocess.run([str(paths["kwokctl"]), "--version"], capture_output=True, text=True)
    assert KWOK.version in out.stdout
