"""The client factory: admin credentials locally, never under grading."""

from __future__ import annotations

import pytest
from kubernetes import client

from sandbox import Settings, api_client, kubeconfig_path, namespace_for, restricted_kubeconfig
from sandbox.errors import NotRunning, RestrictedCredentialsRequired


def test_no_sandbox_names_the_command_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv("CPN_HOME", str(tmp_path))
    with pytest.raises(NotRunning) as error:
        kubeconfig_path(Settings.from_env())
    assert error.value.hint.endswith("cpn sandbox up")


def test_grading_without_restricted_credentials_is_refused(monkeypatch, sandbox):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.delenv("CPN_GRADING_KUBECONFIG", raising=False)
    with pytest.raises(RestrictedCredentialsRequired, match="limités"):
        api_client()


def test_grading_refuses_the_admin_kubeconfig_even_when_given(monkeypatch, sandbox):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("CPN_GRADING_KUBECONFIG", str(sandbox.kubeconfig()))
    with pytest.raises(RestrictedCredentialsRequired, match="administration"):
        api_client()


@pytest.mark.cluster
def test_grading_uses_the_namespace_token(monkeypatch, sandbox, admin_api, tmp_path):
    namespace = namespace_for("test-credentials", "alice")
    path = restricted_kubeconfig(admin_api, namespace, tmp_path / "k")
    assert "client-key" not in path.read_text()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("CPN_GRADING_KUBECONFIG", str(path))
    with api_client() as api:
        who = client.AuthenticationV1Api(api).create_self_subject_review({})
    assert who.status.user_info.username == f"system:serviceaccount:{namespace}:apprenant"
    client.CoreV1Api(admin_api).delete_namespace(namespace)
