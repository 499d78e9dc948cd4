"""Checks on live cluster state, read again through the API (never from kernel objects).

Every function takes a Kubernetes `ApiClient`, so it works on the light sandbox, kind, k3d or
a real Cloud Pi Native cluster, and returns a `CheckResult` in French.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from kubernetes import client
from kubernetes.client.rest import ApiException
from kubernetes.utils import parse_quantity

from .results import CheckResult, failed, passed

ZONE_LABEL = "topology.kubernetes.io/zone"

_READERS: dict[str, Callable[[client.ApiClient], Callable]] = {
    "Deployment": lambda api: client.AppsV1Api(api).read_namespaced_deployment,
    "Service": lambda api: client.CoreV1Api(api).read_namespaced_service,
    "ConfigMap": lambda api: client.CoreV1Api(api).read_namespaced_config_map,
    "Secret": lambda api: client.CoreV1Api(api).read_namespaced_secret,
    "PodDisruptionBudget":
        lambda api: client.PolicyV1Api(api).read_namespaced_pod_disruption_budget,
    "ResourceQuota": lambda api: client.CoreV1Api(api).read_namespaced_resource_quota,
}


def read(api: client.ApiClient, kind: str, namespace: str, name: str) -> dict | None:
    """The object as plain JSON data (camelCase keys, as in a manifest), or None if absent."""
    try:
        found = _READERS[kind](api)(name, namespace)
    except ApiException as error:
        if error.status == 404:
            return None
        raise
    return api.sanitize_for_serialization(found)


def _missing(kind: str, name: str, namespace: str, hint: str) -> CheckResult:
    return failed(f"{kind} « {name} »", f"un objet {kind} nommé « {name} » dans {namespace}",
                  "aucun objet de ce nom", hint, final=True)


def pods(api: client.ApiClient, namespace: str, selector: dict[str, str]) -> list[dict]:
    text = ",".join(f"{k}={v}" for k, v in selector.items())
    found = client.CoreV1Api(api).list_namespaced_pod(namespace, label_selector=text).items
    return [api.sanitize_for_serialization(p) for p in found]


def _containers(workload: dict) -> list[dict]:
    return workload["spec"]["template"]["spec"].get("containers", [])


def deployment_ready(api: client.ApiClient, namespace: str, name: str,
                     replicas: int | None = None) -> CheckResult:
    """Le Deployment existe, son déploiement est terminé et `replicas` pods sont prêts."""
    what = f"Deployment « {name} » prêt" + (f" avec {replicas} réplicas" if replicas else "")
    deployment = read(api, "Deployment", namespace, name)
    if deployment is None:
        return _missing("Deployment", name, namespace, "Créez-le, puis relancez la vérification.")
    spec, status = deployment["spec"], deployment.get("status", {})
    wanted = spec.get("replicas", 1) if replicas is None else replicas
    ready, updated = status.get("readyReplicas", 0), status.get("updatedReplicas", 0)
    if spec.get("replicas", 1) != wanted:
        return failed(what, f"spec.replicas = {wanted}",
                      f"spec.replicas = {spec.get('replicas', 1)}",
                      "Changez le nombre de réplicas (champ spec.replicas) puis réappliquez.",
                      final=True)
    if ready != wanted or updated != wanted:
        return failed(what, f"{wanted} pods prêts et à jour",
                      f"{ready} prêt(s), {updated} à jour",
                      "Attendez la fin du déploiement ; sinon regardez les événements du "
                      "namespace (kubectl get events).")
    return passed(what)


def service_selects(api: client.ApiClient, namespace: str, service: str,
                    deployment: str) -> CheckResult:
    """Le Service sélectionne exactement les pods du Deployment et a des endpoints prêts."""
    what = f"Service « {service} » branché sur les pods de « {deployment} »"
    svc = read(api, "Service", namespace, service)
    if svc is None:
        return _missing("Service", service, namespace, "Créez le Service.")
    dep = read(api, "Deployment", namespace, deployment)
    if dep is None:
        return _missing("Deployment", deployment, namespace, "Créez d'abord le Deployment.")
    selector = svc["spec"].get("selector") or {}
    labels = dep["spec"]["template"]["metadata"].get("labels", {})
    if not selector or any(labels.get(k) != v for k, v in selector.items()):
        return failed(what, f"un sélecteur inclus dans les labels des pods {labels}",
                      f"sélecteur {selector}",
                      "Le spec.selector du Service doit reprendre des labels du modèle de pod.",
                      final=True)
    ports = {p.get("containerPort") for c in _containers(dep) for p in c.get("ports", [])}
    targets = {p.get("targetPort") for p in svc["spec"].get("ports", [])}
    if not targets & ports:
        return failed(what, f"un targetPort parmi les ports des conteneurs {sorted(ports)}",
                      f"targetPort {sorted(map(str, targets))}",
                      "Le targetPort du Service est le port sur lequel écoute le conteneur.",
                      final=True)
    return _endpoints_ready(api, namespace, service, what)


def _endpoints_ready(api: client.ApiClient, namespace: str, service: str,
                     what: str) -> CheckResult:
    slices = client.DiscoveryV1Api(api).list_namespaced_endpoint_slice(
        namespace, label_selector=f"kubernetes.io/service-name={service}").items
    ready = [a for s in slices for e in (s.endpoints or []) if e.conditions.ready
             for a in e.addresses]
    if not ready:
        return failed(what, "au moins un endpoint prêt", "aucun endpoint prêt",
                      "Vérifiez que des pods correspondant au sélecteur sont prêts.")
    return passed(what)


def configmap_has(api: client.ApiClient, namespace: str, name: str,
                  expected: dict[str, str]) -> CheckResult:
    """La ConfigMap contient exactement ces clés et valeurs (d'autres clés sont permises)."""
    what = f"ConfigMap « {name} »"
    found = read(api, "ConfigMap", namespace, name)
    if found is None:
        return _missing("ConfigMap", name, namespace, "Créez la ConfigMap.")
    data = found.get("data") or {}
    wrong = {k: data.get(k) for k, v in expected.items() if data.get(k) != v}
    if wrong:
        return failed(what, str(expected), str({k: data.get(k) for k in expected}),
                      f"Corrigez la ou les clés : {', '.join(wrong)}.")
    return passed(what)


def secret_has(api: client.ApiClient, namespace: str, name: str,
               expected: dict[str, str]) -> CheckResult:
    """Le Secret contient ces clés avec ces valeurs (décodées)."""
    what = f"Secret « {name} »"
    found = read(api, "Secret", namespace, name)
    if found is None:
        return _missing("Secret", name, namespace, "Créez le Secret.")
    data = {k: base64.b64decode(v).decode(errors="replace")
            for k, v in (found.get("data") or {}).items()}
    missing = [k for k, v in expected.items() if data.get(k) != v]
    if missing:
        return failed(what, f"les clés {sorted(expected)} avec les valeurs demandées",
                      f"clés présentes {sorted(data)}",
                      f"Vérifiez la ou les clés : {', '.join(missing)}.")
    return passed(what)


def labels_present(api: client.ApiClient, namespace: str, kind: str, name: str,
                   expected: dict[str, str | None]) -> CheckResult:
    """L'objet porte ces labels (valeur None : seule la présence compte)."""
    what = f"labels de {kind} « {name} »"
    found = read(api, kind, namespace, name)
    if found is None:
        return _missing(kind, name, namespace, f"Créez le {kind}.")
    labels = found["metadata"].get("labels") or {}
    wrong = [k for k, v in expected.items()
             if k not in labels or (v is not None and labels[k] != v)]
    if wrong:
        return failed(what, str(expected), str(labels),
                      f"Ajoutez ou corrigez : {', '.join(wrong)} (dans metadata.labels).")
    return passed(what)


def resources_set(api: client.ApiClient, namespace: str, deployment: str) -> CheckResult:
    """Chaque conteneur déclare requests et limits en CPU et en mémoire."""
    what = f"requests et limits des conteneurs de « {deployment} »"
    dep = read(api, "Deployment", namespace, deployment)
    if dep is None:
        return _missing("Deployment", deployment, namespace, "Créez le Deployment.")
    gaps = [f"{c['name']}.{part}.{res}" for c in _containers(dep)
            for part in ("requests", "limits") for res in ("cpu", "memory")
            if res not in (c.get("resources") or {}).get(part, {})]
    if gaps:
        return failed(what, "cpu et memory en requests et en limits",
                      f"manquant : {', '.join(gaps)}",
                      "Ajoutez resources.requests et resources.limits à chaque conteneur.")
    return passed(what)


def probes_set(api: client.ApiClient, namespace: str, deployment: str) -> CheckResult:
    """Chaque conteneur a au moins une sonde (liveness, readiness ou startup)."""
    what = f"sondes des conteneurs de « {deployment} »"
    dep = read(api, "Deployment", namespace, deployment)
    if dep is None:
        return _missing("Deployment", deployment, namespace, "Créez le Deployment.")
    bare = [c["name"] for c in _containers(dep)
            if not any(c.get(p) for p in ("livenessProbe", "readinessProbe", "startupProbe"))]
    if bare:
        return failed(what, "au moins une sonde par conteneur", f"sans sonde : {', '.join(bare)}",
                      "Ajoutez une readinessProbe (et idéalement une livenessProbe).")
    return passed(what)


def resources_are(api: client.ApiClient, namespace: str, deployment: str,
                  requests: dict[str, str], limits: dict[str, str]) -> CheckResult:
    """Chaque conteneur du Deployment demande ces requests et ces limits, quantité par
    quantité (« 0.1 » vaut « 100m », « 64Mi » vaut « 67108864 »)."""
    what = f"requests et limits des conteneurs de « {deployment} »"
    dep = read(api, "Deployment", namespace, deployment)
    if dep is None:
        return _missing("Deployment", deployment, namespace, "Créez le Deployment.")
    wanted = {"requests": requests, "limits": limits}
    wrong = []
    for c in _containers(dep):
        for part, values in wanted.items():
            found = (c.get("resources") or {}).get(part) or {}
            if any(key not in found or parse_quantity(found[key]) != parse_quantity(value)
                   for key, value in values.items()):
                wrong.append(f"{c['name']} : {part} {found or 'absentes'}")
    if wrong:
        return failed(what, f"requests {requests} et limits {limits}", "; ".join(wrong),
                      "Reprenez les valeurs de l'énoncé dans resources.requests et "
                      "resources.limits de chaque conteneur.")
    return passed(what)


PROBE_HANDLERS = ("httpGet", "tcpSocket", "grpc", "exec")


def _probe_seen(container: dict, probe: str, handler: str) -> dict | str:
    """The probe's handler with a named port replaced by its number, or what is there instead."""
    given = container.get(probe) or {}
    if handler not in given:
        kinds = [k for k in PROBE_HANDLERS if k in given]
        return f"de type {kinds[0]}" if kinds else "absente"
    names = {p["name"]: p.get("containerPort") for p in container.get("ports") or []
             if p.get("name")}
    seen = dict(given[handler])
    if "port" in seen:
        seen["port"] = names.get(seen["port"], seen["port"])
    return seen


def probe_is(api: client.ApiClient, namespace: str, deployment: str, probe: str,
             handler: str, **values: object) -> CheckResult:
    """Chaque conteneur du Deployment a cette sonde (`readinessProbe`…), de ce type
    (`httpGet`, `tcpSocket`, `grpc`, `exec`), avec ces valeurs ; un port nommé vaut le
    numéro qu'il désigne dans les ports du conteneur."""
    what = f"{probe} des conteneurs de « {deployment} »"
    dep = read(api, "Deployment", namespace, deployment)
    if dep is None:
        return _missing("Deployment", deployment, namespace, "Créez le Deployment.")
    expected = f"{handler} avec " + ", ".join(f"{k} = {v!r}" for k, v in values.items())
    wrong = []
    for c in _containers(dep):
        seen = _probe_seen(c, probe, handler)
        if isinstance(seen, str):
            wrong.append(f"{c['name']} : {probe} {seen}")
            continue
        wrong += [f"{c['name']} : {key} = {seen.get(key)!r}" for key, value in values.items()
                  if seen.get(key) != value]
    if wrong:
        return failed(what, expected, "; ".join(wrong),
                      f"Écrivez dans chaque conteneur : {probe} → {handler} avec ces valeurs.")
    return passed(what)


def pdb_protects(api: client.ApiClient, namespace: str, name: str, deployment: str,
                 min_available: int | None = None) -> CheckResult:
    """Le PodDisruptionBudget couvre les pods du Deployment (et garde `min_available`)."""
    what = f"PodDisruptionBudget « {name} » sur « {deployment} »"
    pdb = read(api, "PodDisruptionBudget", namespace, name)
    if pdb is None:
        return _missing("PodDisruptionBudget", name, namespace, "Créez le PodDisruptionBudget.")
    dep = read(api, "Deployment", namespace, deployment)
    labels = dep["spec"]["template"]["metadata"].get("labels", {}) if dep else {}
    selector = (pdb["spec"].get("selector") or {}).get("matchLabels") or {}
    if not selector or any(labels.get(k) != v for k, v in selector.items()):
        return failed(what, f"un sélecteur inclus dans {labels}", f"sélecteur {selector}",
                      "Reprenez les labels des pods dans spec.selector.matchLabels.")
    if min_available is not None and pdb["spec"].get("minAvailable") != min_available:
        return failed(what, f"minAvailable = {min_available}",
                      f"minAvailable = {pdb['spec'].get('minAvailable')}", "")
    return passed(what)


def spread_across_zones(api: client.ApiClient, namespace: str, selector: dict[str, str],
                        min_zones: int = 2) -> CheckResult:
    """Les pods sélectionnés tournent dans au moins `min_zones` zones différentes."""
    what = f"pods {selector} répartis sur {min_zones} zones"
    nodes = {n.metadata.name: (n.metadata.labels or {}).get(ZONE_LABEL)
             for n in client.CoreV1Api(api).list_node().items}
    running = [p for p in pods(api, namespace, selector) if p["spec"].get("nodeName")]
    zones = {nodes.get(p["spec"]["nodeName"]) for p in running} - {None}
    if len(zones) < min_zones:
        return failed(what, f"au moins {min_zones} zones", f"zones {sorted(zones) or 'aucune'}",
                      "Ajoutez une topologySpreadConstraint sur topology.kubernetes.io/zone.")
    return passed(what)


def image_is(api: client.ApiClient, namespace: str, deployment: str, image: str) -> CheckResult:
    """Le conteneur principal du Deployment utilise cette image."""
    what = f"image de « {deployment} »"
    dep = read(api, "Deployment", namespace, deployment)
    if dep is None:
        return _missing("Deployment", deployment, namespace, "Créez le Deployment.")
    images = [c.get("image") for c in _containers(dep)]
    if image not in images:
        return failed(what, image, ", ".join(map(str, images)),
                      "Modifiez l'image du conteneur (spec.template.spec.containers[].image).")
    return passed(what)


def service_backends(api: client.ApiClient, namespace: str, service: str) -> list[str]:
    """Les noms des pods prêts derrière un Service, lus dans ses EndpointSlices (triés)."""
    slices = client.DiscoveryV1Api(api).list_namespaced_endpoint_slice(
        namespace, label_selector=f"kubernetes.io/service-name={service}").items
    return sorted({e.target_ref.name for s in slices for e in (s.endpoints or [])
                   if e.conditions.ready and e.target_ref is not None
                   and e.target_ref.kind == "Pod"})


def _ready(pod: dict) -> bool:
    conditions = (pod.get("status") or {}).get("conditions") or []
    return (pod["metadata"].get("deletionTimestamp") is None
            and any(c["type"] == "Ready" and c["status"] == "True" for c in conditions))


def service_routes_to(api: client.ApiClient, namespace: str, service: str,
                      selector: dict[str, str]) -> CheckResult:
    """Le trafic du Service va exactement aux pods prêts qui portent ces labels (et à eux seuls).

    Relu dans les EndpointSlices : c'est ce que voit réellement le réseau du cluster.
    """
    what = f"Service « {service} » vers les pods {selector}"
    svc = read(api, "Service", namespace, service)
    if svc is None:
        return _missing("Service", service, namespace, "Créez le Service.")
    wanted = pods(api, namespace, selector)
    svc_selector = svc["spec"].get("selector") or {}
    chosen = {p["metadata"]["name"] for p in pods(api, namespace, svc_selector)} \
        if svc_selector else set()
    if wanted and chosen != {p["metadata"]["name"] for p in wanted}:
        return failed(what, f"un sélecteur qui désigne les pods {selector} et eux seuls",
                      f"sélecteur {svc_selector} : {len(chosen)} pod(s) désigné(s), dont "
                      f"{len(chosen - {p['metadata']['name'] for p in wanted})} en trop",
                      "Le spec.selector du Service doit désigner ces pods et eux seuls : "
                      "ajoutez le label qui les distingue (env, version…).", final=True)
    expected = sorted(p["metadata"]["name"] for p in wanted if _ready(p))
    found = service_backends(api, namespace, service)
    if not expected:
        return failed(what, f"des pods prêts avec les labels {selector}", "aucun pod prêt",
                      "Vérifiez que le Deployment correspondant est déployé et prêt.")
    if found != expected:
        extra, missing = sorted(set(found) - set(expected)), sorted(set(expected) - set(found))
        details = "; ".join(part for part in (
            f"en trop : {', '.join(extra)}" if extra else "",
            f"absents : {', '.join(missing)}" if missing else "") if part)
        return failed(what, f"{len(expected)} pod(s) : {', '.join(expected)}",
                      f"{len(found)} pod(s) derrière le Service ({details})",
                      "Le spec.selector du Service doit désigner ces pods et eux seuls : "
                      "ajoutez le label qui les distingue (env, version…).")
    return passed(what)


def quota_matches(api: client.ApiClient, namespace: str, name: str,
                  hard: dict[str, str]) -> CheckResult:
    """Le ResourceQuota existe et ses limites `hard` valent ces quantités (« 4450m » = « 4.45 »)."""
    what = f"ResourceQuota « {name} »"
    quota = read(api, "ResourceQuota", namespace, name)
    if quota is None:
        return _missing("ResourceQuota", name, namespace, "Créez le ResourceQuota.")
    found = (quota.get("spec") or {}).get("hard") or {}
    wrong = [key for key, value in hard.items()
             if key not in found or parse_quantity(found[key]) != parse_quantity(value)]
    if wrong:
        return failed(what, str(hard), str({k: found.get(k) for k in hard}),
                      f"Corrigez spec.hard : {', '.join(wrong)}.", final=True)
    return passed(what)


def quota_refuses(api: client.ApiClient, namespace: str, deployment: str) -> CheckResult:
    """Le contrôle d'admission a refusé des pods du Deployment pour dépassement de quota."""
    what = f"pods de « {deployment} » refusés par le quota"
    dep = read(api, "Deployment", namespace, deployment)
    if dep is None:
        return _missing("Deployment", deployment, namespace, "Créez le Deployment.")
    conditions = (dep.get("status") or {}).get("conditions") or []
    refusals = [c.get("message", "") for c in conditions
                if c.get("type") == "ReplicaFailure" and "exceeded quota" in c.get("message", "")]
    if refusals:
        return passed(what)
    return failed(what, "une condition ReplicaFailure « exceeded quota » sur le Deployment",
                  f"{(dep.get('status') or {}).get('readyReplicas', 0)} pod(s) prêt(s), "
                  "aucun refus de quota",
                  "Le quota doit être plus petit que ce que demande ce Deployment en plus de "
                  "l'existant ; attendez aussi quelques secondes.")
