"""Results, plain values and bounded waits (pure logic)."""

from __future__ import annotations

import time

import pytest

from graders import CheckResult, GradingError, Report, failed, passed, plain, same, wait_for


class AlwaysEqual(dict):
    def __eq__(self, other):
        return True

    __hash__ = None


class LyingInt(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


def test_failure_message_says_expected_found_and_hint():
    result = failed("Deployment « web »", "3 réplicas", "1 réplica", "Changez spec.replicas.")
    text = result.message()
    assert "❌ Deployment « web »" in text
    assert "attendu  : 3 réplicas" in text and "constaté : 1 réplica" in text
    assert "piste    : Changez spec.replicas." in text
    with pytest.raises(AssertionError, match="attendu  : 3 réplicas"):
        result.require()


def test_passed_result_requires_nothing():
    assert passed("ok").require().ok


def test_report_fails_on_any_failure():
    report = Report.of([passed("a"), failed("b", "x", "y")])
    assert not report.ok
    with pytest.raises(AssertionError, match="❌ b"):
        report.require()


def test_plain_refuses_objects_and_rebuilds_values():
    assert plain({"a": [1, "x"]}) == {"a": [1, "x"]}
    with pytest.raises(GradingError, match="valeur simple"):
        plain(object())


def test_an_object_whose_eq_always_says_true_does_not_pass():
    assert not same(AlwaysEqual(), {"noeud-a": "zone-a"}, "zones").ok
    assert not same(LyingInt(7), 3, "nombre").ok
    assert same({"noeud-a": "zone-a"}, {"noeud-a": "zone-a"}, "zones").ok


def test_types_matter():
    assert not same(3.0, 3, "nombre").ok
    assert not same("3", 3, "nombre").ok


def test_wait_for_returns_as_soon_as_the_check_passes():
    calls = []

    def check() -> CheckResult:
        calls.append(1)
        return passed("prêt") if len(calls) >= 3 else failed("prêt", "oui", "non")

    assert wait_for(check, timeout=5, interval=0.01).ok
    assert len(calls) == 3


def test_wait_for_is_bounded_and_says_how_long_it_waited():
    start = time.monotonic()
    result = wait_for(lambda: failed("prêt", "oui", "non"), timeout=0.3, interval=0.05)
    assert time.monotonic() - start < 2
    assert not result.ok and "après 0 s d'attente" in result.found


def test_wait_for_stops_at_once_on_a_final_failure():
    calls = []

    def check() -> CheckResult:
        calls.append(1)
        return failed("objet", "présent", "absent", final=True)

    assert not wait_for(check, timeout=5).ok
    assert len(calls) == 1
