"""The kit's admission rules (ValidatingAdmissionPolicy) in the learners' namespaces.

`config/admission-policies.yaml` holds them with their reasons: reserved nodes are refused
to other namespaces' pods (a taint alone is crossed by `operator: Exists`), and the quota
and LimitRange the kit puts in each learner namespace cannot be changed by a learner.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from kubernetes import client
from kubernetes.client.rest import ApiException

POLICIES_FILE = Path(__file__).resolve().parent / "config" / "admission-policies.yaml"


@cache
def policy_documents() -> tuple[dict, ...]:
    return tuple(d for d in yaml.safe_load_all(POLICIES_FILE.read_text(encoding="utf-8")) if d)


def _create_or_patch(create, patch, body: dict) -> None:
    try:
        create(body)
    except ApiException as error:
        if error.status != 409:
            raise
        patch(body["metadata"]["name"], body)


def ensure_policies(admin: client.ApiClient) -> None:
    """Create or update the policies and their bindings (admin credentials; idempotent)."""
    api = client.AdmissionregistrationV1Api(admin)
    calls = {
        "ValidatingAdmissionPolicy": (api.create_validating_admission_policy,
                                      api.patch_validating_admission_policy),
        "ValidatingAdmissionPolicyBinding": (api.create_validating_admission_policy_binding,
                                             api.patch_validating_admission_policy_binding),
    }
    for document in policy_documents():
        _create_or_patch(*calls[document["kind"]], document)
