"""The light sandbox listens only where it should, and its state is its owner's only.

Real sandbox, real sockets: the listening sockets of the sandbox's processes are read from
/proc; etcd is asked over TLS with and without a client certificate; an unprivileged system
user (created here when the tests run as root) tries the sandbox's files, etcd and the API.
"""

from __future__ import annotations

import ipaddress
import json
import os
import pwd
import socket
import ssl
import stat
import subprocess
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from sandbox.providers.light import LightProvider

pytestmark = pytest.mark.cluster

INTRUDER = "cpn-intrus"
TEST_BOOKKEEPING = {"started-by-tests", "sessions"}  # written by tests/conftest.py, not the kit


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _address(hex_address: str) -> tuple[str, int]:
    host, port = hex_address.split(":")
    raw = bytes.fromhex(host)
    if len(raw) == 4:
        ip = ipaddress.IPv4Address(raw[::-1])
    else:  # IPv6: four little-endian 32-bit words
        ip = ipaddress.IPv6Address(b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4)))
    return str(ip), int(port, 16)


def listening(pid: int) -> list[tuple[str, int]]:
    """The (address, port) of every TCP socket in LISTEN state held by `pid`."""
    inodes = _socket_inodes(pid)
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:
                found.append(_address(fields[1]))
    return found


def test_every_component_listens_on_loopback_only(sandbox):
    pids = sandbox._pids()
    assert set(pids) == {"etcd", "kube-apiserver", "kube-controller-manager",
                         "kube-scheduler", "kwok-controller"}
    seen = {}
    for component, pid in pids.items():
        sockets = listening(pid)
        assert sockets, f"{component} listens nowhere?"
        for address, port in sockets:
            assert ipaddress.ip_address(address).is_loopback, (component, address, port)
        seen[component] = {port for _, port in sockets}
    settings = sandbox.settings
    assert settings.port in seen["kube-apiserver"]
    assert {settings.etcd_port, settings.etcd_peer_port} <= seen["etcd"]


def _etcd_context(sandbox, certificate: bool) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(sandbox.pki_dir / "ca.crt"))
    if certificate:
        context.load_cert_chain(sandbox.pki_dir / "admin.crt", sandbox.pki_dir / "admin.key")
    return context


def _etcd_version(sandbox, context: ssl.SSLContext | None) -> bytes:
    """GET /version on etcd's client port, over TLS (context) or in plain HTTP (None)."""
    with socket.create_connection(("127.0.0.1", sandbox.settings.etcd_port), timeout=5) as raw:
        stream = context.wrap_socket(raw, server_hostname="127.0.0.1") if context else raw
        stream.sendall(b"GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := stream.recv(4096):
            answer += chunk
        return answer


def _refused(sandbox, context: ssl.SSLContext | None) -> bool:
    """True when etcd gives no answer: TLS alert, reset, or closed without data."""
    try:
        return b"etcdserver" not in _etcd_version(sandbox, context)
    except (ssl.SSLError, ConnectionError):
        return True


def test_etcd_answers_only_a_client_certificate_of_the_sandbox(sandbox):
    assert b"etcdserver" in _etcd_version(sandbox, _etcd_context(sandbox, certificate=True))
    assert _refused(sandbox, _etcd_context(sandbox, certificate=False))
    assert _refused(sandbox, None)  # plain HTTP on a TLS port


def test_sandbox_home_is_readable_by_its_owner_only(sandbox):
    """The home is the owner's alone (0700: nothing inside is reachable by others, whatever
    other programs later write there), and the sandbox's own files are private too."""
    home = sandbox.settings.home
    assert not home.stat().st_mode & 0o077
    assert not sandbox.kubeconfig().stat().st_mode & 0o077
    checked = 0
    for root, dirs, files in os.walk(sandbox.workdir):
        dirs[:] = [d for d in dirs if d not in TEST_BOOKKEEPING]
        for name in [".", *dirs, *files]:
            entry = Path(root) / name
            if entry.is_symlink() or name in TEST_BOOKKEEPING:
                continue
            mode = entry.lstat().st_mode
            assert not mode & 0o077, f"{entry} : {stat.filemode(mode)}"
            checked += 1
    assert (sandbox.pki_dir / "ca.key").is_file() and sandbox.kubeconfig().is_file()
    assert checked > 20


PROBE = textwrap.dedent("""
    import json, socket, ssl, sys, urllib.request, urllib.error
    home, kubeconfig, ca_key, etcd_port, api_port = sys.argv[1:6]
    result = {}
    for key, path in (("home", home), ("kubeconfig", kubeconfig), ("ca_key", ca_key)):
        try:
            open(path, "rb").read(1) if key != "home" else __import__("os").listdir(path)
            result[key] = "lu"
        except PermissionError:
            result[key] = "refusé"
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        with socket.create_connection(("127.0.0.1", int(etcd_port)), timeout=5) as raw:
            with context.wrap_socket(raw) as tls:
                tls.sendall(b"GET /version HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
                answer = tls.recv(4096).decode(errors="replace")[:60]
                result["etcd"] = answer or "refusé : connexion fermée sans réponse"
    except (OSError, ssl.SSLError) as error:
        result["etcd"] = "refusé : " + type(error).__name__
    request = urllib.request.Request(f"https://127.0.0.1:{api_port}/api/v1/secrets")
    try:
        urllib.request.urlopen(request, context=context, timeout=10)
        result["api"] = 200
    except urllib.error.HTTPError as error:
        result["api"] = error.code
    print(json.dumps(result))
""")


@pytest.fixture(scope="module")
def intruder() -> str:
    if os.geteuid() != 0:
        pytest.skip("il faut être root pour créer l'utilisateur système de test « cpn-intrus »")
    try:
        pwd.getpwnam(INTRUDER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        INTRUDER], check=True)
    return INTRUDER


def test_an_unprivileged_local_user_reaches_nothing_but_the_api(sandbox, intruder):
    settings = sandbox.settings
    result = subprocess.run(
        ["/usr/bin/python3", "-c", PROBE, str(settings.home), str(sandbox.kubeconfig()),
         str(sandbox.pki_dir / "ca.key"), str(settings.etcd_port), str(settings.port)],
        user=intruder, group=intruder, extra_groups=[], cwd="/", capture_output=True,
        text=True, timeout=60, env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["home"] == seen["kubeconfig"] == seen["ca_key"] == "refusé", seen
    assert seen["etcd"].startswith("refusé"), seen  # no client certificate: no TLS session
    assert seen["api"] in (401, 403), seen  # anonymous: nothing without its own credentials


def test_a_sandbox_made_by_an_older_kit_is_recognised(sandbox, tmp_path):
    assert not sandbox.outdated()
    older = LightProvider(replace(sandbox.settings, home=tmp_path))
    older.cluster_dir.mkdir(parents=True)
    saved = (sandbox.cluster_dir / "kwok.yaml").read_text()
    (older.cluster_dir / "kwok.yaml").write_text(
        saved.replace("--client-cert-auth=true", "").replace("https://", "http://"))
    assert older.outdated()
