"""The logs of logs-et-monitoring-bases tell the incident (regeneration: test_datasets)."""

from __future__ import annotations

from cpnkit.datasets import rdv_logs
from graders import logs


def test_the_incident_shows_in_the_error_rate(tmp_path):
    path = rdv_logs.write_files(tmp_path) / "api.log"
    records, ignored = logs.json_lines("\n".join(logs.cri_messages(path)))
    rates = logs.error_rates(records)
    assert ignored == 8
    assert [w for w, rate in rates.items() if rate > 0.05] == ["10:35", "10:40"]
