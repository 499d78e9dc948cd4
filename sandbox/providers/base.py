"""The provider interface: a handful of methods every sandbox implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..progress import Reporter


@dataclass(frozen=True)
class Capabilities:
    """What the running sandbox can do, so that a step needing more can degrade gracefully."""

    provider: str
    runtime: bool  # real containers run
    logs: str  # "real", "simulated" (kwok Logs resource) or "none"
    exec: bool
    port_forward: bool
    ingress: bool
    http_to_pods: bool
    zones: tuple[str, ...] = ()

    def describe(self) -> str:
        """A French sentence for the set-up cell of a notebook."""
        if self.runtime:
            return (
                f"Bac à sable « {self.provider} » : de vrais conteneurs tournent "
                "(journaux, exec, appels HTTP et ingress disponibles)."
            )
        return (
            f"Bac à sable « {self.provider} » : plan de contrôle Kubernetes réel, nœuds simulés "
            f"par kwok (zones : {', '.join(self.zones) or 'aucune'}). Aucun conteneur ne tourne : "
            "pas d'appel HTTP vers les pods ; les journaux sont simulés."
        )


@dataclass(frozen=True)
class Status:
    """The state of a sandbox as `cpn sandbox status` shows it."""

    provider: str
    name: str
    exists: bool
    api_ready: bool
    kubeconfig: Path | None = None
    server: str | None = None
    version: str | None = None
    nodes_ready: int = 0
    nodes_total: int = 0
    components: dict[str, bool] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return self.api_ready and self.nodes_total > 0 and self.nodes_ready == self.nodes_total


class Provider(Protocol):
    """A sandbox: the light control plane, kind or k3d."""

    name: str

    def up(self, reporter: Reporter) -> Status: ...

    def down(self, reporter: Reporter) -> bool: ...

    def status(self) -> Status: ...

    def reset(self, reporter: Reporter) -> Status: ...

    def kubeconfig(self) -> Path: ...

    def capabilities(self) -> Capabilities: ...

    def plan(self) -> list[list[str]]: ...
