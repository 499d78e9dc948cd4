"""Self-evaluation: every objective, before and after, saved at once, with a progress chart."""

from __future__ import annotations

import json

from cpnkit import level_self_evaluation, self_evaluation


def _buttons(view):
    return [w for w in view.widget.children if hasattr(w, "options") and hasattr(w, "description")]


def test_a_module_cell_still_works_and_saves_before_and_after(tmp_path, monkeypatch):
    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path))
    view = self_evaluation("premiers-pas-bac-a-sable")
    after, before = _buttons(view)  # « Après » first in a module cell
    assert (after.description, before.description) == ("Après", "Avant")
    before.value, after.value = "Un peu", "Tout à fait"
    saved = json.loads((tmp_path / "autoevaluation.json").read_text("utf-8"))["answers"]
    assert saved == {"decouverte/hello-world/avant": "Un peu",
                     "decouverte/hello-world/apres": "Tout à fait"}
    assert view.progress() == {"decouverte/hello-world": (1, 3)}
    assert bytes(view.chart.value).startswith(b"\x89PNG")  # the progress chart is drawn


def test_the_level_view_reuses_the_module_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path))
    self_evaluation("premiers-pas-bac-a-sable", moment="avant")
    _buttons(self_evaluation("premiers-pas-bac-a-sable"))[0].value = "Assez"
    level = level_self_evaluation("decouverte")
    assert len(_buttons(level)) == 2 * 5  # five objectives, two moments each
    assert level.progress()["decouverte/hello-world"] == (None, 2)


def test_nothing_shown_or_written_under_grading(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path / "reponses"))
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert self_evaluation("premiers-pas-bac-a-sable") is None
    assert level_self_evaluation("decouverte") is None
    assert "ignorée pendant la correction" in capsys.readouterr().out
    assert not (tmp_path / "reponses").exists()
