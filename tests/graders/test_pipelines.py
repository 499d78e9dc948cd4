"""GitLab CI files: parsing, Cloud Pi Native requirements, simulated runs (pure logic)."""

from __future__ import annotations

import pytest

from graders import GradingError, pipelines

COMPLIANT = """
include:
  - project: $CATALOG_PATH
    file:
      - vault-ci.yml
      - sonar-ci.yml
      - kaniko-ci.yml
    ref: main
stages: [read-secret, test-app, quality, docker-build]
read_secret:
  stage: read-secret
  extends: [.vault:read_secret]
test-app:
  stage: test-app
  image: docker.io/library/python:3.12-slim
  script:
    - pip install -r requirements-dev.txt
    - python -m pytest -m "not e2e" --junitxml=rapport.xml
  artifacts: {reports: {junit: rapport.xml}}
tests-e2e:
  stage: test-app
  script: [python -m pytest -m e2e]
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
sonar:
  stage: quality
  extends: [.sonar:sonar-scanner]
  allow_failure: true
docker-build:
  stage: docker-build
  extends: [.kaniko:simple-build-push]
  variables: {IMAGE_NAME: "rdv-api:$CI_COMMIT_SHORT_SHA"}
  rules:
    - if: $CI_PIPELINE_SOURCE != "schedule"
"""

# The official tutorial's pipeline (formation-cpin-repo-applicatif), Java flavour.
TUTORIAL = """
include:
  - project: $CATALOG_PATH
    file:
      - vault-ci.yml
      - kaniko-ci.yml
    ref: main
  - local: "/includes/java-mvn.yml"
variables:
  TAG: "${CI_COMMIT_REF_SLUG}"
stages: [read-secret, test-app, docker-build]
read_secret:
  stage: read-secret
  extends: [.vault:read_secret]
test-app:
  variables: {BUILD_IMAGE_NAME: "maven:3.9.7-eclipse-temurin-21"}
  stage: test-app
  extends: [.java:sonar]
docker-build:
  variables: {WORKING_DIR: ".", IMAGE_NAME: "java-demo:$CI_COMMIT_SHORT_SHA"}
  stage: docker-build
  extends: [.kaniko:simple-build-push]
"""


def test_a_compliant_pipeline_passes_every_check():
    report = pipelines.check_cpn(COMPLIANT)
    assert report.ok, report.message()


def test_jobs_stages_and_templates_are_read():
    pipeline = pipelines.load_pipeline(COMPLIANT)
    assert pipeline.stages == (".pre", "read-secret", "test-app", "quality", "docker-build",
                               ".post")
    assert pipeline.jobs["docker-build"].templates == (".kaniko:simple-build-push",)
    assert pipeline.catalog_files() == {"vault-ci.yml", "sonar-ci.yml", "kaniko-ci.yml"}
    assert [row["job"] for row in pipeline.table()] == [
        "read_secret", "test-app", "tests-e2e", "sonar", "docker-build"]


def test_rules_choose_the_jobs_of_each_pipeline_source():
    pipeline = pipelines.load_pipeline(COMPLIANT)
    assert "tests-e2e" not in pipeline.jobs_for("push")
    assert pipeline.jobs_for("schedule") == ["read_secret", "test-app", "tests-e2e", "sonar"]
    assert pipeline.jobs_running(r"-m e2e", "push") == []
    assert pipeline.jobs_running(r"-m e2e", "schedule") == ["tests-e2e"]


def test_a_failing_test_skips_the_build_but_an_allowed_failure_does_not():
    pipeline = pipelines.load_pipeline(COMPLIANT)
    assert pipeline.run(failing={"test-app"}) == {
        "read_secret": "succes", "test-app": "echec", "sonar": "ignore",
        "docker-build": "ignore"}
    assert pipeline.run(failing={"sonar"})["docker-build"] == "succes"


def test_needs_let_a_job_skip_the_stage_order():
    text = COMPLIANT.replace("  variables: {IMAGE_NAME", "  needs: [read_secret]\n"
                                                        "  variables: {IMAGE_NAME")
    pipeline = pipelines.load_pipeline(text)
    assert pipeline.run(failing={"test-app"})["docker-build"] == "succes"
    gate = pipelines.check_gate(pipeline)
    assert not gate.ok and "test-app" in gate.expected


def test_the_official_tutorial_pipeline_is_understood():
    pipeline = pipelines.load_pipeline(TUTORIAL)
    assert pipeline.jobs["test-app"].runs_tests
    assert pipelines.check_read_secret(pipeline).ok
    assert pipelines.check_sonar(pipeline).ok
    assert pipelines.check_build(pipeline).ok
    assert pipelines.check_gate(pipeline).ok


