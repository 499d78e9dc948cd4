"""Data sets are made by the kit with a fixed seed: regenerating gives the committed files."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import cpnkit.datasets
from cpnkit.curriculum import NOTEBOOKS_DIR, load

GENERATORS = [
    module for info in pkgutil.iter_modules(cpnkit.datasets.__path__)
    if hasattr(module := importlib.import_module(f"cpnkit.datasets.{info.name}"), "MODULE")
]


def test_there_are_generators():
    assert GENERATORS


@pytest.mark.parametrize("generator", GENERATORS, ids=lambda g: g.__name__.split(".")[-1])
def test_regenerating_gives_the_committed_files(generator):
    assert generator.MODULE in load().modules
    files = generator.generate()
    assert files == generator.generate()  # deterministic
    for name, content in files.items():
        committed = NOTEBOOKS_DIR / generator.MODULE / name
        assert committed.read_text(encoding="utf-8") == content, (
            f"{committed} differs: python -m {generator.__name__}")


@pytest.mark.parametrize("generator", GENERATORS, ids=lambda g: g.__name__.split(".")[-1])
def test_write_files_writes_what_generate_gives(generator, tmp_path):
    folder = generator.write_files(tmp_path)
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == (
        generator.generate())
