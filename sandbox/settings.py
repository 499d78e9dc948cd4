"""Where the sandbox keeps its files, and the precedence of its settings.

Precedence, stated once: command-line flag > `CPN_*` environment variable > defaults below.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_NAME = "cpn"
# Below Linux's ephemeral range (32768-60999), so that no outgoing connection can hold it.
DEFAULT_PORT = 26443
DEFAULT_PROVIDER = "light"
# The API server listens on loopback only, unless a cohort is served from this machine.
DEFAULT_API_ADDRESS = "127.0.0.1"


def _path_from_env(variable: str, default: Path) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else default


@dataclass(frozen=True)
class Settings:
    """Locations and choices of one sandbox."""

    name: str
    provider: str
    port: int
    home: Path
    cache_dir: Path
    timeout: float
    api_address: str = DEFAULT_API_ADDRESS

    @classmethod
    def from_env(cls) -> Settings:
        xdg_cache = _path_from_env("XDG_CACHE_HOME", Path.home() / ".cache")
        return cls(
            name=os.environ.get("CPN_SANDBOX_NAME", DEFAULT_NAME),
            provider=os.environ.get("CPN_PROVIDER", DEFAULT_PROVIDER),
            port=int(os.environ.get("CPN_SANDBOX_PORT", DEFAULT_PORT)),
            home=_path_from_env("CPN_HOME", Path.home() / ".cpn-kit"),
            cache_dir=_path_from_env("CPN_CACHE_DIR", xdg_cache / "cpn-kit"),
            timeout=float(os.environ.get("CPN_SANDBOX_TIMEOUT", 90)),
            api_address=os.environ.get("CPN_SANDBOX_API_ADDRESS", DEFAULT_API_ADDRESS),
        )

    def with_overrides(self, **values: object) -> Settings:
        """Apply command-line flags (None means: not given)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    @property
    def etcd_port(self) -> int:
        """etcd's client port: the one after the API's (loopback only, TLS)."""
        return self.port + 1

    @property
    def etcd_peer_port(self) -> int:
        """etcd's peer port: two after the API's (loopback only, TLS)."""
        return self.port + 2

    @property
    def kubeconfig(self) -> Path:
        """The kubeconfig notebooks pick up without the learner doing anything."""
        return _path_from_env("CPN_KUBECONFIG", self.home / f"{self.name}.kubeconfig")

    @property
    def state_file(self) -> Path:
        return self.home / f"{self.name}.json"

    @property
    def lock_file(self) -> Path:
        return self.home / f"{self.name}.lock"

    @property
    def bin_dir(self) -> Path:
        """Where the kit links the binaries notebooks use (kubectl)."""
        return self.home / "bin"
