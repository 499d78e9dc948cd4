"""The CCT rules: a compliant manifest passes each rule, a violating one breaks exactly it."""

from __future__ import annotations

import copy

import pytest

from graders.conformity import evaluate, evaluate_dockerfile, rule_book
from graders.conformity.rules import DOCKERFILE_RULES, OBJECT_RULES

COMPLIANT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "hello", "labels": {"app": "hello", "env": "dev", "tier": "frontend"}},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "hello"}},
        "template": {
            "metadata": {"labels": {"app": "hello", "env": "dev", "tier": "frontend"}},
            "spec": {
                "containers": [{
                    "name": "web",
                    "image": "docker.io/bitnami/nginx:1.27.3",
                    "ports": [{"containerPort": 8080}],
                    "resources": {"requests": {"cpu": "100m", "memory": "64Mi"},
                                  "limits": {"cpu": "100m", "memory": "64Mi"}},
                    "readinessProbe": {"httpGet": {"path": "/", "port": 8080}},
                    "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
                }],
                "volumes": [{"name": "tmp", "emptyDir": {}}],
            },
        },
    },
}
SERVICE = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "hello"},
           "spec": {"selector": {"app": "hello"}, "ports": [{"port": 80, "targetPort": 8080}]}}
CONFIGMAP = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "conf"},
             "data": {"LOG_LEVEL": "info"}}


def _container(manifest: dict) -> dict:
    return manifest["spec"]["template"]["spec"]["containers"][0]


def _break(rule: str) -> list[dict]:
    """Objects that break `rule` and only it."""
    deployment = copy.deepcopy(COMPLIANT)
    container, pod = _container(deployment), deployment["spec"]["template"]["spec"]
    service, configmap = copy.deepcopy(SERVICE), copy.deepcopy(CONFIGMAP)
    if rule == "labels-obligatoires":
        del deployment["spec"]["template"]["metadata"]["labels"]["tier"]
    elif rule == "tag-explicite":
        container["image"] = "docker.io/bitnami/nginx:latest"
    elif rule == "ressources-requises":
        del container["resources"]["limits"]
    elif rule == "sonde-requise":
        del container["readinessProbe"]
    elif rule == "pas-de-hostpath":
        pod["volumes"] = [{"name": "tmp", "hostPath": {"path": "/var/tmp"}}]
    elif rule == "pas-de-nodeport":
        service["spec"]["type"] = "NodePort"
    elif rule == "configmap-sans-identifiants":
        configmap["data"]["DB_PASSWORD"] = "motdepasse"
    elif rule == "registres-autorises":
        container["image"] = "registry.example.org/hello:1.0.0"
    elif rule == "securitycontext-interdit":
        container["securityContext"] = {"runAsUser": 0}
    elif rule == "port-non-privilegie":
        container["ports"] = [{"containerPort": 80}]
    return [deployment, service, configmap]


def test_every_rule_has_metadata_and_a_function():
    ids = {r.id for r in rule_book().rules}
    assert ids == set(OBJECT_RULES) | set(DOCKERFILE_RULES)
    for rule in rule_book().rules:
        assert rule.severity in ("audit", "enforce") and rule.message and rule.hint


def test_compliant_objects_have_no_finding():
    report = evaluate([COMPLIANT, SERVICE, CONFIGMAP])
    assert report.findings == () and report.compliant


@pytest.mark.parametrize("rule", sorted(OBJECT_RULES))
def test_violation_breaks_exactly_its_rule(rule):
    report = evaluate(_break(rule))
    assert report.rules_broken() == {rule}
    assert not report.compliant
    finding = report.findings[0]
    assert finding.severity == "enforce" and finding.hint


def test_rules_are_only_audited_outside_production():
    report = evaluate(_break("tag-explicite"), environment="dev")
    assert report.rules_broken() == {"tag-explicite"}
    assert report.compliant and report.findings[0].severity == "audit"


def test_realistic_non_compliant_deployment_gets_exactly_the_expected_findings():
    manifest = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: echoserver
  labels: {app: echoserver}
spec:
  replicas: 3
  selector: {matchLabels: {app: echoserver}}
  template:
    metadata:
      labels: {app: echoserver}
    spec:
      containers:
        - name: echoserver
          image: quay.io/redhattraining/hello-world-nginx
          imagePullPolicy: Always
          ports: [{containerPort: 8080}]
