"""The logs of logs-et-monitoring-bases are exactly what their generator makes."""

from __future__ import annotations

from cpnkit.curriculum import NOTEBOOKS_DIR
from cpnkit.datasets import rdv_logs
from graders import logs


def test_regenerating_gives_the_committed_files(tmp_path):
    for path in rdv_logs.write(tmp_path):
        committed = NOTEBOOKS_DIR / "logs-et-monitoring-bases" / path.name
        assert path.read_bytes() == committed.read_bytes(), path.name


def test_the_incident_shows_in_the_error_rate(tmp_path):
    path = rdv_logs.write(tmp_path)[0]
    records, ignored = logs.json_lines("\n".join(logs.cri_messages(path)))
    rates = logs.error_rates(records)
    assert ignored == 8
    assert [w for w, rate in rates.items() if rate > 0.05] == ["10:35", "10:40"]
