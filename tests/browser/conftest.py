"""A real JupyterLab server, started the way the kit's launches start it:
``eval "$(python -m cpnkit.lab env ARGS)"`` then ``jupyter lab``, from the root folder."""

from __future__ import annotations

import os
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Lab:
    url: str
    token: str
    root: Path
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of a GET on the server (errors are answers too)."""
        separator = "&" if "?" in path else "?"
        try:
            with urllib.request.urlopen(f"{self.url}{path}{separator}token={self.token}",
                                        timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def _kit_lab_env(root: Path, base: Mapping[str, str], *args: str) -> dict[str, str]:
    """The variables ``eval "$(python -m cpnkit.lab env ARGS)"`` exports, run from ``root``."""
    exports = subprocess.run([sys.executable, "-m", "cpnkit.lab", "env", *args], cwd=root,
                             env=dict(base), check=True, capture_output=True, text=True).stdout
    variables = {}
    for line in exports.splitlines():
        words = shlex.split(line)
        assert words[0] == "export", line
        name, _, value = words[1].partition("=")
        variables[name] = value
    return variables


def _isolated_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose Jupyter user folders and kit home live in ``tmp_path``."""
    env = {**os.environ, "CPN_HOME": str(tmp_path / "home"),
           "CPN_ANSWERS_DIR": str(tmp_path / "reponses"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "user-config"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings")}
    for name in ("NBGRADER_EXECUTION", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_WORKSPACES_DIR"):
        env.pop(name, None)
    return env


@pytest.fixture
def kit_lab(tmp_path) -> Iterator:
    """``launch(root, *args)``: the kit's JupyterLab on ``root``, its Jupyter user folders and
    kit home in ``tmp_path``; every server started is stopped after the test."""
    servers: list[subprocess.Popen] = []

    def launch(root: Path, *args: str, name: str = "jupyterlab") -> Lab:
        env = _isolated_env(tmp_path)
        env.update(_kit_lab_env(root, env, *args))
        port, token = _free_port(), secrets.token_hex(16)
        log = tmp_path / f"{name}.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
                 "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
                 *(["--allow-root"] if os.getuid() == 0 else [])],
                env=env, stdout=output, stderr=subprocess.STDOUT, cwd=root)
        servers.append(server)
        lab = Lab(f"http://127.0.0.1:{port}", token, root, log)
        _wait_for_server(lab, server)
        return lab

    yield launch
    for server in servers:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_server(lab: Lab, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab s'est arrêté au démarrage (voir {lab.log}).")
        try:
            with urllib.request.urlopen(f"{lab.url}/api/status?token={lab.token}", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("JupyterLab ne répond pas après 60 s.")
