"""The latency data set tells the story the module teaches (regeneration: test_datasets)."""

from __future__ import annotations

from cpnkit.datasets import latences


def test_the_data_set_tells_the_story_the_module_teaches():
    rows = latences.rows()
    assert len(rows) > 3000
    assert {r["endpoint"] for r in rows} == set(latences.ENDPOINTS)
    slow = [r for r in rows if r["endpoint"] == "POST /reservations"
            and "14:04" <= r["horodatage"][11:16] < "14:05"]
    assert slow and sum(r["statut"] >= 500 for r in slow) >= 3  # the incident minute
