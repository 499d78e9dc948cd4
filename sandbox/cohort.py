"""Cohort mode: one isolated space per learner on a shared cluster.

From a CSV roster, each learner gets a namespace, a ServiceAccount allowed to edit that
namespace only, a ResourceQuota and a LimitRange sized by path, a default-deny NetworkPolicy
that lets the namespace talk to itself (and to DNS), and a kubeconfig holding a short-lived
token. Every object is applied server-side, so a re-run resumes where a failure stopped; a
learner whose space could not be completed is rolled back (its namespace deleted).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from kubernetes import client
from kubernetes.client.rest import ApiException

from .admission import ensure_policies
from .credentials import LEARNER_ACCOUNT, LEARNER_RULES, NODE_READER, write_token_kubeconfig
from .errors import SandboxError
from .limits import POD_SECURITY, QUOTA_NAME, limit_objects, quotas
from .namespaces import wait_usable
from .objects import apply
from .progress import QUIET, Reporter

COHORT_LABEL = "cpn.kit/cohorte"
LEARNER_LABEL = "cpn.kit/apprenant"
NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
COLUMNS = ("identifiant", "nom", "parcours")


class CohortError(SandboxError):
    exit_code = 4


@dataclass(frozen=True)
class Learner:
    id: str
    name: str
    path: str
    line: int


def namespace_of(cohort: str, learner: str) -> str:
    return f"cohorte-{cohort}-{learner}"


def _row_problems(cohort: str, row: dict, seen: set[str]) -> list[str]:
    learner = (row.get("identifiant") or "").strip()
    problems = []
    if not NAME.match(learner):
        problems.append(f"identifiant « {learner} » invalide (minuscules, chiffres et tirets, "
                        "sans tiret au début ni à la fin)")
    elif len(namespace_of(cohort, learner)) > 63:
        problems.append(f"identifiant « {learner} » trop long : le namespace "
                        f"« {namespace_of(cohort, learner)} » dépasserait 63 caractères")
    if learner in seen:
        problems.append(f"identifiant « {learner} » en double")
    if not (row.get("nom") or "").strip():
        problems.append("nom manquant")
    if (row.get("parcours") or "").strip() not in quotas().paths:
        problems.append(f"parcours « {row.get('parcours')} » inconnu (possibles : "
                        f"{', '.join(quotas().paths)})")
    return problems


def read_roster(path: Path, cohort: str) -> list[Learner]:
    """Read and check the CSV roster (identifiant,nom,parcours): every problem of every row
    is reported at once, and nothing is created while one remains."""
    if not NAME.match(cohort) or len(cohort) > 30:
        raise CohortError(f"Nom de cohorte invalide : « {cohort} ».",
                          "Minuscules, chiffres et tirets, 30 caractères au plus.")
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
            header = rows[0].keys() if rows else []
    except OSError as error:
        raise CohortError(f"{path} : fichier illisible ({error.strerror}).") from None
    if not rows or list(header)[:3] != list(COLUMNS):
        raise CohortError(f"{path.name} : l'en-tête doit être « {','.join(COLUMNS)} ».",
                          "Exemple de ligne : alice-martin,Alice Martin,qualite")
    learners, seen, errors = [], set(), []
    for number, row in enumerate(rows, start=2):
        problems = _row_problems(cohort, row, seen)
        if problems:
            errors += [f"  ligne {number} : {p}" for p in problems]
            continue
        learner = row["identifiant"].strip()
        seen.add(learner)
        learners.append(Learner(learner, row["nom"].strip(), row["parcours"].strip(), number))
    if errors:
        raise CohortError(f"{path.name} : {len(errors)} problème(s), rien n'a été créé.\n"
                          + "\n".join(errors), "Corrigez ces lignes puis relancez.")
    return learners


def learner_objects(cohort: str, learner: Learner) -> list[dict]:
    """Everything one learner's space is made of (applied in this order)."""
    namespace, size = namespace_of(cohort, learner.id), quotas().size_for(learner.path)
    labels = {COHORT_LABEL: cohort, LEARNER_LABEL: learner.id}
    meta = {"namespace": namespace, "labels": labels}
    everything = {"podSelector": {}}
    return [
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {
            "name": namespace, "labels": {**labels, **POD_SECURITY}}},
        {"apiVersion": "v1", "kind": "ServiceAccount",
         "metadata": {"name": LEARNER_ACCOUNT, **meta}},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
         "metadata": {"name": LEARNER_ACCOUNT, **meta}, "rules": LEARNER_RULES},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
         "metadata": {"name": LEARNER_ACCOUNT, **meta},
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role",
                     "name": LEARNER_ACCOUNT},
         "subjects": [{"kind": "ServiceAccount", "name": LEARNER_ACCOUNT,
                       "namespace": namespace}]},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
         "metadata": {"name": f"{NODE_READER}:{namespace}", "labels": labels},
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                     "name": NODE_READER},
         "subjects": [{"kind": "ServiceAccount", "name": LEARNER_ACCOUNT,
                       "namespace": namespace}]},
        *limit_objects(namespace, size, labels),
        {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
         "metadata": {"name": "tout-refuser", **meta},
         "spec": {**everything, "policyTypes": ["Ingress", "Egress"]}},
        {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
         "metadata": {"name": "meme-namespace-et-dns", **meta},
         "spec": {**everything, "policyTypes": ["Ingress", "Egress"],
                  "ingress": [{"from": [everything]}],
                  "egress": [{"to": [everything]},
                             {"to": [{"namespaceSelector": {"matchLabels": {
                                 "kubernetes.io/metadata.name": "kube-system"}}}],
                              "ports": [{"protocol": "UDP", "port": 53},
                                        {"protocol": "TCP", "port": 53}]}]}},
    ]