"""
    report = evaluate(manifest)
    found = {(f.rule, f.details) for f in report.findings}
    assert found == {
        ("labels-obligatoires", ("metadata.labels : manque env, tier",
                                 "modèle de pod : manque env, tier")),
        ("tag-explicite", ("echoserver : « quay.io/redhattraining/hello-world-nginx » "
                           "n'a pas de tag",)),
        ("ressources-requises", ("echoserver : manque requests.cpu, requests.memory, "
                                 "limits.cpu, limits.memory",)),
        ("sonde-requise", ("echoserver : aucune sonde",)),
    }


def test_pull_policy_must_be_if_not_present_when_set():
    deployment = copy.deepcopy(COMPLIANT)
    _container(deployment)["imagePullPolicy"] = "Always"
    assert evaluate([deployment]).findings[0].details == ("web : imagePullPolicy=Always",)


def test_label_values_come_from_the_official_list():
    deployment = copy.deepcopy(COMPLIANT)
    deployment["metadata"]["labels"]["env"] = "production"
    report = evaluate([deployment])
    assert report.findings[0].details == ("metadata.labels : env=production n'est pas une "
                                          "valeur autorisée",)


def test_digest_counts_as_explicit_and_cronjobs_are_checked():
    deployment = copy.deepcopy(COMPLIANT)
    _container(deployment)["image"] = "docker.io/bitnami/nginx@sha256:" + "a" * 64
    cronjob = {"kind": "CronJob", "metadata": {"name": "purge", "labels": {}},
               "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [
                   {"name": "purge", "image": "docker.io/library/busybox"}]}}}}}}
    report = evaluate([deployment, cronjob])
    assert {f.target for f in report.findings} == {"CronJob/purge"}


GOOD_DOCKERFILE = """
FROM docker.io/library/python:3.12-slim AS build
WORKDIR /src
COPY . .
RUN pip install --prefix=/install .
FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=build /install /usr/local
USER 1001
EXPOSE 8080
CMD ["python", "-m", "app"]
"""


def test_compliant_dockerfile():
    assert evaluate_dockerfile(GOOD_DOCKERFILE).findings == ()


@pytest.mark.parametrize("change,rule", [
    (lambda t: t.replace("USER 1001", "USER root"), "port-non-privilegie"),
    (lambda t: t.replace("EXPOSE 8080", "EXPOSE 80"), "port-non-privilegie"),
    (lambda t: t.replace("python:3.12-slim", "python:latest"), "image-de-base-epinglee"),
    (lambda t: t.replace("python:3.12-slim", "python"), "image-de-base-epinglee"),
])
def test_dockerfile_violations(change, rule):
    assert evaluate_dockerfile(change(GOOD_DOCKERFILE)).rules_broken() == {rule}


def test_single_stage_dockerfile_is_only_audited():
    single = "FROM docker.io/library/python:3.12-slim\nUSER 1001\nEXPOSE 8080\n"
    report = evaluate_dockerfile(single)
    assert report.rules_broken() == {"build-multi-etapes"} and report.compliant


# Registries: the host (or the Docker Hub namespace) as written, never a bare string prefix --
@pytest.mark.parametrize("image,allowed", [
    ("docker.io/bitnami/nginx:1.27.3", True),
    ("bitnami/nginx:1.27.3", True),
    ("quay.io/argoproj/argocd:v2.13.1", True),
    ("harbor.apps.c6.numerique-interieur.com/mi-rdv/api:1.4.2", True),
    ("harbor.bac-a-sable.cpin/mi-rdv/api:1.4.2", True),
    ("harbor:5000/mi-rdv/api:1.4.2", True),
    ("harborevil.example/mi-rdv/api:1.4.2", False),
    ("harbor-evil.example/mi-rdv/api:1.4.2", False),
    ("harbor", False),
    ("docker.io.evil.example/bitnami/nginx:1.27.3", False),
    ("evil.example/docker.io/nginx:1.27.3", False),
    ("bitnamievil/nginx:1.27.3", False),
    ("nginx:1.27.3", False),
])
def test_registries_match_on_hosts_and_path_boundaries(image, allowed):
    deployment = copy.deepcopy(COMPLIANT)
    _container(deployment)["image"] = image
    broken = evaluate([deployment]).rules_broken()
    assert ("registres-autorises" not in broken) == allowed, image


def test_a_registry_entry_that_would_match_on_a_bare_prefix_is_refused():
    from graders.conformity.engine import RuleBook

    raw = rule_book().model_dump()
    for entry in ("harbor.", "docker.io", "Harbor/"):
        with pytest.raises(ValueError, match="registre autorisé mal écrit"):
            RuleBook.model_validate({**raw, "allowed_registries": ["quay.io/", entry]})


# Ports: what probes and Services aim at is declared, and above 1024 --------------------------
def _port_details(objects: list[dict]) -> dict[str, tuple[str, ...]]:
    return {f.target: f.details for f in evaluate(objects).findings
            if f.rule == "port-non-privilegie"}


def test_a_probe_on_a_port_the_container_does_not_declare_is_found():
    deployment = copy.deepcopy(COMPLIANT)
    container = _container(deployment)
    del container["ports"]
    container["livenessProbe"] = {"tcpSocket": {"port": "http"}}
    container["startupProbe"] = {"httpGet": {"path": "/", "port": 80}}
    assert _port_details([deployment]) == {"Deployment/hello": (
        "web : la livenessProbe vise le port « http », que le conteneur ne déclare pas",
        "web : la readinessProbe vise le port 8080, que le conteneur ne déclare pas",
        "web : la startupProbe vise le port 80")}
    assert evaluate([deployment]).rules_broken() == {"port-non-privilegie"}


def test_a_probe_on_a_declared_port_by_name_or_number_passes():
    deployment = copy.deepcopy(COMPLIANT)
    container = _container(deployment)
    container["ports"] = [{"name": "http", "containerPort": 8080}]
    container["livenessProbe"] = {"httpGet": {"path": "/", "port": "http"}}
    container["startupProbe"] = {"exec": {"command": ["true"]}}
    assert evaluate([deployment, SERVICE]).findings == ()


def test_a_declared_low_port_is_said_once_even_when_a_probe_aims_at_it():
    deployment = copy.deepcopy(COMPLIANT)
    container = _container(deployment)
    container["ports"] = [{"name": "http", "containerPort": 80}]
    container["readinessProbe"] = {"httpGet": {"path": "/", "port": "http"}}
    assert _port_details([deployment]) == {"Deployment/hello": ("web : containerPort 80",)}


@pytest.mark.parametrize("target,details", [
    (80, ("port 80 du Service : vise le port 80",)),
    (9090, ("port 80 du Service : vise le port 9090, qu'aucun conteneur de Deployment/hello "
            "ne déclare",)),
    ("metrics", ("port 80 du Service : vise le port « metrics », qu'aucun conteneur de "
                 "Deployment/hello ne déclare",)),
])
def test_a_service_aiming_at_an_undeclared_or_low_port_is_found(target, details):
    service = copy.deepcopy(SERVICE)
    service["spec"]["ports"][0]["targetPort"] = target
    assert _port_details([COMPLIANT, service]) == {"Service/hello": details}


def test_a_service_without_its_pods_is_judged_on_its_numbers_only():
    low, named, bare = copy.deepcopy(SERVICE), copy.deepcopy(SERVICE), copy.deepcopy(SERVICE)
    del low["spec"]["ports"][0]["targetPort"]  # the target is then the port itself: 80
    low["metadata"]["name"] = "bas"
    named["spec"]["ports"][0]["targetPort"] = "http"
    named["metadata"]["name"] = "nomme"
    del bare["spec"]["selector"]  # endpoints written by hand: no pod to judge
    bare["spec"]["ports"][0]["targetPort"] = 80
    assert _port_details([low, named, bare, SERVICE]) == {
        "Service/bas": ("port 80 du Service : vise le port 80",)}


# Lists and every workload kind ------------------------------------------------------------
def test_a_list_is_unpacked_and_every_item_judged():
    bad = copy.deepcopy(COMPLIANT)
    _container(bad)["image"] = "docker.io/bitnami/nginx:latest"
    nested = {"apiVersion": "v1", "kind": "List",
              "items": [SERVICE, {"apiVersion": "v1", "kind": "List", "items": [bad]}]}
    assert {(f.rule, f.target) for f in evaluate([nested]).findings} == {
        ("tag-explicite", "Deployment/hello")}


def test_a_yaml_list_and_a_typed_list_are_unpacked():
    text = """
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: conf}
    data: {DB_PASSWORD: secret}
