"""The expert-level data sets depend on their seed (regeneration: test_datasets)."""

from __future__ import annotations

from cpnkit.datasets import canary, pra, suite_tests


def test_generators_are_deterministic_but_depend_on_their_seed():
    assert suite_tests.rows() == suite_tests.rows()
    assert suite_tests.rows(seed=1) != suite_tests.rows()
    assert pra.metrics(seed=1) != pra.metrics()
    assert canary.rows("1.27.5", seed=1) != canary.rows("1.27.5")


def test_the_data_sets_tell_the_stories_the_modules_teach():
    from graders import canary as decisions
    from graders import testsuites

    assert not testsuites.pyramid(suite_tests.rows()).is_pyramid  # an ice-cream cone
    assert decisions.decide(canary.rows("1.27.5")) == decisions.ROLLBACK
    assert decisions.decide(canary.rows("1.28.0")) == decisions.PROMOTE
    values = {row["memoire_pourcent"] for row in pra.metrics()} | {
        row["cpu_pourcent"] for row in pra.metrics()}
    assert not values & set(pra.THRESHOLDS)  # no sample sits exactly on an alert threshold
