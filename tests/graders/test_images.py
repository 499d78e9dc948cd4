"""Image references and the release gate on a Trivy report."""

from __future__ import annotations

import datetime as dt

import pytest

from graders import images

DIGEST = "sha256:" + "ab" * 32


@pytest.mark.parametrize(("reference", "expected"), [
    ("nginx", ("docker.io", "library/nginx", None, None)),
    ("nginx:1.27", ("docker.io", "library/nginx", "1.27", None)),
    ("bitnami/redis:7.4.2", ("docker.io", "bitnami/redis", "7.4.2", None)),
    ("localhost:5000/rdv-web:dev", ("localhost:5000", "rdv-web", "dev", None)),
    ("localhost/rdv", ("localhost", "rdv", None, None)),
    ("quay.io/keycloak/keycloak", ("quay.io", "keycloak/keycloak", None, None)),
    (f"ghcr.io/a/b@{DIGEST}", ("ghcr.io", "a/b", None, DIGEST)),
    (f"reg.local:5000/a/b/c:2.0@{DIGEST}", ("reg.local:5000", "a/b/c", "2.0", DIGEST)),
])
def test_references_are_read_as_docker_reads_them(reference, expected):
    assert images.parse_reference(reference) == dict(
        zip(("registre", "depot", "tag", "digest"), expected, strict=True))


def test_image_findings_come_from_the_conformity_engine():
    assert images.image_findings("docker.io/bitnami/redis:7.4.2") == []
    assert images.image_findings(f"quay.io/x/y@{DIGEST}") == []
    assert images.image_findings("nginx") == ["registres-autorises", "tag-explicite"]
    assert images.image_findings("ghcr.io/a/b:latest") == ["tag-explicite"]
    assert images.image_findings("localhost:5000/a:1") == ["registres-autorises"]


def _finding(ident: str, severity: str, fixed: str | None = None) -> dict:
    return {"VulnerabilityID": ident, "Severity": severity,
            **({"FixedVersion": fixed} if fixed else {})}


REPORT = {"Results": [
    {"Target": "os", "Vulnerabilities": [
        _finding("CVE-1", "CRITICAL"), _finding("CVE-2", "HIGH", "1.1"),
        _finding("CVE-3", "HIGH"), _finding("CVE-4", "MEDIUM", "2.0")]},
    {"Target": "python", "Vulnerabilities": [_finding("CVE-2", "HIGH", "1.1")]},
    {"Target": "vide", "Vulnerabilities": None},
]}


def test_the_gate_blocks_critical_and_fixable_high_findings():
    gate = images.release_gate(REPORT, [], dt.date(2026, 11, 27))
    assert gate == {"decision": "bloquer", "bloquantes": ["CVE-1", "CVE-2"]}
    assert images.severity_counts(REPORT) == {"CRITICAL": 1, "HIGH": 3, "MEDIUM": 1, "LOW": 0,
                                              "UNKNOWN": 0}


def test_an_exception_holds_strictly_before_its_expiry_date():
    exceptions = [{"id": "CVE-1", "expired_at": dt.date(2026, 12, 1)},
                  {"id": "CVE-2", "expired_at": "2026-12-01"}]
    assert images.release_gate(REPORT, exceptions, dt.date(2026, 11, 30)) == {
        "decision": "livrer", "bloquantes": []}
    assert images.release_gate(REPORT, exceptions, dt.date(2026, 12, 1))["bloquantes"] == [
        "CVE-1", "CVE-2"]
