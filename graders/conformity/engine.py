"""The CCT conformity engine: the rules of `rules.yaml` applied to manifests, live objects
or a Dockerfile, with the severity the platform gives them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from kubernetes import client
from pydantic import BaseModel, ConfigDict, field_validator

from ..files import load_manifests, parse_dockerfile, unpack_lists
from ..results import CheckResult, failed, passed
from .rules import DOCKERFILE_RULES, OBJECT_RULES, containers, pod_spec

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

    @field_validator("allowed_registries")
    @classmethod
    def _registry_entries(cls, entries: list[str]) -> list[str]:
        """A path prefix that ends at "/", or a bare host label (see rules.registry_allowed):
        an entry such as "harbor." or "docker.io" would match on a mere string prefix."""
        for entry in entries:
            if not re.fullmatch(r"[a-z0-9.:-]+(/[a-z0-9._-]+)*/|[a-z0-9-]+", entry):
                raise ValueError(f"registre autorisé mal écrit : « {entry} »")
        return entries

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
    """Évaluer des objets Kubernetes (liste, texte YAML ou fichier) contre les règles du CCT.

    Les listes (`kind: List`) sont dépliées : chacun de leurs éléments est jugé."""
    objects = unpack_lists(objects) if isinstance(objects, list) else load_manifests(objects)
    objects = [obj for obj in objects if isinstance(obj, dict)]
    book, findings = rule_book(), []
    settings = {**book.settings, "objects": objects}
    for obj in objects:
        for rule_id, rule in OBJECT_RULES.items():
            details = rule(obj, settings)
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


def _listings(api: client.ApiClient) -> list[tuple[str, Callable]]:
    apps, core, batch = client.AppsV1Api(api), client.CoreV1Api(api), client.BatchV1Api(api)
    return [
        ("Deployment", apps.list_namespaced_deployment),
        ("ReplicaSet", apps.list_namespaced_replica_set),
        ("StatefulSet", apps.list_namespaced_stateful_set),
        ("DaemonSet", apps.list_namespaced_daemon_set),
        ("CronJob", batch.list_namespaced_cron_job),
        ("Job", batch.list_namespaced_job),
        ("Pod", core.list_namespaced_pod),
        ("Service", core.list_namespaced_service),
        ("ConfigMap", core.list_namespaced_config_map),
    ]


def _items(listing: Callable, namespace: str) -> list[dict]:
    """A listing's items as the API's own JSON (as a manifest writes them), without building
    the client's typed objects: the same data, read several times faster."""
    response = listing(namespace, _preload_content=False)
    try:
        return json.loads(response.data)["items"]
    finally:
        response.release_conn()


def _images(obj: dict) -> list[tuple[str, str]]:
    return sorted((c.get("name", ""), c.get("image", "")) for c in containers(obj))


def _judged_through_owner(obj: dict, by_uid: dict[str, dict]) -> bool:
    """An object made by another one read here is judged through its owner (a Deployment
    for its ReplicaSets, a CronJob for its Jobs, a workload for its pods): one finding, not
    one per copy. Not so for an owner that is not read here (a ConfigMap, an object that
    does not exist), nor for a pod that no longer runs its owner's images."""
    owners = [by_uid[ref.get("uid")] for ref in (obj.get("metadata") or {}).get(
        "ownerReferences") or [] if ref.get("uid") in by_uid]
    if obj.get("kind") == "Pod":
        return any(pod_spec(owner) is not None and _images(owner) == _images(obj)
                   for owner in owners)
    return any(pod_spec(owner) is not None for owner in owners)


def live_objects(api: client.ApiClient, namespace: str) -> list[dict]:
    """The namespace's workloads of every kind that makes pods (bare pods, Jobs and
    ReplicaSets included), Services and ConfigMaps, read from the API as plain data; an
    object is left out when the owner that made it is judged in its place."""
    objects = [{**item, "kind": kind}
               for kind, listing in _listings(api) for item in _items(listing, namespace)]
    by_uid = {obj["metadata"]["uid"]: obj for obj in objects}
    return [obj for obj in objects if not _judged_through_owner(obj, by_uid)]


def evaluate_live(api: client.ApiClient, namespace: str,
                  environment: str = "prod") -> ConformityReport:
    """Évaluer ce qui tourne dans un namespace, relu depuis l'API."""
    return evaluate(live_objects(api, namespace), environment)
