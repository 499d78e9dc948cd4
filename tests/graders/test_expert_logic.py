"""Reference computations of the expert-level graders (pure logic): test suites, console
conventions, capacity, backups and recovery objectives, GitOps comparisons, canary, network
policies, access-review actions."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from graders import (
    GradingError,
    access,
    backup,
    canary,
    capacity,
    console,
    gitops,
    network,
    testsuites,
)

# -- test suites --------------------------------------------------------------------------------


def test_pyramid_counts_durations_and_shape():
    rows = [{"niveau": "unitaire", "duree_s": 0.1}] * 5 + [
        {"niveau": "integration", "duree_s": 2.0}] * 2 + [{"niveau": "bout-en-bout", "duree_s": 30}]
    result = testsuites.pyramid(rows)
    assert result.counts == {"unitaire": 5, "integration": 2, "bout-en-bout": 1}
    assert result.durations == {"unitaire": 0.5, "integration": 4.0, "bout-en-bout": 30.0}
    assert result.shares == {"unitaire": 62.5, "integration": 25.0, "bout-en-bout": 12.5}
    assert result.is_pyramid
    cone = testsuites.pyramid(rows[:1] + [{"niveau": "bout-en-bout", "duree_s": 1}] * 3)
    assert not cone.is_pyramid


def test_pyramid_refuses_an_unknown_level():
    with pytest.raises(GradingError, match="Niveau de test inconnu"):
        testsuites.pyramid([{"niveau": "manuel", "duree_s": 1}])


JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="4">
  <testcase classname="tests.test_a" name="test_ok" time="0.01"/>
  <testcase classname="tests.test_a" name="test_ko" time="0.02"><failure message="x"/></testcase>
  <testcase classname="tests.test_a" name="test_err" time="0"><error message="y"/></testcase>
  <testcase classname="tests.test_b" name="test_skip" time="0"><skipped message="z"/></testcase>
</testsuite></testsuites>"""


def test_junit_reports_are_summarised():
    report = testsuites.parse_junit(JUNIT)
    assert report.summary() == {"tests": 4, "reussis": 1, "echecs": 2, "ignores": 1}
    with pytest.raises(GradingError, match="illisible"):
        testsuites.parse_junit("<pas du xml")


@pytest.mark.slow
def test_verdicts_tell_right_code_from_wrong_code():
    tests = "from calcul import carre\n\n\ndef test_carre():\n    assert carre(-3) == 9\n"
    runs = testsuites.verdicts(tests, {
        "juste": {"calcul.py": "def carre(x):\n    return x * x\n"},
        "faux": {"calcul.py": "def carre(x):\n    return x + x\n"},
        "absent": {},
        "juste-encore": {"calcul.py": "def carre(x):\n    return x ** 2\n"},
    })
    assert {k: r.green for k, r in runs.items()} == {
        "juste": True, "faux": False, "absent": False, "juste-encore": True}
    assert runs["faux"].report.summary()["echecs"] == 1
    assert "assert" in runs["faux"].tail()


@pytest.mark.slow
def test_run_pytest_respects_the_directory_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\nmarkers = ["lent: long"]\n', encoding="utf-8")
    (tmp_path / "test_x.py").write_text(
        "import pytest\n\n\n@pytest.mark.lent\ndef test_lent():\n    pass\n\n\n"
        "def test_rapide():\n    pass\n", encoding="utf-8")
    run = testsuites.run_pytest(tmp_path, "-m", "not lent")
    assert run.returncode == 0 and run.report.summary()["tests"] == 1


# -- console conventions ------------------------------------------------------------------------


def test_argocd_applications_follow_the_documented_example():
    apps = console.argocd_applications(
        "stform", [{"nom": "demo", "type": "dev", "cluster": "formation-app", "id": "3c58"}],
        [{"nom": "infra", "id": "3843"}])
    assert apps == {
        "hprod-stform-observability": {"role": "observabilite", "parent": None},
        "stform-demo-3c58-env": {"role": "environnement",
                                 "parent": "stform-formation-app-demo-root"},
        "stform-demo-3c58-infra-3843": {"role": "deploiement",
                                        "parent": "stform-formation-app-demo-root"},
        "stform-formation-app-demo-root": {"role": "racine", "parent": None},
    }


def test_production_and_other_environments_get_their_own_observability_app():
    apps = console.argocd_applications("p", [
        {"nom": "dev", "type": "dev", "cluster": "c", "id": "1"},
        {"nom": "prod", "type": "prod", "cluster": "c", "id": "2"}], [])
    assert {k for k, v in apps.items() if v["role"] == "observabilite"} == {
        "prod-p-observability", "hprod-p-observability"}
    with pytest.raises(GradingError, match="Type d'environnement inconnu"):
        console.argocd_applications("p", [{"nom": "x", "type": "test", "cluster": "c",
                                           "id": "1"}], [])


