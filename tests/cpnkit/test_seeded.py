"""The kit's seeded draws are the same on every Python version (pure logic)."""

from __future__ import annotations

from cpnkit.datasets.seeded import Seeded


def test_the_seeded_generator_gives_the_same_draws_everywhere():
    """Derived only from random.random(), whose sequence Python keeps across versions."""
    rng = Seeded(7)
    assert [rng.integer(1, 6) for _ in range(5)] == [2, 1, 4, 1, 4]
    assert round(rng.normal(), 6) == 1.325284
    assert round(rng.uniform(2, 3), 6) == 2.507436
    assert rng.choice("abc") == "a"
