"""The CCT conformity engine: the rules of `rules.yaml` applied to manifests, live objects
or a Dockerfile, with the severity the platform gives them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from kubernetes import client
from pydantic import BaseModel, ConfigDict

from ..files import load_manifests, parse_dockerfile
from ..results import CheckResult, failed, passed
from .rules import DOCKERFILE_RULES, OBJECT_RULES

RULES_FILE = Path(__file__).resolve().parent / "rules.yaml"
Severity = Literal["audit", "enforce"]


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str
    severity: Severity
    source: str
    message: str
    hint: str


class RuleBook(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    apiVersion: Literal["cpn.kit/v1alpha1"]
    kind: Literal["ConformityRules"]
    allowed_registries: list[str]
    label_values: dict[str, list[str]]
    forbidden_credential_keys: list[str]
    rules: list[RuleSpec]

    @property
    def settings(self) -> dict:
        return self.model_dump(include={"allowed_registries", "label_values",
                                        "forbidden_credential_keys"})

    def rule(self, rule_id: str) -> RuleSpec:
        return next(r for r in self.rules if r.id == rule_id)


@cache
def rule_book() -> RuleBook:
    return RuleBook.model_validate(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Finding:
    """One rule broken by one object."""

    rule: str
    severity: Severity
    target: str
    details: tuple[str, ...]
    message: str
    hint: str

    def line(self) -> str:
        level = "BLOQUANT" if self.severity == "enforce" else "audit"
        return f"[{level}] {self.rule} — {self.target} : {'; '.join(self.details)}"


@dataclass(frozen=True)
class ConformityReport:
    findings: tuple[Finding, ...]
    environment: str

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "enforce")

    @property
    def compliant(self) -> bool:
        return not self.blocking

    def rules_broken(self) -> set[str]:
        return {f.rule for f in self.findings}

    def check(self, what: str = "conformité au CCT") -> CheckResult:
        """The report as a check: it fails while a blocking finding remains."""
        if self.compliant:
            return passed(what)
        first = self.blocking[0]
        return failed(what, "aucune règle bloquante enfreinte",
                      "\n              ".join(f.line() for f in self.blocking), first.hint)

    def message(self) -> str:
        if not self.findings:
            return f"✅ Conforme au CCT (environnement {self.environment})."
        return "\n".join(f.line() for f in self.findings)

    def __str__(self) -> str:
        return self.message()


def _severity(spec: RuleSpec, environment: str) -> Severity:
    """As on the platform: rules are enforced in production and audited elsewhere."""
    return spec.severity if environment == "prod" else "audit"


def _target(obj: dict) -> str:
    return f"{obj.get('kind')}/{(obj.get('metadata') or {}).get('name', '?')}"


def evaluate(objects: list[dict] | str | Path, environment: str = "prod") -> ConformityReport:
    """Évaluer des objets Kubernetes (liste, texte YAML ou fichier) contre les règles du CCT."""
    if not isinstance(objects, list):
        objects = load_manifests(objects)
    book, findings = rule_book(), []
    for obj in objects:
        for rule_id, rule in OBJECT_RULES.items():
            details = rule(obj, book.settings)
            if details:
                spec = book.rule(rule_id)
                findings.append(Finding(rule_id, _severity(spec, environment), _target(obj),
                                        tuple(details), spec.message, spec.hint))
    return ConformityReport(tuple(findings), environment)


def evaluate_dockerfile(text: str, environment: str = "prod") -> ConformityReport:
    """Évaluer un Dockerfile : image rootless, port > 1024, base épinglée, multi-stage."""
    dockerfile, book, findings = parse_dockerfile(text), rule_book(), []
    for rule_id, rule in DOCKERFILE_RULES.items():
        details = rule(dockerfile, book.settings)
        if details:
            spec = book.rule(rule_id)
            severity = "audit" if spec.severity == "audit" else _severity(spec, environment)
            findings.append(Finding(rule_id, severity, "Dockerfile", tuple(details),
                                    spec.message, spec.hint))
    return ConformityReport(tuple(findings), environment)


def live_objects(api: client.ApiClient, namespace: str) -> list[dict]:
    """The namespace's workloads (bare pods included), Services and ConfigMaps, read from the
    API as plain data."""
    apps, core, batch = client.AppsV1Api(api), client.CoreV1Api(api), client.BatchV1Api(api)
    listings = [
        ("Deployment", apps.list_namespaced_deployment),
        ("StatefulSet", apps.list_namespaced_stateful_set),
        ("DaemonSet", apps.list_namespaced_daemon_set),
        ("CronJob", batch.list_namespaced_cron_job),
        ("Service", core.list_namespaced_service),
        ("ConfigMap", core.list_namespaced_config_map),
    ]
    objects = []
    for kind, listing in listings:
        for item in listing(namespace).items:
            data = api.sanitize_for_serialization(item)
            objects.append({**data, "kind": kind})
    # Pods made by a workload are graded through it; a bare pod is graded itself.
    objects += [{**api.sanitize_for_serialization(pod), "kind": "Pod"}
                for pod in core.list_namespaced_pod(namespace).items
                if not pod.metadata.owner_references]
    return objects


def evaluate_live(api: client.ApiClient, namespace: str,
                  environment: str = "prod") -> ConformityReport:
    """Évaluer ce qui tourne dans un namespace, relu depuis l'API."""
    return evaluate(live_objects(api, namespace), environment)