def test_repositories_images_and_quotas():
    assert console.repository_types(True, True) == ["applicatif", "infra"]
    assert console.gitlab_projects("mi", "rdv", ["api"]) == [
        "mi/rdv/api", "mi/rdv/infra-apps", "mi/rdv/infra-observability", "mi/rdv/mirror"]
    assert console.image_reference("harbor.x", "mi", "rdv", "api", "4f2a9c1e7b3d") == \
        "harbor.x/mi-rdv/api:4f2a9c1e"
    need = console.quota_need({"api": 3, "front": 2}, {"api": {"cpu": "500m", "memory": "512Mi"},
                                                       "front": {"cpu": "0.2", "memory": "128Mi"}})
    assert need == {"cpu_m": 1900, "memoire_mi": 1792}
    assert console.fits(need, {"cpu": "2", "memoire": "2Gi"})
    assert not console.fits(need, {"cpu": "1500m", "memoire": "2Gi"})


# -- capacity -----------------------------------------------------------------------------------


def test_quantities_become_plain_integers():
    assert capacity.cpu_millicores("1.5") == 1500 and capacity.cpu_millicores("250m") == 250
    assert capacity.memory_mebibytes("1Gi") == 1024 and capacity.memory_mebibytes("1G") == 954
    with pytest.raises(GradingError, match="Quantité illisible"):
        capacity.cpu_millicores("beaucoup")


def test_pod_requests_follow_the_init_container_rule():
    pod = {"spec": {
        "containers": [{"resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}},
                       {"resources": {"requests": {"cpu": "50m"}}}],
        "initContainers": [{"resources": {"requests": {"cpu": "500m", "memory": "16Mi"}}}]}}
    assert capacity.pod_requests(pod) == {"cpu_m": 500, "memoire_mi": 64}


def _series(values, start=datetime(2026, 3, 24, 10, 0), node="n1"):
    return [{"noeud": node, "horodatage": (start + i * timedelta(minutes=5)).isoformat(),
             "valeur": v} for i, v in enumerate(values)]


def test_an_alert_fires_only_after_its_duration():
    samples = _series([50, 95, 95, 95, 40]) + _series([95, 95, 95, 95, 95], node="n2")
    alerts = capacity.first_alerts(samples, 90, timedelta(minutes=15))
    assert list(alerts) == ["n2"]
    assert alerts["n2"].since == datetime(2026, 3, 24, 10, 0)
    assert alerts["n2"].fired_at == datetime(2026, 3, 24, 10, 15)


def test_a_gap_in_the_measures_resets_the_alert():
    samples = _series([95, 95]) + _series([95, 95], start=datetime(2026, 3, 24, 11, 0))
    assert capacity.first_alerts(samples, 90, timedelta(minutes=15),
                                 step=timedelta(minutes=5)) == {}


# -- backups and recovery objectives ------------------------------------------------------------

LIVE_SERVICE = {
    "apiVersion": "v1", "kind": "Service",
    "metadata": {"name": "web", "namespace": "prod", "uid": "u1", "resourceVersion": "12",
                 "creationTimestamp": "2026-03-27T10:00:00Z", "managedFields": [{}],
                 "labels": {"app": "web"}, "annotations": None},
    "spec": {"clusterIP": "10.0.0.1", "clusterIPs": ["10.0.0.1"], "selector": {"app": "web"},
             "ports": [{"port": 80, "targetPort": 8080}]},
    "status": {"loadBalancer": {}},
}


def test_normalize_keeps_what_describes_an_object():
    assert backup.normalize(LIVE_SERVICE) == {
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]},
    }
    assert backup.normalize(LIVE_SERVICE, keep_namespace=True)["metadata"]["namespace"] == "prod"


def test_compare_reports_differences_object_by_object():
    restored = {**LIVE_SERVICE, "metadata": {**LIVE_SERVICE["metadata"], "uid": "u2"},
                "spec": {**LIVE_SERVICE["spec"], "clusterIP": "10.0.0.9"}}
    assert backup.compare({"Service/web": LIVE_SERVICE}, {"Service/web": restored}) == {
        "Service/web": []}
    changed = {**restored, "spec": {**restored["spec"], "ports": [{"port": 81,
                                                                  "targetPort": 8080}]}}
    report = backup.compare({"Service/web": LIVE_SERVICE, "ConfigMap/c": {"kind": "ConfigMap"}},
                            {"Service/web": changed, "Secret/s": {"kind": "Secret"}})
    assert report == {"ConfigMap/c": ["absent de la copie"], "Secret/s": ["absent de l'original"],
                      "Service/web": ["spec.ports[0].port : 80 ≠ 81"]}


