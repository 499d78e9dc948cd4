"""Feature toggles: the reference evaluation (pure logic)."""

from __future__ import annotations

from graders import toggles

USERS = [f"usager-{i:04d}" for i in range(1000)]


def test_bucket_is_stable_and_spread():
    assert toggles.bucket("rappel-sms", "usager-0001") == toggles.bucket("rappel-sms",
                                                                         "usager-0001")
    buckets = {toggles.bucket("rappel-sms", u) for u in USERS}
    assert min(buckets) == 0 and max(buckets) == 99


def test_rules_apply_in_order():
    on = {"t": {"actif": True, "pourcentage": 100, "liste_blanche": ["agent"]}}
    assert toggles.is_enabled(on, "t", "x") is True
    assert toggles.is_enabled(on, "inconnue", "x") is False
    assert toggles.is_enabled({"t": {**on["t"], "coupe_circuit": True}}, "t", "agent") is False
    assert toggles.is_enabled({"t": {**on["t"], "actif": False}}, "t", "agent") is False
    assert toggles.is_enabled({"t": {"actif": True, "liste_blanche": ["agent"]}}, "t",
                              "agent") is True
    assert toggles.is_enabled({"t": {"pourcentage": 100}}, "t", "x") is False


def test_opening_more_only_adds_users():
    def at(percent):
        return set(toggles.exposed({"t": {"actif": True, "pourcentage": percent}}, "t", USERS))

    assert at(10) <= at(25) <= at(50) <= at(100)
    assert len(at(100)) == len(USERS) and not at(0)
    assert 50 < len(at(10)) < 150
