"""What bounds a learner namespace: a Pod Security level, a ResourceQuota and a LimitRange.

Every namespace a learner works in gets them: a module's namespace, a grading namespace
(`g-<module>-<learner>-<hash>`) and a cohort learner's namespace. Sizes come from
`config/cohort-quotas.yaml` (by path in cohort mode, `module` otherwise).

Pod Security: `baseline` is enforced (no privileged pod, no host namespace, path or port, no
added capability beyond the default set), `restricted` is only warned about and audited.
The exercises deploy `nginx-unprivileged` without a securityContext, as most real charts
do, which `restricted` would refuse (it requires runAsNonRoot, dropped capabilities, a
seccomp profile and allowPrivilegeEscalation: false on every container).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

QUOTAS_FILE = Path(__file__).resolve().parent / "config" / "cohort-quotas.yaml"
MANAGED_BY = {"app.kubernetes.io/managed-by": "cpn-kit"}
QUOTA_NAME = "cpn-kit-quota"
LIMITS_NAME = "cpn-kit-limites"
POD_SECURITY = {
    "pod-security.kubernetes.io/enforce": "baseline",
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/warn-version": "latest",
    "pod-security.kubernetes.io/audit": "restricted",
    "pod-security.kubernetes.io/audit-version": "latest",
}


class Size(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    quota: dict[str, str]
    default_request: dict[str, str]
    default_limit: dict[str, str]
    max_limit: dict[str, str]


class CohortQuotas(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    apiVersion: Literal["cpn.kit/v1alpha1"]
    kind: Literal["CohortQuotas"]
    default: str
    module: str
    sizes: dict[str, Size]
    paths: dict[str, str]

    def size_for(self, path: str) -> Size:
        return self.sizes[self.paths.get(path, self.default)]

    @property
    def module_size(self) -> Size:
        return self.sizes[self.module]


@cache
def quotas() -> CohortQuotas:
    return CohortQuotas.model_validate(yaml.safe_load(QUOTAS_FILE.read_text(encoding="utf-8")))


def limit_objects(namespace: str, size: Size, labels: dict[str, str] | None = None
                  ) -> list[dict]:
    """The ResourceQuota and the LimitRange of a learner namespace."""
    meta = {"namespace": namespace, "labels": {**(labels or {}), **MANAGED_BY}}
    return [
        {"apiVersion": "v1", "kind": "ResourceQuota",
         "metadata": {"name": QUOTA_NAME, **meta}, "spec": {"hard": size.quota}},
        {"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": LIMITS_NAME, **meta},
         "spec": {"limits": [{"type": "Container", "default": size.default_limit,
                              "defaultRequest": size.default_request,
                              "max": size.max_limit}]}},
    ]
