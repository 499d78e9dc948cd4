"""The kit's data sets: regenerating them gives exactly the committed files."""

from __future__ import annotations

from cpnkit.curriculum import NOTEBOOKS_DIR
from cpnkit.datasets import journal_api, monolithe, rapport_trivy


def _committed(module: str, name: str) -> str:
    return (NOTEBOOKS_DIR / module / name).read_text(encoding="utf-8")


def test_the_api_log_is_regenerated_identically(tmp_path):
    journal_api.write(tmp_path)
    assert (tmp_path / journal_api.FILE_NAME).read_text(encoding="utf-8") == _committed(
        journal_api.MODULE, journal_api.FILE_NAME)


def test_the_trivy_report_files_are_regenerated_identically(tmp_path):
    rapport_trivy.write(tmp_path)
    for name in rapport_trivy.render():
        assert (tmp_path / name).read_text(encoding="utf-8") == _committed(
            rapport_trivy.MODULE, name), name


def test_the_monolith_files_are_regenerated_identically(tmp_path):
    monolithe.write(tmp_path)
    for name in monolithe.render():
        assert (tmp_path / name).read_text(encoding="utf-8") == _committed(
            monolithe.MODULE, name), name


def test_another_seed_gives_other_data():
    assert journal_api.render(1) != journal_api.render()
    assert rapport_trivy.render(1)["rapport-trivy.json"] != rapport_trivy.render()[
        "rapport-trivy.json"]
    assert monolithe.render(1) != monolithe.render()
