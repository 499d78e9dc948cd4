"""`cpn questionnaire …`: list, check, export, diagnostic."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from cpnkit.answers import AnswerStore
from cpnkit.cli import main

TEAM = Path(__file__).resolve().parents[2] / "notebooks/diagnostic-equipe/equipe-rdv.yaml"


def _fill(directory: Path, name: str, answers: dict) -> None:
    store = AnswerStore(directory / f"{name}.json", read_only=False)
    for key, value in answers.items():
        store.update(key, value)


def test_list_check_export_and_diagnostic(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path))
    team = yaml.safe_load(TEAM.read_text("utf-8"))
    _fill(tmp_path, "diagnostic", team["diagnostic"])
    _fill(tmp_path, "qualification", team["qualification"])

    assert main(["questionnaire", "list", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["diagnostic"]["answered"] == len(team["diagnostic"])

    assert main(["questionnaire", "export", "qualification"]) == 0
    out = capsys.readouterr()
    assert "Verdict : prêt sous conditions" in out.err
    dossier = (tmp_path / "qualification.md").read_text("utf-8")
    assert "**Verdict : prêt sous conditions**" in dossier

    assert main(["questionnaire", "diagnostic", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["stage"] == 3 and result["paths"] == {"qualite": "n2", "integrite": "n2"}
    assert main(["questionnaire", "diagnostic"]) == 0
    assert "Étape 3 : Lancer un projet cloud native" in capsys.readouterr().out


def test_check_reports_errors_in_french(tmp_path, capsys):
    path = tmp_path / "q.yaml"
    path.write_text("apiVersion: cpn.kit/v1alpha1\nkind: Questionnaire\nid: q\ntitle: Essai\n"
                    "sections: []\n", encoding="utf-8")
    assert main(["questionnaire", "check", str(path)]) == 4
    assert "clé « sections » : au moins 1 élément(s)" in capsys.readouterr().err
