"""Container images: references (registry, repository, tag, digest) and the release gate on a
vulnerability scan report (Trivy's JSON format, as Harbor produces it).

Reference computations for the graders; pure functions on plain data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from .conformity import evaluate

DEFAULT_REGISTRY = "docker.io"
SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN")
IMAGE_RULES = ("registres-autorises", "tag-explicite")


def parse_reference(reference: str) -> dict[str, str | None]:
    """Décomposer une référence d'image : registre, dépôt, tag et empreinte (digest).

    Comme Docker : le premier segment est un registre s'il contient un point ou un deux-points,
    ou s'il vaut « localhost » ; sinon le registre est docker.io, et un nom seul devient
    « library/<nom> ». Sans tag ni empreinte, tag et digest valent None.
    """
    rest, _, digest = reference.partition("@")
    head, slash, tail = rest.partition("/")
    if slash and ("." in head or ":" in head or head == "localhost"):
        registry, path = head, tail
    else:
        registry, path = DEFAULT_REGISTRY, rest
    tag = None
    last = path.rsplit("/", 1)[-1]
    if ":" in last:
        path, tag = path.rsplit(":", 1)
    if registry == DEFAULT_REGISTRY and "/" not in path:
        path = f"library/{path}"
    return {"registre": registry, "depot": path, "tag": tag, "digest": digest or None}


def image_findings(image: str) -> list[str]:
    """Les règles du CCT sur les images (tag explicite, registres autorisés) qu'enfreint cette
    référence, évaluées par le moteur de conformité du kit, triées."""
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "verification"},
           "spec": {"containers": [{"name": "app", "image": image}]}}
    return sorted(evaluate([pod]).rules_broken() & set(IMAGE_RULES))


def vulnerabilities(report: dict) -> list[dict]:
    """Toutes les vulnérabilités d'un rapport Trivy, toutes cibles confondues."""
    return [v for result in report.get("Results") or []
            for v in result.get("Vulnerabilities") or []]


def severity_counts(report: dict) -> dict[str, int]:
    """Le nombre de vulnérabilités par sévérité (toutes les sévérités, même à zéro)."""
    counts = Counter(v.get("Severity", "UNKNOWN") for v in vulnerabilities(report))
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def accepted(exceptions: Iterable[dict], release_day: dt.date) -> set[str]:
    """Les identifiants couverts par une exception encore valide le jour de la livraison
    (valide tant que ce jour est strictement avant `expired_at`, comme Trivy)."""
    return {e["id"] for e in exceptions
            if "expired_at" not in e or release_day < _as_date(e["expired_at"])}


def blocks(finding: dict) -> bool:
    """Une vulnérabilité bloque si elle est critique, ou haute avec un correctif disponible."""
    severity = finding.get("Severity")
    return severity == "CRITICAL" or (severity == "HIGH" and bool(finding.get("FixedVersion")))


def release_gate(report: dict, exceptions: Iterable[dict], release_day: dt.date) -> dict:
    """La porte de livraison : « bloquer » si une vulnérabilité bloquante n'est pas couverte
    par une exception valide, sinon « livrer » ; avec la liste triée des identifiants en cause."""
    excused = accepted(exceptions, release_day)
    blocking = sorted({v["VulnerabilityID"] for v in vulnerabilities(report)
                       if blocks(v) and v["VulnerabilityID"] not in excused})
    return {"decision": "bloquer" if blocking else "livrer", "bloquantes": blocking}
