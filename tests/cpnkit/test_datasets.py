"""The committed data sets are exactly what the kit's generators produce (fixed seeds)."""

from __future__ import annotations

import pytest

from cpnkit.curriculum import NOTEBOOKS_DIR
from cpnkit.datasets import GENERATORS, write
from cpnkit.datasets.seeded import Seeded


@pytest.mark.parametrize("module", sorted(GENERATORS))
def test_regenerating_gives_the_committed_files(module):
    for name, text in GENERATORS[module]().items():
        committed = NOTEBOOKS_DIR / module / name
        assert committed.is_file(), f"{committed} manquant : python -m cpnkit.datasets {module}"
        assert committed.read_text(encoding="utf-8") == text, f"{committed} a changé"


def test_write_puts_the_files_in_the_given_folder(tmp_path):
    module = sorted(GENERATORS)[0]
    written = write(module, tmp_path)
    assert {p.name for p in written} == set(GENERATORS[module]())


def test_the_seeded_generator_gives_the_same_draws_everywhere():
    """Derived only from random.random(), whose sequence Python keeps across versions."""
    rng = Seeded(7)
    assert [rng.integer(1, 6) for _ in range(5)] == [2, 1, 4, 1, 4]
    assert round(rng.normal(), 6) == 1.325284
    assert round(rng.uniform(2, 3), 6) == 2.507436
    assert rng.choice("abc") == "a"