@pytest.mark.parametrize("change,check,found", [
    (("      - sonar-ci.yml\n", ""), "check_catalog", "fichiers du catalogue"),
    (("      - vault-ci.yml\n", ""), "check_catalog", "vault-ci.yml"),
    (("rdv-api:$CI_COMMIT_SHORT_SHA", "rdv-api:latest"), "check_build", "latest"),
    (("rdv-api:$CI_COMMIT_SHORT_SHA", "rdv-api"), "check_build", "rdv-api"),
    (("  artifacts: {reports", "  allow_failure: true\n  artifacts: {reports"), "check_tests",
     "allow_failure"),
])
def test_each_requirement_can_fail(change, check, found):
    assert change[0] in COMPLIANT
    result = getattr(pipelines, check)(pipelines.load_pipeline(COMPLIANT.replace(*change)))
    assert not result.ok and found in result.found + result.expected


def test_read_secret_must_come_first():
    text = COMPLIANT.replace("stages: [read-secret, test-app", "stages: [test-app, read-secret")
    result = pipelines.check_read_secret(pipelines.load_pipeline(text))
    assert not result.ok and "test-app" in result.found


def test_local_extends_are_merged():
    text = """
.base:
  image: docker.io/library/python:3.12-slim
  variables: {A: "1"}
tests:
  extends: .base
  variables: {B: "2"}
  script: [pytest]
"""
    job = pipelines.load_pipeline(text).jobs["tests"]
    assert job.image == "docker.io/library/python:3.12-slim"
    assert job.variables == {"A": "1", "B": "2"}
    assert job.stage == "test" and job.runs_tests


@pytest.mark.parametrize("text,message", [
    ("stages: [a]\njob:\n  stage: b\n  script: [x]\n", "absente de « stages »"),
    ("job:\n  extends: .inconnu\n  script: [x]\n", "ni dans le fichier ni dans le catalogue"),
    ("job:\n  needs: [autre]\n  script: [x]\n", "qui n'existe pas"),
    ("job: [x]\n", "doit être un dictionnaire"),
    ("a:\n  b: [\n", "YAML invalide"),
    ("- juste une liste\n", "dictionnaire YAML"),
])
def test_malformed_files_get_a_french_error(text, message):
    with pytest.raises(GradingError, match=message):
        pipelines.load_pipeline(text)


@pytest.mark.parametrize("expression,variables,expected", [
    ('$CI_PIPELINE_SOURCE == "schedule"', {"CI_PIPELINE_SOURCE": "schedule"}, True),
    ('$CI_PIPELINE_SOURCE == "schedule"', {"CI_PIPELINE_SOURCE": "push"}, False),
    ("$CI_PIPELINE_SOURCE != 'schedule'", {"CI_PIPELINE_SOURCE": "push"}, True),
    ("$CI_COMMIT_TAG", {}, False),
    ("$CI_COMMIT_TAG", {"CI_COMMIT_TAG": "v1"}, True),
    ("$CI_COMMIT_TAG == null", {}, True),
    ("$CI_COMMIT_BRANCH =~ /^release-/", {"CI_COMMIT_BRANCH": "release-2"}, True),
    ("$CI_COMMIT_BRANCH !~ /^release-/i", {"CI_COMMIT_BRANCH": "RELEASE-2"}, False),
    ('$A == "1" && ($B == "2" || $C)', {"A": "1", "C": "x"}, True),
    ('$A == "1" && ($B == "2" || $C)', {"A": "1"}, False),
])
def test_rule_expressions(expression, variables, expected):
    assert pipelines.evaluate_rule(expression, variables) is expected


def test_unreadable_rule_expressions_are_refused():
    with pytest.raises(GradingError, match="illisible"):
        pipelines.evaluate_rule("$A = 1", {})


def test_only_and_except_keywords():
    text = """
nightly:
  script: [pytest -m e2e]
  only: [schedules]
everyday:
  script: [pytest]
  except: [schedules]
"""
    pipeline = pipelines.load_pipeline(text)
    assert pipeline.jobs_for("push") == ["everyday"]
    assert pipeline.jobs_for("schedule") == ["nightly"]


def test_when_always_and_manual_jobs():
    text = """
stages: [test, report]
tests:
  stage: test
  script: [pytest]
rapport:
  stage: report
  script: [echo]
  when: always
deploiement:
  stage: report
  script: [echo]
  when: manual
"""
    outcome = pipelines.load_pipeline(text).run(failing={"tests"})
    assert outcome == {"tests": "echec", "deploiement": "manuel", "rapport": "succes"}


def test_needs_loops_are_reported():
    text = "a:\n  needs: [b]\n  script: [x]\nb:\n  needs: [a]\n  script: [x]\n"
    with pytest.raises(GradingError, match="boucle"):
        pipelines.load_pipeline(text).run()
