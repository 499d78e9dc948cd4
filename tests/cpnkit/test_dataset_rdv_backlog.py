"""The data set of epics-et-user-stories is exactly what its generator makes."""

from __future__ import annotations

from cpnkit.curriculum import NOTEBOOKS_DIR
from cpnkit.datasets import rdv_backlog


def test_regenerating_gives_the_committed_files(tmp_path):
    for path in rdv_backlog.write(tmp_path):
        committed = NOTEBOOKS_DIR / "epics-et-user-stories" / path.name
        assert path.read_bytes() == committed.read_bytes(), path.name


def test_statistics_are_plausible():
    rows = rdv_backlog.statistics_rows()
    assert len(rows) == 12
    assert all(0.12 < r["non_honores"] / r["rendez_vous"] < 0.22 for r in rows)
