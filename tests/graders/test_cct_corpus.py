"""The CCT graders on a held-back corpus: realistic manifests and Dockerfiles written for the
tests (tests/graders/cct_corpus), never shown in a module, compliant and not. Each file must
give exactly the findings of `expected.yaml`, from the files and from the live objects alike.
"""

from __future__ import annotations

import time
from collections import defaultdict
from contextlib import contextmanager
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


@contextmanager
def _namespace(admin_api, stem: str):
    namespace = sandbox.namespace_for(f"test-cct-{stem}")
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
        yield namespace
    finally:
        sandbox.delete_namespace(admin_api, namespace)


@pytest.mark.cluster
@pytest.mark.parametrize("name", sorted(EXPECTED["manifests"]))
def test_live_objects_get_the_findings_of_their_manifests(admin_api, name):
    with _namespace(admin_api, Path(name).stem) as namespace:
        sandbox.apply(admin_api, load_manifests(CORPUS / name), namespace)
        assert _by_rule(conformity.evaluate_live(admin_api, namespace)) == _expected(name)


def _pods(admin_api, namespace: str, count: int) -> list:
    core, deadline = client.CoreV1Api(admin_api), time.monotonic() + 60
    while time.monotonic() < deadline:
        found = core.list_namespaced_pod(namespace, label_selector="app=rdv-front").items
        if len(found) >= count:
            return found
        time.sleep(0.5)
    raise AssertionError(f"{count} pods attendus dans {namespace}")


@pytest.mark.cluster
def test_live_pods_are_judged_through_their_owner_unless_they_hide_from_it(admin_api):
    """The pods of a Deployment are judged once, through it; a pod that claims an owner the
    engine does not judge (here a ConfigMap), or that no longer runs its owner's image, is
    judged itself."""
    front = next(o for o in load_manifests(CORPUS / "prise-de-rendez-vous.yaml")
                 if o["kind"] == "Deployment" and o["metadata"]["name"] == "rdv-front")
    with _namespace(admin_api, "pods-caches") as namespace:
        core = client.CoreV1Api(admin_api)
        sandbox.apply(admin_api, front, namespace)
        patched = _pods(admin_api, namespace, 3)[0]
        assert conformity.evaluate_live(admin_api, namespace).findings == ()
        core.patch_namespaced_pod(patched.metadata.name, namespace, {"spec": {"containers": [
            {"name": "nginx", "image": "docker.io/library/nginx:latest"}]}})
        ca = core.read_namespaced_config_map("kube-root-ca.crt", namespace)
        hidden = {"apiVersion": "v1", "kind": "Pod", "metadata": {
            "name": "outil", "labels": {"app": "outil", "env": "prod", "tier": "backend"},
            "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": ca.metadata.name,
                                 "uid": ca.metadata.uid}]},
            "spec": {"containers": [{**front["spec"]["template"]["spec"]["containers"][0],
                                     "image": "harborevil.example/mi-rdv/outil:1.0.0"}],
                     "volumes": [{"name": "cache", "emptyDir": {}}]}}
        sandbox.apply(admin_api, hidden, namespace)
        assert _by_rule(conformity.evaluate_live(admin_api, namespace)) == {
            "tag-explicite": [f"Pod/{patched.metadata.name}"],
            "registres-autorises": ["Pod/outil"]}
