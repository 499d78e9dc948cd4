"""The light sandbox: a real control plane, nodes played by kwok, no container engine.

etcd, kube-apiserver, kube-controller-manager and kube-scheduler are the real binaries;
kwok marks pods Running/Ready on fake nodes. Lifecycle goes through kwokctl's binary
runtime, pointed at the binaries of the kit's cache, with the configuration of
`listening.py` (loopback only, etcd behind client TLS) and a home only its owner reads.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

from filelock import FileLock

from ..admission import ensure_policies
from ..binaries import cached_paths, ensure_binaries
from ..errors import ApiNotReady, ComponentFailed, PortInUse
from ..health import api_answers, api_client, default_service_account_exists, poll, probe
from ..nodes import ensure_nodes
from ..private import PRIVATE_UMASK, private_file, private_home
from ..progress import Reporter
from ..settings import Settings
from .base import Capabilities, Status
from .listening import check_api_address, kwokctl_configuration, render

COMPONENTS = ("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler",
              "kwok-controller")
# kwok's simulated logs: a `Logs`/`ClusterLogs` object points pods at a file (CRI format).
SIMULATED_CRDS = "Logs,ClusterLogs"
BINARY_FLAGS = {
    "kube-apiserver": "--kube-apiserver-binary",
    "kube-controller-manager": "--kube-controller-manager-binary",
    "kube-scheduler": "--kube-scheduler-binary",
    "etcd": "--etcd-binary",
    "kwok": "--kwok-controller-binary",
}


class LightProvider:
    """The default provider; needs no container engine (fits Binder and CI)."""

    name = "light"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workdir = settings.home / "kwok"
        self.cluster_dir = self.workdir / "clusters" / settings.name

    # Interface --------------------------------------------------------------------------
    def kubeconfig(self) -> Path:
        return self.settings.kubeconfig

    def capabilities(self) -> Capabilities:
        from ..nodes import load_nodes

        zones = tuple(sorted({n.zone for n in load_nodes().nodes}))
        return Capabilities(
            provider=self.name, runtime=False, logs="simulated", exec=False,
            port_forward=False, ingress=False, http_to_pods=False, zones=zones,
        )

    def plan(self) -> list[list[str]]:
        """kwokctl's command, then the configuration file it reads (as comment lines)."""
        configuration = render(kwokctl_configuration(self.settings, self.pki_dir))
        return [self._create_command(cached_paths(self.settings.cache_dir)),
                [f"# {self.config_file} :"],
                *([f"#   {line}"] for line in configuration.splitlines())]

    @property
    def pki_dir(self) -> Path:
        """kwokctl's PKI of the cluster: CA, admin certificate and key (etcd uses them too)."""
        return self.cluster_dir / "pki"

    @property
    def config_file(self) -> Path:
        return self.workdir / f"{self.settings.name}.kwokctl.yaml"

    def status(self) -> Status:
        if not self.exists():
            return Status(self.name, self.settings.name, exists=False, api_ready=False)
        found = probe(self.name, self.settings.name, self.kubeconfig())
        return Status(**{**found.__dict__, "components": self.components_alive()})

    def up(self, reporter: Reporter) -> Status:
        check_api_address(self.settings.api_address)
        private_home(self.settings.home)
        with FileLock(self.settings.lock_file):
            alive = self.components_alive()
            if not alive["kube-apiserver"]:  # held by another program: say so before any build
                self._check_ports(etcd=not alive["etcd"])
            binaries = ensure_binaries(self.settings.cache_dir, reporter)
            self._link_kubectl(binaries["kubectl"])
            if self.exists() and self.outdated():
                reporter.info("Ce bac à sable a été créé par une version précédente du kit (etcd "
                              "sans TLS, écoute sur toutes les interfaces) : il est recréé.")
                self._delete_cluster()
            if not self.exists():
                self._create(binaries, reporter)
            elif not all(self.components_alive().values()):  # a crash or a reboot
                self._recover(binaries, reporter)
            self._wait_api(reporter)  # running: a busy API is waited for, never recreated
            with reporter.phase("Nœuds kwok, règles d'admission et compte de service par défaut"):
                ensure_nodes(self.kubeconfig())
                with api_client(self.kubeconfig()) as admin:
                    ensure_policies(admin)
                self._wait_ready()
            self._write_state()
            private_home(self.settings.home)
            private_file(self.kubeconfig())
        return self.status()

    def down(self, reporter: Reporter) -> bool:
        with FileLock(self.settings.lock_file):
            if not self.exists():
                return False
            with reporter.phase("Arrêt et suppression du bac à sable léger"):
                self._delete_cluster()
            self.kubeconfig().unlink(missing_ok=True)
            self.settings.state_file.unlink(missing_ok=True)
            return True

    def reset(self, reporter: Reporter) -> Status:
        self.down(reporter)
        return self.up(reporter)

    # Steps ------------------------------------------------------------------------------
    def exists(self) -> bool:
        return (self.cluster_dir / "kwok.yaml").is_file()

    def outdated(self) -> bool:
        """A cluster created without `listening.py`'s configuration: etcd in plain HTTP."""
        try:
            saved = (self.cluster_dir / "kwok.yaml").read_text()
        except OSError:
            return False
        return "--client-cert-auth=true" not in saved

    def _create(self, binaries: dict[str, Path], reporter: Reporter) -> None:
        self._check_ports()
        self.config_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.config_file.write_text(render(kwokctl_configuration(self.settings, self.pki_dir)))
        with reporter.phase("Démarrage du plan de contrôle (etcd, API, contrôleurs, kwok)"):
            result = self._kwokctl(self._create_command(binaries)[1:], check=False)
        if result.returncode != 0:
            raise self._start_failure(result.stdout + result.stderr)

    def _recover(self, binaries: dict[str, Path], reporter: Reporter) -> None:
        """A stale cluster (crash, reboot): restart the dead components, else recreate."""
        with reporter.phase("Reprise d'un bac à sable arrêté (redémarrage des composants)"):
            self._forget_dead_pids()
            result = self._kwokctl(["start", "cluster", "--name", self.settings.name,
                                    "--timeout", f"{self.settings.timeout:.0f}s"], check=False)
        if result.returncode == 0 and poll(lambda: api_answers(self.kubeconfig()),
                                           self.settings.timeout):
            return
        if result.returncode == 0 and all(self.components_alive().values()):
            return  # every component runs: _wait_api decides, the data is kept
        reporter.info("Reprise impossible : le bac à sable est recréé à neuf.")
        self._delete_cluster()
        self._create(binaries, reporter)

    def _delete_cluster(self) -> None:
        pids = self._pids()
        if cached_paths(self.settings.cache_dir)["kwokctl"].is_file():
            self._kwokctl(["delete", "cluster", "--name", self.settings.name,
                           "--kubeconfig", str(self.kubeconfig())], check=False)
        else:  # the cache was emptied: stop the components ourselves
            for component, pid in pids.items():
                if process_alive(pid, component):
                    os.kill(pid, signal.SIGTERM)
        _wait_exited(pids)
        shutil.rmtree(self.cluster_dir, ignore_errors=True)

    def _wait_api(self, reporter: Reporter) -> None:
        def settled() -> bool:
            return api_answers(self.kubeconfig()) or not all(self.components_alive().values())

        with reporter.phase("Attente de l'API Kubernetes"):
            poll(settled, self.settings.timeout)
        if not api_answers(self.kubeconfig()):
            raise self._start_failure("")

    def _api_timeout(self) -> ApiNotReady:
        return ApiNotReady(
            f"L'API Kubernetes ne répond pas après {self.settings.timeout:.0f} s."
            + self._log_tails(["kube-apiserver", "etcd"]),
            "Relancez « cpn sandbox up » ; si cela persiste, « cpn sandbox reset », ou "
            "augmentez le délai avec CPN_SANDBOX_TIMEOUT=180.",
        )

    def _wait_ready(self) -> None:
        def ready() -> bool:
            found = probe(self.name, self.settings.name, self.kubeconfig())
            return found.healthy and default_service_account_exists(self.kubeconfig())

        if not poll(ready, self.settings.timeout):
            raise ApiNotReady(
                "Les nœuds kwok ne sont pas prêts ou le compte de service « default » "
                f"n'existe pas après {self.settings.timeout:.0f} s."
                + self._log_tails(["kwok-controller", "kube-controller-manager"]),
                "Relancez « cpn sandbox reset ».",
            )

    # Helpers ----------------------------------------------------------------------------
    def _create_command(self, binaries: dict[str, Path]) -> list[str]:
        command = [
            str(binaries["kwokctl"]), "create", "cluster", "--name", self.settings.name,
            "--runtime", "binary", "--config", str(self.config_file),
            "--kube-apiserver-port", str(self.settings.port),
            "--etcd-port", str(self.settings.etcd_port),
            "--kube-authorization=true", "--kube-admission=true",
            f"--enable-crds={SIMULATED_CRDS}",
            "--kubeconfig", str(self.kubeconfig()), "--timeout", f"{self.settings.timeout:.0f}s",
        ]
        for binary, flag in BINARY_FLAGS.items():
            command += [flag, str(binaries[binary])]
        return command

    def _kwokctl(self, args: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        kwokctl = cached_paths(self.settings.cache_dir)["kwokctl"]
        return subprocess.run([str(kwokctl), *args], env=self._env(), capture_output=True,
                              text=True, check=check, timeout=300, umask=PRIVATE_UMASK)

    def _env(self) -> dict[str, str]:
        kubectl = self.settings.bin_dir / "kubectl"
        return {
            **os.environ,
            "KWOK_WORKDIR": str(self.workdir),
            "KWOK_KUBECTL_BINARY": str(kubectl),
            "PATH": f"{self.settings.bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        }

    def _check_ports(self, etcd: bool = True) -> None:
        """The API port and etcd's two (the next ones) must be free on loopback; etcd's are
        not checked while the sandbox's own etcd still holds them."""
        ports = [(self.settings.port, "de l'API Kubernetes")]
        if etcd:
            ports += [(self.settings.etcd_port, "d'etcd (clients)"),
                      (self.settings.etcd_peer_port, "d'etcd (pairs)")]
        for port, role in ports:
            if not _port_free(port) and (_listened(port) or not poll(
                    lambda port=port: _port_free(port), PORT_RELEASE_SECONDS)):
                raise PortInUse(
                    f"Le port {port} {role} est déjà utilisé par un autre programme (le bac à "
                    "sable prend le port de l'API et les deux suivants, pour etcd).",
                    f"Libérez-le (« ss -ltnp | grep {port} » montre qui le tient) ou "
                    "choisissez un autre port pour l'API : cpn sandbox up --port 26543",
                )

    def _link_kubectl(self, kubectl: Path) -> None:
        link = self.settings.bin_dir / "kubectl"
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            if link.resolve() == kubectl.resolve():
                return
            link.unlink()
        link.symlink_to(kubectl)

    def _pids(self) -> dict[str, int]:
        pids = {}
        for component in COMPONENTS:
            try:
                pid_file = self.cluster_dir / "pids" / f"{component}.pid"
                pids[component] = int(pid_file.read_text().strip())
            except (OSError, ValueError):
                continue
        return pids

    def components_alive(self) -> dict[str, bool]:
        pids = self._pids()
        return {c: c in pids and process_alive(pids[c], c) for c in COMPONENTS}

    def resident_memory_mb(self) -> dict[str, float]:
        """Resident memory (VmRSS) of each running component, in MB."""
        sizes = {}
        for component, pid in self._pids().items():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    sizes[component] = int(line.split()[1]) / 1024
        return sizes

    def _forget_dead_pids(self) -> None:
        """kwokctl trusts its pid files: drop those of dead (or zombie, or reused) pids."""
        for component, alive in self.components_alive().items():
            if not alive:
                (self.cluster_dir / "pids" / f"{component}.pid").unlink(missing_ok=True)

    def _log_tails(self, components: list[str], lines: int = 15) -> str:
        parts = []
        for component in components:
            log = self.cluster_dir / "logs" / f"{component}.log"
            if log.is_file():
                tail = log.read_text(errors="replace").splitlines()[-lines:]
                parts.append(f"\n--- fin du journal de {component} ({log}) ---\n" + "\n".join(tail))
        return "".join(parts)

    def _start_failure(self, output: str) -> ComponentFailed | ApiNotReady:
        dead = [c for c, ok in self.components_alive().items() if not ok]
        if not dead:
            return self._api_timeout()
        return ComponentFailed(
            "Le bac à sable léger n'a pas pu démarrer : "
            f"composant(s) arrêté(s) : {', '.join(dead)}."
            + self._log_tails(dead[:2])
            + (f"\n--- kwokctl ---\n{_tail(output, 8)}" if output.strip() else ""),
            "Corrigez la cause indiquée dans le journal, puis « cpn sandbox reset ». "
            "Un binaire abîmé se reconstruit avec « cpn sandbox install --force ».",
        )

    def _write_state(self) -> None:
        state = {"provider": self.name, "name": self.settings.name,
                 "kubeconfig": str(self.kubeconfig()), "port": self.settings.port}
        self.settings.state_file.write_text(json.dumps(state, indent=2) + "\n")


# a component that has just died may keep its port a moment while the kernel closes its
# connections (nobody listens any more): that port is waited for, a listened one is not
PORT_RELEASE_SECONDS = 10


def _listened(port: int) -> bool:
    with socket.socket() as probe_socket:
        probe_socket.settimeout(1)
        return probe_socket.connect_ex(("127.0.0.1", port)) == 0


def _port_free(port: int) -> bool:
    with socket.socket() as probe_socket:
        probe_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe_socket.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def process_alive(pid: int, component: str | None = None) -> bool:
    """True for a running process (of `component`, when given: a pid reused after a reboot
    does not count); a zombie (exited, not yet reaped) counts as dead."""
    proc = Path(f"/proc/{pid}")
    try:
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        argv = (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")[:2]
    except (OSError, IndexError):
        return False
    return state != "Z" and (component is None or any(a.endswith(f"/{component}") for a in argv))


def _wait_exited(pids: dict[str, int], timeout: float = 20) -> None:
    if not poll(lambda: not any(process_alive(p) for p in pids.values()), timeout, 0.1):
        for pid in pids.values():
            if process_alive(pid):
                os.kill(pid, signal.SIGKILL)