def test_generated_objects_are_not_backed_up():
    assert backup.is_generated({"kind": "ConfigMap", "metadata": {"name": "kube-root-ca.crt"}})
    assert backup.is_generated({"kind": "Pod", "metadata": {"ownerReferences": [{}]}})
    assert not backup.is_generated({"kind": "ConfigMap", "metadata": {"name": "conf"}})


BACKUPS = [
    {"debut": "2026-03-01T02:00", "fin": "2026-03-01T02:20", "statut": "ok"},
    {"debut": "2026-03-02T02:00", "fin": "2026-03-02T02:40", "statut": "echec"},
    {"debut": "2026-03-03T02:00", "fin": "2026-03-03T02:20", "statut": "ok"},
    {"debut": "2026-03-04T02:00", "fin": "2026-03-04T02:20", "statut": "ok"},
]


def test_recovery_point_and_objectives():
    assert backup.restore_point(BACKUPS, "2026-03-04T02:10") == datetime(2026, 3, 3, 2, 0)
    assert backup.minutes(backup.effective_rpo(BACKUPS, "2026-03-04T02:10")) == 24 * 60 + 10
    assert backup.worst_rpo(BACKUPS) == timedelta(days=2)
    timeline = {"incident": "2026-03-04T10:00", "service_retabli": "2026-03-04T11:25"}
    assert backup.minutes(backup.effective_rto(timeline)) == 85
    with pytest.raises(GradingError, match="Aucune sauvegarde réussie"):
        backup.effective_rpo(BACKUPS, "2026-03-01T02:10")


# -- GitOps -------------------------------------------------------------------------------------


def test_declared_fields_only_are_compared():
    declared = {"spec": {"replicas": 2, "template": {"spec": {"containers": [
        {"name": "api", "resources": {"limits": {"cpu": "0.5"}}}]}}}}
    live = {"spec": {"replicas": 2, "revisionHistoryLimit": 10, "template": {"spec": {
        "containers": [{"name": "api", "imagePullPolicy": "IfNotPresent",
                        "resources": {"limits": {"cpu": "500m"}}}]}}}}
    assert gitops.declared_differences(declared, live) == []
    live["spec"]["replicas"] = 5
    assert gitops.declared_differences(declared, live) == [
        "spec.replicas : 2 dans Git, 5 dans le cluster"]
    assert gitops.declared_differences({"data": {"a": "1"}}, {}) == ["data : absent du cluster"]
    assert gitops.declared_differences({"a": {"b": 1}}, {"a": {"b": 2}},
                                       wording=gitops.FILE_WORDING) == [
        "a.b : 1 attendu, 2 dans le fichier"]


def test_a_repository_folder_is_read_recursively(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "a.yaml").write_text("kind: ConfigMap\nmetadata: {name: a}\n---\n")
    (tmp_path / "b.yml").write_text("kind: Service\nmetadata: {name: b}\n")
    (tmp_path / "LISEZMOI.md").write_text("rien")
    assert [gitops.name_of(o) for o in gitops.load_folder(tmp_path)] == ["ConfigMap/a",
                                                                          "Service/b"]


# -- canary -------------------------------------------------------------------------------------


@pytest.mark.parametrize("total,percent,expected", [
    (10, 10, (9, 1)), (10, 25, (7, 3)), (10, 1, (9, 1)), (10, 0, (10, 0)), (3, 100, (0, 3)),
    (4, 50, (2, 2)), (8, 31.25, (5, 3))])
def test_replicas_are_split_by_weight(total, percent, expected):
    assert canary.split_replicas(total, percent) == {"stable": expected[0],
                                                     "canary": expected[1]}


def test_impossible_splits_are_refused():
    with pytest.raises(GradingError):
        canary.split_replicas(0, 10)
    with pytest.raises(GradingError):
        canary.split_replicas(10, 120)


def _windows(canary_requests, canary_errors, stable_requests=9000, stable_errors=36):
    return [{"version": "stable", "requetes": stable_requests, "erreurs": stable_errors},
            {"version": "canary", "requetes": canary_requests, "erreurs": canary_errors}]