@dataclass
class CohortReport:
    created: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def _node_reader_role(admin: client.ApiClient) -> None:
    """Cluster-wide objects every space relies on: the node reader, the admission rules."""
    ensure_policies(admin)
    apply(admin, {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                  "metadata": {"name": NODE_READER},
                  "rules": [{"apiGroups": [""], "resources": ["nodes"],
                             "verbs": ["get", "list", "watch"]}]})


def _token(admin: client.ApiClient, namespace: str, hours: float) -> str:
    return client.CoreV1Api(admin).create_namespaced_service_account_token(
        LEARNER_ACCOUNT, namespace,
        {"spec": {"expirationSeconds": int(hours * 3600)}}).status.token


def _hub_secret(admin: client.ApiClient, hub_namespace: str, learner: str, kubeconfig: Path
                ) -> None:
    """The learner's kubeconfig as a Secret that JupyterHub mounts in the learner's server."""
    apply(admin, {"apiVersion": "v1", "kind": "Secret",
                  "metadata": {"name": f"cpn-kubeconfig-{learner}", "namespace": hub_namespace,
                               "labels": {LEARNER_LABEL: learner}},
                  "type": "Opaque",
                  "stringData": {"kubeconfig": kubeconfig.read_text(encoding="utf-8")}})


def create(admin: client.ApiClient, cohort: str, learners: list[Learner], out: Path,
           token_hours: float = 8, reporter: Reporter = QUIET,
           hub_namespace: str | None = None) -> CohortReport:
    """Create (or complete) every learner's space and write their kubeconfigs to `out`
    (and, for JupyterHub, as Secrets in `hub_namespace`)."""
    out.mkdir(parents=True, exist_ok=True)
    _node_reader_role(admin)
    report = CohortReport()
    with reporter.phase(f"Espaces de la cohorte « {cohort} »", len(learners)) as bar:
        for learner in learners:
            namespace = namespace_of(cohort, learner.id)
            try:
                apply(admin, learner_objects(cohort, learner))
                wait_usable(admin, namespace)
                kubeconfig = write_token_kubeconfig(admin.configuration, namespace,
                                                    _token(admin, namespace, token_hours),
                                                    out / f"{learner.id}.kubeconfig")
                if hub_namespace:
                    _hub_secret(admin, hub_namespace, learner.id, kubeconfig)
                report.created.append(learner.id)
            except (SandboxError, ApiException) as error:
                report.failed[learner.id] = getattr(error, "message", str(error))[:300]
                delete_learner(admin, cohort, learner.id)
            bar.advance(detail=learner.id)
    return report


def delete_learner(admin: client.ApiClient, cohort: str, learner: str) -> None:
    namespace = namespace_of(cohort, learner)
    for call, name in ((client.CoreV1Api(admin).delete_namespace, namespace),
                       (client.RbacAuthorizationV1Api(admin).delete_cluster_role_binding,
                        f"{NODE_READER}:{namespace}")):
        try:
            call(name)
        except ApiException as error:
            if error.status != 404:
                raise


def members(admin: client.ApiClient, cohort: str) -> list[str]:
    """Learners whose space exists (spaces being deleted are not counted)."""
    found = client.CoreV1Api(admin).list_namespace(label_selector=f"{COHORT_LABEL}={cohort}")
    return sorted(ns.metadata.labels[LEARNER_LABEL] for ns in found.items
                  if ns.status.phase != "Terminating")


def delete(admin: client.ApiClient, cohort: str) -> list[str]:
    """Delete every learner space of the cohort (namespaces and their node-reading rights)."""
    learners = members(admin, cohort)
    for learner in learners:
        delete_learner(admin, cohort, learner)
    return learners


@dataclass(frozen=True)
class SpaceStatus:
    learner: str
    namespace: str
    phase: str
    pods_used: str
    cpu_limits_used: str


def status(admin: client.ApiClient, cohort: str) -> list[SpaceStatus]:
    core = client.CoreV1Api(admin)
    rows = []
    for learner in members(admin, cohort):
        namespace = namespace_of(cohort, learner)
        phase = core.read_namespace(namespace).status.phase
        try:
            used = core.read_namespaced_resource_quota(QUOTA_NAME, namespace).status.used or {}
        except ApiException:
            used = {}
        rows.append(SpaceStatus(learner, namespace, phase, used.get("pods", "?"),
                                used.get("limits.cpu", "?")))
    return rows
