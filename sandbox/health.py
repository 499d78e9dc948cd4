"""Is the API answering, are the nodes Ready: read through the real API."""

from __future__ import annotations

from pathlib import Path

import urllib3
from kubernetes import client, config
from kubernetes.client.rest import ApiException

from .polling import poll
from .providers.base import Status

__all__ = ["api_answers", "api_client", "default_service_account_exists", "poll", "probe"]

REQUEST_TIMEOUT = 3


def api_client(kubeconfig: Path) -> client.ApiClient:
    return config.new_client_from_config(config_file=str(kubeconfig))


def _node_ready(node: client.V1Node) -> bool:
    return any(c.type == "Ready" and c.status == "True" for c in node.status.conditions or [])


def probe(provider: str, name: str, kubeconfig: Path) -> Status:
    """Ask the API server what it knows; never raises for a cluster that is down."""
    base = Status(provider, name, exists=True, api_ready=False, kubeconfig=kubeconfig)
    if not kubeconfig.is_file():
        return base
    try:
        with api_client(kubeconfig) as api:
            version = client.VersionApi(api).get_code(_request_timeout=REQUEST_TIMEOUT)
            nodes = client.CoreV1Api(api).list_node(_request_timeout=REQUEST_TIMEOUT).items
            server = api.configuration.host
    except (ApiException, urllib3.exceptions.HTTPError, OSError, ValueError):
        return base
    return Status(
        provider, name, exists=True, api_ready=True, kubeconfig=kubeconfig, server=server,
        version=version.git_version, nodes_total=len(nodes),
        nodes_ready=sum(_node_ready(n) for n in nodes),
    )


def api_answers(kubeconfig: Path) -> bool:
    """True when /readyz answers ok (post-start hooks such as RBAC bootstrap are done)."""
    if not kubeconfig.is_file():
        return False
    try:
        with api_client(kubeconfig) as api:
            request = api.param_serialize("GET", "/readyz", auth_settings=["BearerToken"])
            response = api.call_api(*request, _request_timeout=REQUEST_TIMEOUT)
            return response.status == 200
    except (ApiException, urllib3.exceptions.HTTPError, OSError, ValueError):
        return False


def default_service_account_exists(kubeconfig: Path) -> bool:
    try:
        with api_client(kubeconfig) as api:
            client.CoreV1Api(api).read_namespaced_service_account(
                "default", "default", _request_timeout=REQUEST_TIMEOUT)
        return True
    except (ApiException, urllib3.exceptions.HTTPError, OSError, ValueError):
        return False
