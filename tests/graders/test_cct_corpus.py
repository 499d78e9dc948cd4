"""The CCT graders on a held-back corpus: realistic manifests and Dockerfiles written for the
tests (tests/graders/cct_corpus), never shown in a module, compliant and not. Each file must
give exactly the findings of `expected.yaml`, from the files and from the live objects alike.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from kubernetes import client

import sandbox
from graders import conformity
from graders.files import load_manifests

CORPUS = Path(__file__).parent / "cct_corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def _by_rule(report: conformity.ConformityReport) -> dict[str, list[str]]:
    found = defaultdict(list)
    for finding in report.findings:
        found[finding.rule].append(finding.target)
    return {rule: sorted(targets) for rule, targets in found.items()}


def _expected(name: str) -> dict[str, list[str]]:
    return {rule: sorted(targets) for rule, targets in EXPECTED["manifests"][name].items()}


@pytest.mark.parametrize("name", sorted(EXPECTED["manifests"]))
def test_manifests_get_exactly_the_expected_findings(name):
    report = conformity.evaluate(CORPUS / name)
    assert _by_rule(report) == _expected(name)
    assert report.compliant == (not EXPECTED["manifests"][name])
    for finding in report.findings:  # every finding tells the learner what to do, in French
        assert finding.message and finding.hint and finding.details


@pytest.mark.parametrize("name", sorted(EXPECTED["manifests"]))
def test_outside_production_the_same_rules_are_only_audited(name):
    report = conformity.evaluate(CORPUS / name, environment="dev")
    assert _by_rule(report) == _expected(name)
    assert report.compliant and all(f.severity == "audit" for f in report.findings)


@pytest.mark.parametrize("name", sorted(EXPECTED["dockerfiles"]))
def test_dockerfiles_get_exactly_the_expected_findings(name):
    report = conformity.evaluate_dockerfile((CORPUS / name).read_text(encoding="utf-8"))
    assert {f.rule: list(f.details) for f in report.findings} == EXPECTED["dockerfiles"][name]


@pytest.mark.cluster
@pytest.mark.parametrize("name", sorted(EXPECTED["manifests"]))
def test_live_objects_get_the_findings_of_their_manifests(admin_api, name):
    namespace = sandbox.namespace_for(f"test-cct-{Path(name).stem}")
    sandbox.prepare_namespace(admin_api, namespace, "test-cct")
    # The corpus holds what the CCT forbids (added capabilities, hostPath): the test reads the
    # engine's findings on such live objects, so this namespace admits them (admin only)
    client.CoreV1Api(admin_api).patch_namespace(namespace, {"metadata": {"labels": {
        "pod-security.kubernetes.io/enforce": "privileged"}}})
    # ...and neither gives default resources nor requires them: the engine must see what the
    # manifest leaves out (a quota would refuse a pod without limits before the engine saw it).
    core = client.CoreV1Api(admin_api)
    core.delete_collection_namespaced_limit_range(namespace)
    core.delete_collection_namespaced_resource_quota(namespace)
    try:
        sandbox.apply(admin_api, load_manifests(CORPUS / name), namespace)
        assert _by_rule(conformity.evaluate_live(admin_api, namespace)) == _expected(name)
    finally:
        sandbox.delete_namespace(admin_api, namespace)
