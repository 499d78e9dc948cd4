"""Where the light sandbox listens: kwokctl's configuration for its binary runtime.

kwokctl v0.8.0 starts etcd in plain HTTP without authentication and binds every component
to 0.0.0.0 by default. This configuration (`kwokctl create cluster --config`) changes that:

- `options.bindAddress: 127.0.0.1`: kube-controller-manager, kube-scheduler, kwok-controller
  and etcd listen on the loopback interface only;
- etcd serves HTTPS and requires a client certificate signed by the sandbox's CA
  (`--client-cert-auth`), on its client and peer ports alike; kube-apiserver presents one;
- kube-apiserver binds the address of the settings: 127.0.0.1 unless a cohort served from
  this machine asks for all interfaces (0.0.0.0), the only other accepted value, because the
  other components reach the API through 127.0.0.1.

kwokctl generates one PKI per cluster (`pki/ca.crt`, `pki/admin.crt`, `pki/admin.key`): the
admin certificate carries 127.0.0.1 among its names and both TLS usages, so it serves etcd
and authenticates kube-apiserver to it, as kwokctl already does for kube-apiserver itself.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import yaml

from ..errors import SandboxError
from ..settings import Settings

LOOPBACK = "127.0.0.1"
ALL_INTERFACES = ("0.0.0.0", "::")


def check_api_address(address: str) -> None:
    """Refuse a bind address the sandbox cannot work with, in French."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        ip = None
    if ip is None or not (ip.is_loopback or address in ALL_INTERFACES):
        raise SandboxError(
            f"Adresse d'écoute de l'API refusée : « {address} ».",
            "Utilisez 127.0.0.1 (défaut, cette machine seulement) ou, pour servir une cohorte "
            "depuis cette machine, 0.0.0.0 (toutes les interfaces) : les composants du bac à "
            "sable joignent l'API par 127.0.0.1.",
        )


def _override(key: str, value: str) -> dict:
    return {"key": key, "value": value, "override": True}


def _add(key: str, value: str) -> dict:
    return {"key": key, "value": value, "override": False}


def _etcd_args(settings: Settings, pki: Path) -> list[dict]:
    client = f"https://{LOOPBACK}:{settings.etcd_port}"
    peer = f"https://{LOOPBACK}:{settings.etcd_peer_port}"
    return [
        _override("listen-client-urls", client),
        _override("advertise-client-urls", client),
        _override("listen-peer-urls", peer),
        _override("initial-advertise-peer-urls", peer),
        _override("initial-cluster", f"node0={peer}"),
        _add("cert-file", str(pki / "admin.crt")),
        _add("key-file", str(pki / "admin.key")),
        _add("trusted-ca-file", str(pki / "ca.crt")),
        _add("client-cert-auth", "true"),
        _add("peer-cert-file", str(pki / "admin.crt")),
        _add("peer-key-file", str(pki / "admin.key")),
        _add("peer-trusted-ca-file", str(pki / "ca.crt")),
        _add("peer-client-cert-auth", "true"),
    ]


def _apiserver_args(settings: Settings, pki: Path) -> list[dict]:
    return [
        _override("bind-address", settings.api_address),
        _override("etcd-servers", f"https://{LOOPBACK}:{settings.etcd_port}"),
        _add("etcd-cafile", str(pki / "ca.crt")),
        _add("etcd-certfile", str(pki / "admin.crt")),
        _add("etcd-keyfile", str(pki / "admin.key")),
    ]


def _extra_names(settings: Settings) -> list[str]:
    """Names the API certificate must also carry when it listens beyond loopback."""
    if settings.api_address not in ALL_INTERFACES:
        return []
    return sorted({socket.gethostname(), socket.getfqdn()})


def kwokctl_configuration(settings: Settings, pki: Path) -> dict:
    """The KwokctlConfiguration document passed to `kwokctl create cluster --config`."""
    check_api_address(settings.api_address)
    options = {"bindAddress": LOOPBACK, "etcdPeerPort": settings.etcd_peer_port}
    names = _extra_names(settings)
    if names:
        options["kubeApiserverCertSANs"] = names
    return {
        "apiVersion": "config.kwok.x-k8s.io/v1alpha1",
        "kind": "KwokctlConfiguration",
        "options": options,
        "componentsPatches": [
            {"name": "etcd", "extraArgs": _etcd_args(settings, pki)},
            {"name": "kube-apiserver", "extraArgs": _apiserver_args(settings, pki)},
        ],
    }


def render(configuration: dict) -> str:
    return yaml.safe_dump(configuration, sort_keys=False)
