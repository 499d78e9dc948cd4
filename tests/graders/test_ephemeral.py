"""Cost of always-on vs ephemeral preview environments (pure logic)."""

from __future__ import annotations

from datetime import datetime

import pytest

from graders import ephemeral

T = datetime(2026, 1, 5)


def at(hours: float) -> datetime:
    from datetime import timedelta

    return T + timedelta(hours=hours)


MRS = [
    {"ouverte_le": at(0), "fermee_le": at(10)},
    {"ouverte_le": at(10), "fermee_le": at(20)},  # starts when the first one ends
    {"ouverte_le": at(5), "fermee_le": at(200)},  # capped at 72 h
    {"ouverte_le": at(150), "fermee_le": None},  # still open: until the end (168 h)
]
GRID = {"prix": {"vcpu_heure": 0.04, "gio_heure": 0.005, "minute_ci": 0.01},
        "environnement_revue": {"composants": [{"vcpu": 1.5, "memoire_gio": 2.0},
                                               {"vcpu": 0.5, "memoire_gio": 2.0}],
                                "creation_minutes_ci": 10},
        "periode": {"debut": "2026-01-05T00:00", "fin": "2026-01-12T00:00"},
        "duree_vie_max_h": 72}


def test_lifetimes_are_capped_by_the_maximum_and_the_end_of_the_period():
    spans = ephemeral.lifetimes(MRS, at(168), 72)
    assert [(b - T).total_seconds() / 3600 for b, _ in spans] == [0, 10, 5, 150]
    assert [(e - T).total_seconds() / 3600 for _, e in spans] == [10, 20, 77, 168]


def test_peak_counts_an_end_before_a_start_at_the_same_time():
    assert ephemeral.peak(ephemeral.lifetimes(MRS, at(168), 72)) == 2


def test_costs_of_both_strategies():
    rate = 2 * 0.04 + 4 * 0.005  # 0.10 € an hour
    hours = 10 + 10 + 72 + 18
    result = ephemeral.costs(MRS, GRID)
    assert result["heures_env"] == hours and result["pic"] == 2
    assert result["cout_ephemere"] == pytest.approx(round(hours * rate + 4 * 10 * 0.01, 2))
    assert result["cout_toujours_allume"] == pytest.approx(round(2 * 168 * rate, 2))
    assert result["economie_pct"] == pytest.approx(
        round(100 * (1 - (hours * rate + 0.4) / (2 * 168 * rate)), 1))


# The manifests of a preview environment, as a learner's function returns them -------------

def preview(mr: int, hours: float = 72, now: datetime | None = None) -> list[dict]:
    from datetime import UTC, timedelta

    expiry = ((now or datetime.now(UTC)) + timedelta(hours=hours)).isoformat(timespec="seconds")
    labels = {"app": "rdv", "env": "test", "tier": "frontend", ephemeral.PREVIEW_LABEL: f"mr-{mr}"}
    meta = {"labels": labels, "annotations": {ephemeral.EXPIRY_ANNOTATION: expiry}}
    selector = {"app": "rdv", ephemeral.PREVIEW_LABEL: f"mr-{mr}"}
    resources = {"cpu": "250m", "memory": "256Mi"}
    return [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"rdv-mr-{mr}-config",
                                                               **meta}, "data": {"MR": str(mr)}},
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": f"rdv-mr-{mr}", **meta},
         "spec": {"replicas": 2, "selector": {"matchLabels": selector}, "template": {
             "metadata": {"labels": labels}, "spec": {"containers": [{
                 "name": "web", "image": "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine",
                 "ports": [{"containerPort": 8080}],
                 "resources": {"requests": resources, "limits": resources},
                 "readinessProbe": {"httpGet": {"path": "/", "port": 8080}}}]}}}},
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": f"rdv-mr-{mr}", **meta},
         "spec": {"selector": selector, "ports": [{"port": 80, "targetPort": 8080}]}},
    ]


def test_good_preview_manifests_pass():
    assert ephemeral.check_manifests(preview(7), 7, 72).ok


def test_a_service_that_selects_every_environment_fails():
    objects = preview(7)
    objects[2]["spec"]["selector"] = {"app": "rdv"}
    report = ephemeral.check_manifests(objects, 7, 72)
    assert not report.ok and "autres environnements" in report.message()


@pytest.mark.parametrize(("change", "problem"), [
    (lambda o: o[1]["metadata"].update(name="rdv"), "Deployment nommé « rdv »"),
    (lambda o: o[1]["spec"].update(replicas=1), "1 réplica(s) au lieu de 2"),
    (lambda o: o[0]["metadata"]["annotations"].clear(), "ConfigMap : annotation"),
    (lambda o: o.pop(), "un ConfigMap, un Deployment et un Service"),
])
def test_each_broken_fact_is_named(change, problem):
    objects = preview(7)
    change(objects)
    report = ephemeral.check_manifests(objects, 7, 72)
    assert not report.ok and problem in report.message()


def test_the_lifetime_is_checked():
    assert not ephemeral.check_manifests(preview(7, hours=24), 7, 72).ok
    assert ephemeral.check_manifests(preview(7, hours=24), 7, 24).ok


def test_non_compliant_manifests_fail_the_cct_check():
    objects = preview(7)
    objects[1]["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:latest"
    assert "conformité au CCT" in ephemeral.check_manifests(objects, 7, 72).message()
    assert not ephemeral.check_manifests(objects, 7, 72).ok


def test_durations_must_be_plain_plausible_seconds():
    assert ephemeral.check_duration(1.5, "durée").ok
    assert not ephemeral.check_duration(1500.0, "durée").ok
    assert not ephemeral.check_duration(2, "durée").ok  # an int: not measured
    assert not ephemeral.check_duration(-0.1, "durée").ok
