"""Sandbox providers behind one interface: light (default), kind, k3d."""

from __future__ import annotations

from ..errors import SandboxError
from ..settings import Settings
from .base import Capabilities, Provider, Status
from .containers import K3dProvider, KindProvider
from .light import LightProvider

PROVIDERS: dict[str, type] = {"light": LightProvider, "kind": KindProvider, "k3d": K3dProvider}

__all__ = ["PROVIDERS", "Capabilities", "Provider", "Status", "get_provider"]


def get_provider(settings: Settings) -> Provider:
    """The provider named in the settings."""
    try:
        return PROVIDERS[settings.provider](settings)
    except KeyError:
        raise SandboxError(
            f"Fournisseur de bac à sable inconnu : « {settings.provider} ».",
            f"Choisissez parmi : {', '.join(PROVIDERS)}.",
        ) from None
