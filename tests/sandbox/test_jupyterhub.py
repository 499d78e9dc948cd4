"""The JupyterHub configuration of cohort mode, checked as far as this machine allows:
structure, and the objects it implies validated by the API server (server-side dry run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from kubernetes import client

from sandbox import cohort
from sandbox.cohort import Learner

HUB = Path(__file__).resolve().parents[2] / "sandbox" / "config" / "jupyterhub"
VALUES = yaml.safe_load((HUB / "values.yaml").read_text())
ROOT = Path(__file__).resolve().parents[2]


def test_learner_servers_get_their_kubeconfig_and_namespace():
    single = VALUES["singleuser"]
    env = single["extraEnv"]
    mounts = {m["name"]: m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    volumes = {v["name"]: v for v in single["storage"]["extraVolumes"]}
    assert env["CPN_COHORT_KUBECONFIG"] == f"{mounts['cpn-kubeconfig']}/kubeconfig"
    assert env["CPN_COHORT_NAMESPACE"].endswith("-{username}")
    assert volumes["cpn-kubeconfig"]["secret"]["secretName"] == "cpn-kubeconfig-{username}"
    # JupyterLab opens the learner workspace, whose root holds the welcome notebook.
    assert single["notebookDir"] == "/home/jovyan/cpn-formation"
    welcome = single["defaultUrl"].removeprefix("/lab/tree/")
    assert (ROOT / "notebooks" / welcome).is_file() and "/" not in welcome


def test_the_api_server_is_reachable_despite_the_default_policy():
    policy = VALUES["singleuser"]["networkPolicy"]
    assert policy["enabled"] and policy["egressAllowRules"]["privateIPs"] is False
    ports = {p["port"] for rule in policy["egress"] for p in rule["ports"]}
    assert {443, 6443} <= ports


def test_image_is_pinned_and_not_root():
    dockerfile = (HUB / "Dockerfile").read_text()
    base = re.search(r"^FROM (\S+)", dockerfile, re.M).group(1)
    assert ":" in base and not base.endswith(":latest")
    assert "USER ${NB_UID}" in dockerfile


def _render_server(learner: str, cohort_name: str) -> dict:
    """The parts of a learner's server pod that values.yaml decides (as KubeSpawner would)."""
    single = VALUES["singleuser"]
    expand = lambda text: text.replace("{username}", learner).replace("COHORTE", cohort_name)  # noqa: E731
    volumes = [yaml.safe_load(expand(yaml.safe_dump(v))) for v in single["storage"]["extraVolumes"]]
    return {"metadata": {"name": f"jupyter-{learner}"}, "spec": {
        "volumes": volumes,
        "containers": [{"name": "notebook",
                        "image": f"{single['image']['name']}:{single['image']['tag']}",
                        "env": [{"name": k, "value": expand(v)}
                                for k, v in single["extraEnv"].items()],
                        "volumeMounts": single["storage"]["extraVolumeMounts"]}]}}


@pytest.mark.cluster
def test_objects_are_accepted_by_the_api_server(admin_api, tmp_path):
    core = client.CoreV1Api(admin_api)
    hub = "test-hub"
    try:
        core.create_namespace({"metadata": {"name": hub}})
    except client.ApiException as error:
        assert error.status == 409
    cohort.create(admin_api, "hub", [Learner("alice", "Alice", "qualite", 2)], tmp_path,
                  token_hours=1, hub_namespace=hub)
    try:
        secret = core.read_namespaced_secret("cpn-kubeconfig-alice", hub)
        assert "kubeconfig" in secret.data
        pvc = yaml.safe_load((HUB / "exchange-pvc.yaml").read_text())
        core.create_namespaced_persistent_volume_claim(hub, pvc, dry_run="All")
        pod = core.create_namespaced_pod(hub, _render_server("alice", "hub"), dry_run="All")
        env = {e.name: e.value for e in pod.spec.containers[0].env}
        assert env["CPN_COHORT_NAMESPACE"] == "cohorte-hub-alice"
        assert pod.spec.volumes[0].secret.secret_name == "cpn-kubeconfig-alice"
    finally:
        cohort.delete(admin_api, "hub")
        core.delete_namespace(hub)
