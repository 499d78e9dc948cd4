"""Download of the official releases, checked against their published SHA-256 sums.

A local HTTP server plays dl.k8s.io, the etcd and kwok release pages and the GitHub API,
serving good files, then tampered ones.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sandbox.binaries import cache_report, ensure_binaries
from sandbox.binaries.catalog import COMPONENTS, ETCD, KUBERNETES, KWOK, _arch
from sandbox.errors import BinariesUnavailable, ChecksumMismatch


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tar_gz(member: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo(member)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def _release_tree(root: Path, tamper: str | None = None) -> dict[str, bytes]:
    """Lay out the three release sites; `tamper` names a binary whose file is altered."""
    arch, contents = _arch(), {}
    for binary in KUBERNETES.binaries:
        contents[binary] = f"#!/bin/sh\necho {binary}\n".encode()
        base = root / "k8s" / KUBERNETES.version / "bin" / "linux" / arch
        _write(base / f"{binary}.sha256", _sha(contents[binary]))
        _write(base / binary, contents[binary] + (b"x" if tamper == binary else b""))
    contents["etcd"] = b"#!/bin/sh\necho etcd\n"
    name = f"etcd-{ETCD.version}-linux-{arch}"
    archive = _tar_gz(f"{name}/etcd", contents["etcd"])
    _write(root / "etcd" / ETCD.version / "SHA256SUMS",
           f"{'0' * 64}  other.zip\n{_sha(archive)}  {name}.tar.gz\n")
    _write(root / "etcd" / ETCD.version / f"{name}.tar.gz",
           archive[:-3] if tamper == "etcd" else archive)
    assets = []
    for binary in KWOK.binaries:
        contents[binary] = f"#!/bin/sh\necho {binary}\n".encode()
        asset = f"{binary}-linux-{arch}"
        assets.append({"name": asset, "digest": f"sha256:{_sha(contents[binary])}"})
        _write(root / "kwok" / KWOK.version / asset,
               contents[binary] + (b"x" if tamper == binary else b""))
    _write(root / "api" / "tags" / KWOK.version, json.dumps({"assets": assets}))
    return contents


@pytest.fixture
def release_server(tmp_path, monkeypatch):
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("CPN_KUBERNETES_RELEASE_URL", f"{url}/k8s")
    monkeypatch.setenv("CPN_ETCD_RELEASE_URL", f"{url}/etcd")
    monkeypatch.setenv("CPN_KWOK_RELEASE_URL", f"{url}/kwok")
    monkeypatch.setenv("CPN_KWOK_RELEASE_API", f"{url}/api")
    yield root
    server.shutdown()


def test_good_files_are_verified_and_cached(release_server, tmp_path):
    contents = _release_tree(release_server)
    cache = tmp_path / "cache"
    paths = ensure_binaries(cache, use_go=False)
    for binary, data in contents.items():
        assert paths[binary].read_bytes() == data
    assert all(not problems for problems in cache_report(cache).values())
    manifest = json.loads((cache / KWOK.key / "manifest.json").read_text())
    assert manifest["source"] == "download"


@pytest.mark.parametrize("tampered", ["kube-scheduler", "etcd", "kwokctl"])
def test_tampered_file_is_rejected_and_nothing_is_cached(release_server, tmp_path, tampered):
    _release_tree(release_server, tamper=tampered)
    cache = tmp_path / "cache"
    with pytest.raises(ChecksumMismatch) as error:
        ensure_binaries(cache, use_go=False)
    assert "SHA-256 incorrecte" in error.value.message
    component = next(c for c in COMPONENTS if tampered in c.binaries)
    assert not (cache / component.key).exists()
    assert not list(cache.glob(".*partial*"))


def test_missing_published_sum_is_an_error(release_server, tmp_path):
    _release_tree(release_server)
    (release_server / "api" / "tags" / KWOK.version).write_text('{"assets": []}')
    with pytest.raises(BinariesUnavailable, match="Aucune somme SHA-256"):
        ensure_binaries(tmp_path / "cache", use_go=False)


def test_no_go_and_no_internet_gives_a_french_error(tmp_path, monkeypatch):
    for variable in ("CPN_KUBERNETES_RELEASE_URL", "CPN_ETCD_RELEASE_URL",
                     "CPN_KWOK_RELEASE_URL", "CPN_KWOK_RELEASE_API"):
        monkeypatch.setenv(variable, "http://127.0.0.1:9/nulle-part")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BinariesUnavailable) as error:
        ensure_binaries(tmp_path / "cache")  # Go absent: the download path is chosen
    assert error.value.message.startswith("Ni Go ni internet")
    assert "go.dev" in error.value.hint
