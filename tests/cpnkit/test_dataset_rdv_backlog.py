"""The data set of epics-et-user-stories tells its story (regeneration: test_datasets)."""

from __future__ import annotations

from cpnkit.datasets import rdv_backlog


def test_statistics_are_plausible():
    rows = rdv_backlog.statistics_rows()
    assert len(rows) == 12
    assert all(0.12 < r["non_honores"] / r["rendez_vous"] < 0.22 for r in rows)
