"""One function per CCT rule: it returns what is wrong with one object, in French.

A rule function receives a Kubernetes object as plain data (a manifest, or a live object
serialised by the API client) and the rule settings, where `objects` holds every object
evaluated with it (a Service is judged against the pods it selects); it returns a list of
details, empty when the object complies. Dockerfile rules receive a parsed Dockerfile instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..files import Dockerfile

WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Pod"}
FORBIDDEN_SECURITY_FIELDS = ("runAsUser", "runAsGroup", "fsGroup", "allowPrivilegeEscalation",
                             "privileged")
PROBES = ("livenessProbe", "readinessProbe", "startupProbe")


def pod_spec(obj: dict) -> dict | None:
    """The pod specification of a workload (None for objects without pods)."""
    kind, spec = obj.get("kind"), obj.get("spec") or {}
    if kind == "Pod":
        return spec
    if kind == "CronJob":
        return ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template", {}).get("spec")
    if kind in WORKLOAD_KINDS:
        return (spec.get("template") or {}).get("spec")
    return None


def pod_labels(obj: dict) -> dict:
    kind, spec = obj.get("kind"), obj.get("spec") or {}
    if kind == "Pod":
        return (obj.get("metadata") or {}).get("labels") or {}
    if kind == "CronJob":
        template = ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}
    else:
        template = spec.get("template") or {}
    return (template.get("metadata") or {}).get("labels") or {}


def containers(obj: dict, include_init: bool = True) -> Iterator[dict]:
    spec = pod_spec(obj) or {}
    yield from spec.get("containers") or []
    if include_init:
        yield from spec.get("initContainers") or []


def labels_required(obj: dict, settings: dict) -> list[str]:
    if pod_spec(obj) is None:
        return []
    details = []
    places = {"metadata.labels": (obj.get("metadata") or {}).get("labels") or {}}
    if obj.get("kind") != "Pod":
        places["modèle de pod"] = pod_labels(obj)
    for place, labels in places.items():
        missing = [k for k in ("app", "env", "tier") if not labels.get(k)]
        if missing:
            details.append(f"{place} : manque {', '.join(missing)}")
        for key, allowed in settings["label_values"].items():
            if labels.get(key) and labels[key] not in allowed:
                details.append(f"{place} : {key}={labels[key]} n'est pas une valeur autorisée")
    return details


def _tag(image: str) -> str | None:
    if "@sha256:" in image:
        return "digest"
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def explicit_tag(obj: dict, settings: dict) -> list[str]:
    details = []
    for c in containers(obj):
        image, tag = c.get("image", ""), _tag(c.get("image", ""))
        if tag is None:
            details.append(f"{c.get('name')} : « {image} » n'a pas de tag")
        elif tag == "latest":
            details.append(f"{c.get('name')} : « {image} » utilise latest")
        # Without a tag the API server itself defaults the policy to Always: say it once.
        elif c.get("imagePullPolicy") not in (None, "IfNotPresent"):
            details.append(f"{c.get('name')} : imagePullPolicy={c['imagePullPolicy']}")
    return details


def resources_required(obj: dict, settings: dict) -> list[str]:
    details = []
    for c in containers(obj):
        resources = c.get("resources") or {}
        missing = [f"{part}.{res}" for part in ("requests", "limits") for res in ("cpu", "memory")
                   if res not in (resources.get(part) or {})]
        if missing:
            details.append(f"{c.get('name')} : manque {', '.join(missing)}")
    return details


def probe_required(obj: dict, settings: dict) -> list[str]:
    return [f"{c.get('name')} : aucune sonde" for c in containers(obj, include_init=False)
            if not any(c.get(p) for p in PROBES)]


def no_host_path(obj: dict, settings: dict) -> list[str]:
    volumes = (pod_spec(obj) or {}).get("volumes") or []
    return [f"volume « {v.get('name')} » en hostPath" for v in volumes if "hostPath" in v]


def no_node_port(obj: dict, settings: dict) -> list[str]:
    if obj.get("kind") != "Service":
        return []
    spec = obj.get("spec") or {}
    if spec.get("type") == "NodePort" or any(p.get("nodePort") for p in spec.get("ports") or []
                                             if spec.get("type") != "LoadBalancer"):
        return [f"type {spec.get('type', 'ClusterIP')} avec nodePort"]
    return []


def configmap_without_credentials(obj: dict, settings: dict) -> list[str]:
    if obj.get("kind") != "ConfigMap":
        return []
    forbidden = settings["forbidden_credential_keys"]
    keys = list(obj.get("data") or {}) + list(obj.get("binaryData") or {})
    return [f"clé « {k} »" for k in keys if any(word in k.lower() for word in forbidden)]


def registry_allowed(image: str, allowed: list[str]) -> bool:
    """Whether an image reference, as written, comes from an allowed registry.

    An entry that ends with "/" is a prefix cut at a path boundary: a registry host
    ("quay.io/") or a Docker Hub namespace ("bitnami/"). An entry without "/" names a registry
    by the first label of its host: "harbor" allows harbor.<domain>/… (and harbor:<port>/…),
    never harborevil.example/….
    """
    if any(image.startswith(entry) for entry in allowed if entry.endswith("/")):
        return True
    host, slash, path = image.partition("/")
    if not (slash and path):
        return False
    first_label = re.split(r"[.:]", host, maxsplit=1)[0]
    return any(first_label == entry for entry in allowed if not entry.endswith("/"))


def allowed_registries(obj: dict, settings: dict) -> list[str]:
    allowed = settings["allowed_registries"]
    return [f"{c.get('name')} : « {c.get('image')} »" for c in containers(obj)
            if not registry_allowed(str(c.get("image", "")), allowed)]


def _security_overrides(context: dict, where: str) -> list[str]:
    found = [f"{where}.{f}" for f in FORBIDDEN_SECURITY_FIELDS if f in context]
    if (context.get("capabilities") or {}).get("add"):
        found.append(f"{where}.capabilities.add")
    return found


def no_security_context_override(obj: dict, settings: dict) -> list[str]:
    spec = pod_spec(obj)
    if spec is None:
        return []
    found = _security_overrides(spec.get("securityContext") or {}, "pod")
    for c in containers(obj):
        found += _security_overrides(c.get("securityContext") or {}, c.get("name", "?"))
    return found


def _declared(container: dict) -> tuple[set[int], dict[str, int]]:
    """The ports a container declares: their numbers, and their names."""
    ports = [p for p in container.get("ports") or [] if isinstance(p.get("containerPort"), int)]
    return ({p["containerPort"] for p in ports},
            {p["name"]: p["containerPort"] for p in ports if p.get("name")})


def _port_issue(port: object, numbers: set[int], names: dict[str, int],
                undeclared: str) -> str | None:
    """What is wrong with a port a probe or a Service aims at (None if nothing): it is at or
    below 1024, or it is not declared (`undeclared` says by whom, in French)."""
    if isinstance(port, str) and not port.isdigit():
        if port not in names:
            return f"le port « {port} », {undeclared}"
        number, label = names[port], f"le port « {port} » ({names[port]})"
    elif isinstance(port, (int, str)):
        number = int(port)
        label = f"le port {number}"
    else:
        return None
    if number <= 1024:
        return label
    return None if number in numbers else f"{label}, {undeclared}"


def _probe_ports(container: dict) -> Iterator[tuple[str, object]]:
    for probe in PROBES:
        for handler in ("httpGet", "tcpSocket", "grpc"):
            port = ((container.get(probe) or {}).get(handler) or {}).get("port")
            if port is not None:
                yield probe, port


def _container_ports(container: dict) -> list[str]:
    name = container.get("name", "?")
    numbers, names = _declared(container)
    details = [f"{name} : containerPort {n}" for n in sorted(numbers) if n <= 1024]
    for probe, port in _probe_ports(container):
        if names.get(port, port) in numbers and names.get(port, port) <= 1024:
            continue  # a declared low port: said once, above
        issue = _port_issue(port, numbers, names, "que le conteneur ne déclare pas")
        if issue:
            details.append(f"{name} : la {probe} vise {issue}")
    return details


def _selected(service: dict, objects: list[dict]) -> list[dict]:
    """The workloads (bare pods included) whose pods a Service selects."""
    selector = (service.get("spec") or {}).get("selector") or {}
    return [obj for obj in objects if pod_spec(obj) is not None
            and all(pod_labels(obj).get(k) == v for k, v in selector.items())]


def _workload_ports(workload: dict) -> tuple[set[int], dict[str, int]]:
    numbers: set[int] = set()
    names: dict[str, int] = {}
    for container in containers(workload, include_init=False):
        declared = _declared(container)
        numbers |= declared[0]
        names |= declared[1]
    return numbers, names


def _service_ports(service: dict, objects: list[dict]) -> list[str]:
    if not (service.get("spec") or {}).get("selector"):
        return []  # no pods behind it (external name, endpoints written by hand)
    details, workloads = [], _selected(service, objects)
    for port in (service.get("spec") or {}).get("ports") or []:
        target = port.get("targetPort", port.get("port"))
        where = f"port {port.get('port')} du Service"
        if not workloads:  # its pods are not evaluated here: only a number can be judged
            issue = _port_issue(target, {target}, {}, "") if isinstance(target, int) else None
            details += [f"{where} : vise {issue}"] if issue else []
        for workload in workloads:
            owner = f"{workload.get('kind')}/{(workload.get('metadata') or {}).get('name', '?')}"
            issue = _port_issue(target, *_workload_ports(workload),
                                f"qu'aucun conteneur de {owner} ne déclare")
            details += [f"{where} : vise {issue}"] if issue else []
    return details


def unprivileged_port(obj: dict, settings: dict) -> list[str]:
    """Every port the application listens on is declared and above 1024: the ports its
    containers declare, and those its probes and the Services that select it aim at."""
    if obj.get("kind") == "Service":
        return _service_ports(obj, settings.get("objects") or [])
    details = []
    for container in containers(obj, include_init=False):
        details += _container_ports(container)
    return details


ObjectRule = Callable[[dict, dict], list[str]]
OBJECT_RULES: dict[str, ObjectRule] = {
    "labels-obligatoires": labels_required,
    "tag-explicite": explicit_tag,
    "ressources-requises": resources_required,
    "sonde-requise": probe_required,
    "pas-de-hostpath": no_host_path,
    "pas-de-nodeport": no_node_port,
    "configmap-sans-identifiants": configmap_without_credentials,
    "registres-autorises": allowed_registries,
    "securitycontext-interdit": no_security_context_override,
    "port-non-privilegie": unprivileged_port,
}


# Dockerfile rules -----------------------------------------------------------------------------
def rootless_image(dockerfile: Dockerfile, settings: dict) -> list[str]:
    details = []
    user = dockerfile.user
    if user is None or user in ("root", "0"):
        details.append(f"l'image finale tourne en root (USER {user or 'absent'})")
    details += [f"EXPOSE {p}" for p in dockerfile.exposed_ports if p <= 1024]
    return details


def pinned_base_image(dockerfile: Dockerfile, settings: dict) -> list[str]:
    stage_names = {i.arguments.split()[-1].lower() for i in dockerfile.instructions
                   if i.keyword == "FROM" and " as " in i.arguments.lower()}
    details = []
    for base in dockerfile.stages:
        if base.lower() in stage_names or base == "scratch":
            continue
        tag = _tag(base)
        if tag in (None, "latest"):
            details.append(f"FROM {base}")
    return details


def multi_stage_build(dockerfile: Dockerfile, settings: dict) -> list[str]:
    return [] if len(dockerfile.stages) > 1 else ["une seule étape FROM"]


DockerfileRule = Callable[[Dockerfile, dict], list[str]]
DOCKERFILE_RULES: dict[str, DockerfileRule] = {
    "port-non-privilegie": rootless_image,
    "image-de-base-epinglee": pinned_base_image,
    "build-multi-etapes": multi_stage_build,
}
