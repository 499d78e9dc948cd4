"""kind and k3d: a full cluster in Docker on a learner's laptop.

Both need a container engine and pull images, so CI machines cannot create them; the tests
check the configuration files and the commands built here (`plan`).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import SandboxError, ToolMissing
from ..private import private_home
from ..progress import Reporter
from ..settings import Settings
from .base import Capabilities, Status

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
INSTALL_HINTS = {
    "docker": "Installez Docker Desktop ou Docker Engine (https://docs.docker.com/get-docker/) "
    "et démarrez-le.",
    "kind": "Installez kind v0.32 (https://kind.sigs.k8s.io/docs/user/quick-start/#installation).",
    "k3d": "Installez k3d v5 (https://k3d.io/#installation).",
}


@dataclass(frozen=True)
class ContainerProvider:
    """A cluster run by a tool in Docker; subclasses give the tool's commands."""

    settings: Settings
    name = "container"

    @property
    def config_file(self) -> Path:
        return CONFIG_DIR / f"{self.name}.yaml"

    def kubeconfig(self) -> Path:
        return self.settings.kubeconfig

    def capabilities(self) -> Capabilities:
        return Capabilities(
            provider=self.name, runtime=True, logs="real", exec=True, port_forward=True,
            ingress=True, http_to_pods=True, zones=("zone-a", "zone-b"),
        )

    # Commands ---------------------------------------------------------------------------
    def create_command(self) -> list[str]:
        raise NotImplementedError

    def delete_command(self) -> list[str]:
        raise NotImplementedError

    def kubeconfig_command(self) -> list[str]:
        raise NotImplementedError

    def list_command(self) -> list[str]:
        raise NotImplementedError

    def plan(self) -> list[list[str]]:
        return [self.create_command(), self.kubeconfig_command()]

    # Operations -------------------------------------------------------------------------
    def _require_tools(self) -> None:
        for tool in ("docker", self.name):
            if shutil.which(tool) is None:
                raise ToolMissing(
                    f"Le fournisseur « {self.name} » a besoin de « {tool} », introuvable.",
                    INSTALL_HINTS[tool] + " Sinon, utilisez le bac à sable léger : "
                    "cpn sandbox up --provider light",
                )
        if subprocess.run(["docker", "info"], capture_output=True).returncode != 0:
            raise ToolMissing(
                "Docker est installé mais son moteur ne répond pas.",
                "Démarrez Docker (Docker Desktop, ou « sudo systemctl start docker »), "
                "puis relancez.",
            )

    def _run(self, command: list[str]) -> str:
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-10:])
            raise SandboxError(
                f"« {' '.join(command[:3])} » a échoué :\n{tail}",
                f"Consultez la documentation de {self.name}, ou revenez au bac à sable léger.",
            )
        return result.stdout

    def exists(self) -> bool:
        return self.settings.name in self._run(self.list_command()).split()

    def up(self, reporter: Reporter) -> Status:
        self._require_tools()
        if not self.exists():
            with reporter.phase(f"Création du cluster {self.name} (téléchargement des images)"):
                self._run(self.create_command())
        self._write_kubeconfig()
        return self.status()

    def _write_kubeconfig(self) -> None:
        path = self.kubeconfig()
        private_home(self.settings.home)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.write_text(self._run(self.kubeconfig_command()))
        path.chmod(0o600)

    def down(self, reporter: Reporter) -> bool:
        self._require_tools()
        if not self.exists():
            return False
        with reporter.phase(f"Suppression du cluster {self.name}"):
            self._run(self.delete_command())
        self.kubeconfig().unlink(missing_ok=True)
        return True

    def reset(self, reporter: Reporter) -> Status:
        self.down(reporter)
        return self.up(reporter)

    def status(self) -> Status:
        from ..health import probe

        self._require_tools()
        if not self.exists():
            return Status(self.name, self.settings.name, exists=False, api_ready=False)
        return probe(self.name, self.settings.name, self.kubeconfig())


class KindProvider(ContainerProvider):
    name = "kind"

    def create_command(self) -> list[str]:
        return ["kind", "create", "cluster", "--name", self.settings.name,
                "--config", str(self.config_file), "--wait", "120s"]

    def delete_command(self) -> list[str]:
        return ["kind", "delete", "cluster", "--name", self.settings.name]

    def kubeconfig_command(self) -> list[str]:
        return ["kind", "get", "kubeconfig", "--name", self.settings.name]

    def list_command(self) -> list[str]:
        return ["kind", "get", "clusters"]


class K3dProvider(ContainerProvider):
    name = "k3d"

    def create_command(self) -> list[str]:
        return ["k3d", "cluster", "create", self.settings.name,
                "--config", str(self.config_file), "--wait", "--timeout", "120s"]

    def delete_command(self) -> list[str]:
        return ["k3d", "cluster", "delete", self.settings.name]

    def kubeconfig_command(self) -> list[str]:
        return ["k3d", "kubeconfig", "get", self.settings.name]

    def list_command(self) -> list[str]:
        return ["k3d", "cluster", "list", "--no-headers"]
