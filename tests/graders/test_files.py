"""Parsing manifests and Dockerfiles (pure logic)."""

from __future__ import annotations

import pytest

from graders import GradingError
from graders.files import load_manifests, parse_dockerfile


def test_manifests_skip_empty_documents():
    text = "---\nkind: Service\nmetadata: {name: a}\n---\n\n---\nkind: ConfigMap\n"
    objects = load_manifests(text)
    assert [o["kind"] for o in objects] == ["Service", "ConfigMap"]


def test_invalid_yaml_names_the_line():
    with pytest.raises(GradingError, match="ligne 2 : YAML invalide"):
        load_manifests("kind: Service\n  metadata: : x\n")


def test_document_without_kind_is_refused():
    with pytest.raises(GradingError, match="pas un objet Kubernetes"):
        load_manifests("name: x\n")


def test_dockerfile_final_stage_user_and_ports():
    dockerfile = parse_dockerfile(
        "ARG V=3.12\nFROM python:${V} AS build\nUSER 1000\nEXPOSE 80\n"
        "FROM gcr.io/distroless/python3:nonroot\nCOPY --from=build /a /a\n"
        "USER 1001:1001\nEXPOSE 8080/tcp 9090\n")
    assert dockerfile.stages == ["python:${V}", "gcr.io/distroless/python3:nonroot"]
    assert dockerfile.user == "1001"
    assert dockerfile.exposed_ports == [8080, 9090]


def test_dockerfile_without_user_runs_as_root():
    assert parse_dockerfile("FROM alpine:3.20\nRUN echo \\\n  ok\n").user is None


def test_dockerfile_without_from_is_refused():
    with pytest.raises(GradingError, match="FROM"):
        parse_dockerfile("RUN echo\n")


def test_a_list_gives_its_items_and_a_typed_list_its_kind():
    text = ("apiVersion: v1\nkind: List\nitems:\n"
            "  - {apiVersion: v1, kind: Service, metadata: {name: a}}\n"
            "  - {apiVersion: v1, kind: List, items: [{kind: ConfigMap, metadata: {name: b}}]}\n"
            "---\napiVersion: apps/v1\nkind: DeploymentList\nitems: [{metadata: {name: c}}]\n")
    objects = load_manifests(text)
    assert [(o.get("apiVersion"), o["kind"], o["metadata"]["name"]) for o in objects] == [
        ("v1", "Service", "a"), (None, "ConfigMap", "b"), ("apps/v1", "Deployment", "c")]


def test_a_list_item_without_kind_is_refused():
    with pytest.raises(GradingError, match="élément d'une liste"):
        load_manifests("apiVersion: v1\nkind: List\nitems: [{metadata: {name: x}}]\n")