---
apiVersion: apps/v1
kind: DeploymentList
items:
  - metadata: {name: sans-labels}
    spec:
      template:
        spec:
          containers: [{name: web, image: "docker.io/bitnami/nginx:1.27.3"}]
"""
    found = {(f.rule, f.target) for f in evaluate(text).findings}
    assert ("configmap-sans-identifiants", "ConfigMap/conf") in found
    assert {("labels-obligatoires", "Deployment/sans-labels"),
            ("sonde-requise", "Deployment/sans-labels")} <= found


def _as(kind: str) -> dict:
    """COMPLIANT's pod template, broken (tag latest), in a workload of another kind."""
    deployment = copy.deepcopy(COMPLIANT)
    _container(deployment)["image"] = "docker.io/bitnami/nginx:latest"
    template, labels = deployment["spec"]["template"], deployment["metadata"]["labels"]
    if kind == "Pod":
        return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": labels},
                "spec": template["spec"]}
    if kind == "CronJob":
        return {"apiVersion": "batch/v1", "kind": "CronJob",
                "metadata": {"name": "p", "labels": labels},
                "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": template}}}}
    return {"apiVersion": "apps/v1", "kind": kind, "metadata": {"name": "p", "labels": labels},
            "spec": {"template": template}}


@pytest.mark.parametrize("kind", ["Pod", "Job", "CronJob", "ReplicaSet", "StatefulSet",
                                  "DaemonSet"])
def test_every_kind_that_makes_pods_is_judged(kind):
    assert {(f.rule, f.target) for f in evaluate([_as(kind)]).findings} == {
        ("tag-explicite", f"{kind}/p")}
