"""The latency data set is made by the kit: regenerating it gives the committed file."""

from __future__ import annotations

from cpnkit.curriculum import NOTEBOOKS_DIR
from cpnkit.datasets import latences

SHIPPED = NOTEBOOKS_DIR / "tests-unitaires-fonctionnels-performance" / latences.FILE_NAME


def test_regenerating_gives_exactly_the_shipped_file(tmp_path):
    written = latences.write(tmp_path)
    assert written.read_bytes() == SHIPPED.read_bytes()


def test_the_data_set_tells_the_story_the_module_teaches():
    rows = latences.rows()
    assert len(rows) > 3000
    assert {r["endpoint"] for r in rows} == set(latences.ENDPOINTS)
    slow = [r for r in rows if r["endpoint"] == "POST /reservations"
            and "14:04" <= r["horodatage"][11:16] < "14:05"]
    assert slow and sum(r["statut"] >= 500 for r in slow) >= 3  # the incident minute
