"""Le bac à sable Kubernetes du kit : fournisseurs (léger, kind, k3d), namespaces, clients.

Notebooks import only what is listed in `__all__`.
"""

from __future__ import annotations

import json
import os

from .credentials import api_client, kubeconfig_path, restricted_kubeconfig
from .errors import SandboxError
from .fixtures import apply_fixtures, delete_fixtures, render_fixtures
from .namespaces import (
    cohort_namespace,
    delete_namespace,
    empty_namespace,
    grading,
    namespace_for,
    prepare_namespace,
)
from .objects import apply, explain
from .podhttp import HttpResponse, http_get
from .progress import Reporter
from .providers import Capabilities, Status, get_provider
from .settings import Settings

__all__ = [
    "Capabilities",
    "HttpResponse",
    "Reporter",
    "SandboxError",
    "Settings",
    "Status",
    "api_client",
    "apply",
    "apply_fixtures",
    "capabilities",
    "cohort_namespace",
    "current_settings",
    "delete_fixtures",
    "delete_namespace",
    "empty_namespace",
    "explain",
    "get_provider",
    "grading",
    "http_get",
    "kubeconfig_path",
    "namespace_for",
    "prepare_namespace",
    "render_fixtures",
    "restricted_kubeconfig",
]


def current_settings() -> Settings:
    """Settings of the sandbox in use: the provider recorded by the last `up` unless
    `CPN_PROVIDER` says otherwise."""
    settings = Settings.from_env()
    if "CPN_PROVIDER" not in os.environ and settings.state_file.is_file():
        try:
            recorded = json.loads(settings.state_file.read_text())["provider"]
            settings = settings.with_overrides(provider=recorded)
        except (ValueError, KeyError, OSError):
            pass
    return settings


def capabilities(settings: Settings | None = None) -> Capabilities:
    """Ce que le bac à sable en cours sait faire (conteneurs réels, journaux, ingress…)."""
    if grading() and settings is None:
        provider = os.environ.get("CPN_PROVIDER", "light")
        settings = Settings.from_env().with_overrides(provider=provider)
    return get_provider(settings or current_settings()).capabilities()
