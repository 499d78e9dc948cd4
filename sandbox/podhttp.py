"""HTTP to an application through the API server's port-forward (needs real containers)."""

from __future__ import annotations

from dataclasses import dataclass

from kubernetes import client
from kubernetes.stream import portforward

from .errors import SandboxError


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: str


def _target_port(service: dict, port: int) -> int:
    for entry in service["spec"].get("ports", []):
        if entry.get("port") == port:
            target = entry.get("targetPort", port)
            if isinstance(target, int):
                return target
    raise SandboxError(f"Le Service n'expose pas le port {port} (ou son targetPort est nommé).",
                       "Vérifiez spec.ports du Service.")


def http_get(api: client.ApiClient, namespace: str, service: str, port: int = 80,
             path: str = "/", timeout: float = 10) -> HttpResponse:
    """Faire un GET HTTP vers un pod prêt derrière un Service (kind ou k3d seulement)."""
    core = client.CoreV1Api(api)
    svc = api.sanitize_for_serialization(core.read_namespaced_service(service, namespace))
    selector = ",".join(f"{k}={v}" for k, v in (svc["spec"].get("selector") or {}).items())
    pods = [p for p in core.list_namespaced_pod(namespace, label_selector=selector).items
            if p.status.phase == "Running"]
    if not pods:
        raise SandboxError(f"Aucun pod en marche derrière le Service « {service} ».",
                           "Attendez que le Deployment soit prêt.")
    target = _target_port(svc, port)
    forward = portforward(core.connect_get_namespaced_pod_portforward,
                          pods[0].metadata.name, namespace, ports=str(target))
    sock = forward.socket(target)
    sock.settimeout(timeout)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {service}\r\nConnection: close\r\n\r\n".encode())
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    sock.close()
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return HttpResponse(status, body.decode(errors="replace"))
