"""The trainer's dashboard: HTML page, charts and CSV export from a real gradebook."""

from __future__ import annotations

import csv

from graders.report import write_dashboard


def test_dashboard_shows_pass_rates_charts_and_exports_csv(tmp_path, make_gradebook):
    levels = make_gradebook(tmp_path, {("ana", "a"): 10, ("ana", "b"): 8,
                                       ("ben", "a"): 4, ("ben", "b"): 10})
    page = write_dashboard(tmp_path, levels, tmp_path / "tableau")
    text = page.read_text(encoding="utf-8")
    assert "<td>qualite-n2</td><td>1/2</td><td>50 %</td>" in text
    assert text.count("data:image/png;base64,") == 2
    rows = list(csv.DictReader((tmp_path / "tableau" / "resultats.csv").open(encoding="utf-8")))
    assert {(r["apprenant"], r["module"], r["pourcentage"]) for r in rows} == {
        ("ana", "a", "100.0"), ("ana", "b", "80.0"), ("ben", "a", "40.0"), ("ben", "b", "100.0")}