def test_the_decision_waits_rolls_back_or_promotes():
    assert canary.decide(_windows(999, 0)) == canary.WAIT
    assert canary.decide(_windows(2000, 30)) == canary.ROLLBACK  # 1.5 % > 0.4 % + 1
    assert canary.decide(_windows(2000, 28)) == canary.PROMOTE  # 1.4 % is not above
    assert canary.decide(_windows(2000, 20), tolerance=0.5) == canary.ROLLBACK
    assert canary.error_rates(_windows(2000, 30))["canary"] == {"requetes": 2000, "erreurs": 30,
                                                               "taux": 1.5}
    with pytest.raises(GradingError, match="stable"):
        canary.decide(_windows(2000, 1)[1:])


# -- network policies ---------------------------------------------------------------------------
NS = "rdv"
DENY = {"metadata": {"name": "refus", "namespace": NS},
        "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}}
API_FROM_FRONT = {"metadata": {"name": "api", "namespace": NS}, "spec": {
    "podSelector": {"matchLabels": {"app": "api"}},
    "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "front"}}}],
                 "ports": [{"protocol": "TCP", "port": 8080}]}]}}
FRONT_TO_API = {"metadata": {"name": "front", "namespace": NS}, "spec": {
    "podSelector": {"matchLabels": {"app": "front"}}, "policyTypes": ["Egress"],
    "egress": [{"to": [{"podSelector": {"matchExpressions": [
        {"key": "app", "operator": "In", "values": ["api"]}]}}],
        "ports": [{"port": 8000, "endPort": 8100}]}]}}
DNS = {"metadata": {"name": "dns", "namespace": NS}, "spec": {
    "podSelector": {}, "policyTypes": ["Egress"], "egress": [{"to": [{
        "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
        "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
        "ports": [{"protocol": "UDP", "port": 53}]}]}}
FRONT, API = network.Peer({"app": "front"}, NS), network.Peer({"app": "api"}, NS)
KUBE_DNS = network.Peer({"k8s-app": "kube-dns"}, "kube-system")


def test_without_policies_everything_flows():
    assert network.flow_allowed([], FRONT, API, 8080)
    assert network.default_deny([]) == {"Ingress": False, "Egress": False}


def test_default_deny_then_declared_flows():
    policies = [DENY, API_FROM_FRONT, FRONT_TO_API, DNS]
    assert network.default_deny(policies) == {"Ingress": True, "Egress": True}
    assert network.flow_allowed(policies, FRONT, API, 8080)
    assert not network.flow_allowed(policies, API, FRONT, 8080)
    assert not network.flow_allowed(policies, FRONT, API, 8200)  # outside the egress range
    assert not network.flow_allowed(policies, FRONT, API, 8080, protocol="UDP")
    assert network.flow_allowed(policies, API, KUBE_DNS, 53, "UDP")
    assert not network.flow_allowed(policies, API, KUBE_DNS, 53, "TCP")
    elsewhere = network.Peer({"app": "front"}, "autre")
    assert not network.flow_allowed(policies, elsewhere, API, 8080)  # podSelector: own namespace


def test_policy_types_default_to_ingress():
    assert network.policy_types(API_FROM_FRONT) == {"Ingress"}
    assert network.policy_types(FRONT_TO_API) == {"Egress"}
    assert network.default_deny([API_FROM_FRONT]) == {"Ingress": False, "Egress": False}


@pytest.mark.parametrize("expression,labels,expected", [
    ({"key": "a", "operator": "NotIn", "values": ["x"]}, {"a": "y"}, True),
    ({"key": "a", "operator": "NotIn", "values": ["x"]}, {}, True),
    ({"key": "a", "operator": "Exists"}, {}, False),
    ({"key": "a", "operator": "DoesNotExist"}, {"a": "1"}, False),
])
def test_label_selector_expressions(expression, labels, expected):
    assert network.matches({"matchExpressions": [expression]}, labels) is expected


# -- access reviews -----------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("get secrets", access.Action("get", "secrets")),
    ("patch deployments.apps", access.Action("patch", "deployments", "apps")),
    ("create pods/exec", access.Action("create", "pods", "", "exec")),
    ("update deployments.apps/scale", access.Action("update", "deployments", "apps", "scale")),
])
def test_actions_are_parsed(text, expected):
    assert access.Action.parse(text) == expected


def test_unreadable_actions_and_violations():
    with pytest.raises(GradingError, match="Action illisible"):
        access.Action.parse("tout")
    rights = {"app": {"get secrets": True, "list pods": False}}
    assert access.violations(rights, {"app": {"get secrets": False, "list pods": True}}) == {
        "app": ["+ get secrets", "- list pods"]}
    assert access.service_account("ns", "app") == "system:serviceaccount:ns:app"
