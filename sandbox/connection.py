"""Kubernetes client failures told as the sandbox's root error.

The official client reports an unusable kubeconfig as `ConfigException` and an API server it
cannot reach as urllib3's `MaxRetryError` (refused, timed out, or a program on the port that
does not speak the Kubernetes API). `as_sandbox_error` turns each into one French line with
the command to run; the `cpn` entry point applies it once for every command.
"""

from __future__ import annotations

import os
import ssl
import traceback

from .errors import NotRunning, PortInUse, SandboxError, yaml_syntax

START_HINT = "Démarrez-le (ou redémarrez-le) : cpn sandbox up ; « cpn sandbox status » montre " \
             "son état."

KUBECONFIG_HINT = "Recréez-la en redémarrant le bac à sable : cpn sandbox down && cpn sandbox up"


def _raised_by_config_loader(error: BaseException) -> bool:
    import yaml

    if not isinstance(error, yaml.YAMLError | OSError):
        return False
    frames = traceback.extract_tb(error.__traceback__)
    return any(f"kubernetes{os.sep}config{os.sep}" in frame.filename for frame in frames)


def _address(error: Exception) -> tuple[str, int | None]:
    pool = getattr(error, "pool", None)
    host, port = getattr(pool, "host", None), getattr(pool, "port", None)
    scheme = getattr(pool, "scheme", "https")
    return (f"{scheme}://{host}:{port}" if host else "l'adresse du kubeconfig"), port


def _foreign(address: str, port: int | None) -> PortInUse:
    where = f"le port {port}" if port else "ce port"
    return PortInUse(
        f"Ce qui répond sur {address} n'est pas l'API Kubernetes du bac à sable : un autre "
        f"programme tient {where}.",
        f"« ss -ltnp | grep {port or 'PORT'} » montre qui le tient ; arrêtez-le puis "
        "« cpn sandbox up », ou démarrez le bac à sable sur un autre port : "
        "cpn sandbox down && cpn sandbox up --port 26444",
    )


def _unreachable(error: Exception) -> SandboxError:
    import urllib3

    address, port = _address(error)
    reason = getattr(error, "reason", None) or error
    if isinstance(reason, ssl.SSLError | urllib3.exceptions.SSLError
                  | urllib3.exceptions.ProtocolError):
        return _foreign(address, port)
    if isinstance(reason, urllib3.exceptions.NewConnectionError):  # before its base, timeout
        return NotRunning(f"Le bac à sable ne répond pas : connexion refusée sur {address}.",
                          START_HINT)
    if isinstance(reason, urllib3.exceptions.TimeoutError):
        return NotRunning(f"Le bac à sable ne répond pas dans les délais sur {address}.",
                          START_HINT)
    return NotRunning(f"Le bac à sable ne répond pas sur {address} ({type(reason).__name__}).",
                      START_HINT)


def as_sandbox_error(error: BaseException) -> SandboxError | None:
    """The French sandbox error for a Kubernetes client configuration or connection
    failure; None for anything else (which then propagates as a real bug)."""
    import urllib3
    from kubernetes.config import ConfigException

    if isinstance(error, ConfigException):
        detail = str(error)[:200].rstrip(".")
        return NotRunning(f"Configuration Kubernetes inutilisable : {detail}.", KUBECONFIG_HINT)
    if _raised_by_config_loader(error):  # a kubeconfig that is not YAML, or unreadable
        message, _ = yaml_syntax(error, "kubeconfig")
        return NotRunning(f"Kubeconfig illisible : {message}", KUBECONFIG_HINT)
    if isinstance(error, urllib3.exceptions.HTTPError):  # MaxRetryError included
        return _unreachable(error)
    if isinstance(error, ConnectionRefusedError):
        return NotRunning("Le bac à sable ne répond pas : connexion refusée.", START_HINT)
    return None
