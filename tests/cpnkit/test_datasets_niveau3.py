"""The data sets of the level-3 modules (intégrité, décision) regenerate byte for byte."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
GENERATORS = ["ab_rendez_vous", "organisation_equipes", "monolithe_rdv", "tableau_de_bord"]


@pytest.mark.parametrize("name", GENERATORS)
def test_regenerating_gives_the_committed_files(name, tmp_path):
    generator = importlib.import_module(f"cpnkit.datasets.{name}")
    written = generator.write(tmp_path)
    assert written
    for path in written:
        committed = NOTEBOOKS / generator.MODULE / path.name
        assert committed.is_file(), f"{committed} is not committed"
        assert path.read_bytes() == committed.read_bytes(), path.name


@pytest.mark.parametrize("name", GENERATORS)
def test_generators_are_deterministic(name, tmp_path):
    generator = importlib.import_module(f"cpnkit.datasets.{name}")
    first = [p.read_bytes() for p in generator.write(tmp_path / "a")]
    second = [p.read_bytes() for p in generator.write(tmp_path / "b")]
    assert first == second
