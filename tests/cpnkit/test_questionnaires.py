"""The questionnaire engine: every kind renders, validates, saves and reloads; the answers
file survives concurrent writers, kernel restarts and damage."""

from __future__ import annotations

import json
import multiprocessing
import textwrap
from pathlib import Path

import ipywidgets as widgets
import pytest

from cpnkit.answers import AnswerStore
from cpnkit.questionnaires import (
    DONT_KNOW,
    QuestionnaireError,
    available,
    load_questionnaire,
    missing_required,
    parse_number,
    render,
    to_json,
    to_markdown,
    write_exports,
)

EVERY_KIND = textwrap.dedent("""
    apiVersion: cpn.kit/v1alpha1
    kind: Questionnaire
    id: tous-les-types
    title: Tous les types de questions
    sections:
      - id: section-unique
        title: Une section
        questions:
          - {id: unique, kind: single, label: Choix unique, required: true,
             options: [{value: a, label: A}, {value: b, label: B}]}
          - {id: multiple, kind: multiple, label: Choix multiple, required: true,
             options: [{value: a, label: A}, {value: b, label: B}, {value: c, label: C}]}
          - {id: likert5, kind: likert5, label: Likert sur 5, required: true}
          - {id: likert7, kind: likert7, label: Likert sur 7, required: true}
          - {id: ordinal, kind: ordinal, label: Échelle ordinale, required: true,
             options: [{value: lent, label: Lent}, {value: moyen, label: Moyen},
                       {value: rapide, label: Rapide}]}
          - {id: pourcentage, kind: percent, label: Pourcentage, required: true}
          - {id: nombre, kind: number, label: Nombre, unit: Go, min: 0, max: 64, required: true}
          - {id: texte, kind: text, label: Texte court, required: true, max_length: 20}
          - {id: long, kind: long_text, label: Texte long, required: true}
          - {id: adresse, kind: url, label: Adresse web, required: true}
""")

# kind -> (value a click or a keystroke gives the widget, value saved in the file)
VALID = {
    "unique": ("b", "b"),
    "multiple": (["a", "c"], ["a", "c"]),
    "likert5": (4, 4),
    "likert7": (DONT_KNOW, DONT_KNOW),
    "ordinal": ("rapide", "rapide"),
    "pourcentage": (15, 15),
    "nombre": ("3,5", 3.5),
    "texte": ("  DNUM  ", "DNUM"),
    "long": ("Une ligne\nune autre", "Une ligne\nune autre"),
    "adresse": ("https://exemple.gouv.fr/projet", "https://exemple.gouv.fr/projet"),
}
INVALID = {  # typed values refused, with the French reason shown
    "nombre": ("trois", "un nombre est attendu"),
    "texte": ("x" * 21, "20 caractères au plus"),
    "adresse": ("exemple point gouv", "une adresse web complète est attendue"),
}


@pytest.fixture
def questionnaire(tmp_path):
    path = tmp_path / "tous-les-types.yaml"
    path.write_text(EVERY_KIND, encoding="utf-8")
    return load_questionnaire(path)


def _type_in(form, question_id: str, value) -> None:
    """What a click or typing does: change the value of the question's widget(s)."""
    field = form.fields[question_id]
    if question_id == "multiple":
        for option, box in zip(field.question.options, field.widget.children, strict=True):
            box.value = option.value in value
    elif question_id == "nombre":
        field.widget.children[0].value = value
    else:
        field.widget.value = value


def _saved(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["answers"]


def test_every_kind_renders_saves_at_once_and_reloads(questionnaire, tmp_path):
    path = tmp_path / "reponses.json"
    form = render(questionnaire, path, read_only=False)
    assert isinstance(form.widget, widgets.VBox)
    assert str(path) in form.widget.children[0].value  # the file location is shown
    assert {q.kind for q in questionnaire.questions()} == {
        "single", "multiple", "likert5", "likert7", "ordinal", "percent", "number", "text",
        "long_text", "url"}
    for question_id, (typed, stored) in VALID.items():
        _type_in(form, question_id, typed)
        assert _saved(path)[question_id] == stored, question_id  # saved as soon as changed
        assert "enregistré" in form.status[question_id].value
    assert form.problems() == []

    again = render(questionnaire, path, read_only=False)  # a re-run of the cell
    for question_id, (_, stored) in VALID.items():
        assert again.fields[question_id].value() == stored, question_id


def test_invalid_answers_are_explained_in_french_and_not_saved(questionnaire, tmp_path):
    path = tmp_path / "reponses.json"
    form = render(questionnaire, path, read_only=False)
    for question_id, (typed, reason) in INVALID.items():
        _type_in(form, question_id, typed)
        assert reason in form.status[question_id].value
        assert "non enregistrée" in form.status[question_id].value
    assert question_id not in AnswerStore(path, read_only=False).answers()
    _type_in(form, "nombre", "65")
    assert "au plus 64 Go" in form.status["nombre"].value


def test_required_fields_each_get_a_french_message(questionnaire):
    problems = missing_required(questionnaire, {"unique": "b", "nombre": 99})
    assert len(problems) == 9
    assert "« Choix multiple » (section Une section) : réponse obligatoire manquante." in problems
    assert "« Nombre » (section Une section) : réponse invalide, au plus 64 Go." in problems


def test_answers_are_timestamped_and_two_runs_can_be_compared(questionnaire, tmp_path):
    path = tmp_path / "reponses.json"
    first = render(questionnaire, path, read_only=False)
    _type_in(first, "likert5", 2)
    _type_in(first, "texte", "avant")
    second = render(questionnaire, path, read_only=False)
    _type_in(second, "likert5", 5)
    store = AnswerStore(path, read_only=False)
    data = store.load()
    runs = [r["id"] for r in store.runs()]
    assert len(runs) == 2 and runs[0] < runs[1]
    assert data["answered_at"]["likert5"] > data["answered_at"]["texte"]
    assert store.compare(runs[0], runs[1]) == {"likert5": (2, 5)}
    assert store.answers_after_run(runs[0])["likert5"] == 2


def test_exports_in_markdown_and_json(questionnaire, tmp_path):
    answers = {"unique": "b", "multiple": ["a", "c"], "likert5": 4, "nombre": 3.5}
    markdown = to_markdown(questionnaire, answers)
    assert "# Tous les types de questions" in markdown
    assert "> A, C" in markdown and "> 4/5 (Plutôt d'accord)" in markdown
    assert "> 3,5 Go" in markdown and "## Reste à compléter" in markdown
    data = to_json(questionnaire, answers)
    assert data["sections"][0]["questions"][1]["answer"] == ["a", "c"]
    md_path, json_path = write_exports(questionnaire, answers, tmp_path / "export")
    assert md_path.read_text(encoding="utf-8") .startswith("# Tous les types")
    assert json.loads(json_path.read_text(encoding="utf-8"))["questionnaire"] == "tous-les-types"


def test_a_damaged_file_is_kept_aside_and_reported(questionnaire, tmp_path):
    path = tmp_path / "reponses.json"
    path.write_text('{"answers": {"unique": "b"', encoding="utf-8")  # cut in the middle
    form = render(questionnaire, path, read_only=False)
    assert "illisible" in form.widget.children[0].value
    kept = list(tmp_path.glob("reponses.illisible-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == '{"answers": {"unique": "b"'
    _type_in(form, "unique", "a")
    assert _saved(path) == {"unique": "a"}
    assert kept[0].exists()  # never overwritten


def test_a_damaged_file_is_left_untouched_under_grading(tmp_path):
    path = tmp_path / "reponses.json"
    path.write_text("pas du JSON", encoding="utf-8")
    store = AnswerStore(path, read_only=True)
    assert store.answers() == {} and "illisible" in store.warning
    store.update("x", 1)
    assert path.read_text(encoding="utf-8") == "pas du JSON"


def _writer(path: str, prefix: str) -> None:
    store = AnswerStore(Path(path), read_only=False)
    for index in range(40):
        store.update(f"{prefix}{index}", index)


def test_two_concurrent_writers_leave_a_valid_complete_file(tmp_path):
    path = tmp_path / "reponses.json"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), p)) for p in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    answers = _saved(path)
    assert len(answers) == 80 and answers["a39"] == 39 and answers["b0"] == 0
    assert not list(tmp_path.glob(".reponses-*"))  # no temporary file left behind


def test_nothing_is_written_under_grading(questionnaire, tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    path = tmp_path / "reponses.json"
    form = render(questionnaire, path)
    _type_in(form, "unique", "a")
    assert not path.exists()


def test_french_numbers():
    assert parse_number("1 200") == 1200 and parse_number("3,5") == 3.5
    assert parse_number("") is None and parse_number("douze") == "douze"


def test_the_kit_questionnaires_load():
    assert {"prequalification", "qualification", "diagnostic"} <= set(available())


def test_a_malformed_questionnaire_gets_a_french_error(tmp_path):
    path = tmp_path / "casse.yaml"
    path.write_text(EVERY_KIND.replace("kind: percent", "kind: pourcent"), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"clé « sections\.0\.questions\.5\.kind »"):
        load_questionnaire(path)
    path.write_text(EVERY_KIND.replace(
        "options: [{value: lent, label: Lent}, {value: moyen, label: Moyen},",
        "options: [{value: lent, label: Lent},").replace(
        "{value: rapide, label: Rapide}]}", "]}"), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="demande au moins deux options"):
        load_questionnaire(path)
    with pytest.raises(QuestionnaireError, match="Questionnaire inconnu"):
        load_questionnaire("imaginaire")


KERNEL_CODE = """
from pathlib import Path
from cpnkit.questionnaires import load_questionnaire, render
form = render(load_questionnaire("prequalification"), Path({path!r}))
{action}
"""


def _run_in_kernel(manager, code: str) -> str:
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(code, timeout=60, output_hook=_collect)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        client.stop_channels()
    return "".join(_OUTPUT)


_OUTPUT: list[str] = []


def _collect(message: dict) -> None:
    if message["msg_type"] == "stream":
        _OUTPUT.append(message["content"]["text"])


@pytest.mark.slow
def test_a_kernel_restart_loses_nothing(tmp_path):
    from jupyter_client import KernelManager

    path = tmp_path / "prequalification.json"
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(env={"CPN_GRADING": "0", **_environment()})
    try:
        _run_in_kernel(manager, KERNEL_CODE.format(path=str(path), action=(
            "form.fields['organisation'].widget.value = 'DNUM, application RDV'\n"
            "form.fields['financement'].widget.value = 'non'")))
        manager.restart_kernel(now=True)
        _OUTPUT.clear()
        out = _run_in_kernel(manager, KERNEL_CODE.format(path=str(path), action=(
            "print(form.fields['organisation'].value(), '|', "
            "form.fields['financement'].value())")))
    finally:
        manager.shutdown_kernel(now=True)
    assert out.strip() == "DNUM, application RDV | non"


def _environment() -> dict:
    import os

    return {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}


def test_compare_runs_shows_what_changed_since_the_previous_run(tmp_path, monkeypatch):
    from cpnkit.questionnaires import compare_runs

    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path))
    questionnaire = load_questionnaire("diagnostic")
    path = tmp_path / "diagnostic.json"
    assert compare_runs("diagnostic") == {}
    first = render(questionnaire, path, read_only=False)
    first.set_answer("delai", "1-a-6-mois")
    first.set_answer("taille", 8)
    second = render(questionnaire, path, read_only=False)
    second.set_answer("delai", "moins-d-un-jour")
    assert compare_runs("diagnostic") == {"delai": ("1-a-6-mois", "moins-d-un-jour")}


TEAM = Path(__file__).resolve().parents[2] / "notebooks/diagnostic-equipe/equipe-rdv.yaml"


def test_the_qualification_verdict_follows_the_answers(tmp_path, monkeypatch):
    import yaml

    from cpnkit import qualification

    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path))
    form = qualification()
    verdict = form.widget.children[1]
    assert "Verdict : pas encore" in verdict.value
    assert "réponse(s) obligatoire(s) manquante(s)" in verdict.value
    for key, value in yaml.safe_load(TEAM.read_text("utf-8"))["qualification"].items():
        form.set_answer(key, value)
    assert "Verdict : prêt sous conditions" in verdict.value
    form.set_answer("architecture", "aucune")
    assert "Verdict : pas encore" in verdict.value
    markdown, _ = form.export()
    assert "**Verdict : pas encore**" in markdown.read_text("utf-8")


def test_the_diagnostic_view_draws_two_charts_and_the_advice(tmp_path, monkeypatch):
    import yaml

    from cpnkit import diagnostic

    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path))
    view = diagnostic()
    for key, value in yaml.safe_load(TEAM.read_text("utf-8"))["diagnostic"].items():
        view.form.set_answer(key, value)
    result = view.refresh()
    assert result.stage == 3
    assert [bytes(c.value)[:4] for c in view.charts.children] == [b"\x89PNG"] * 2
    assert "Étape 3 : Lancer un projet cloud native" in view.advice.value
    again = diagnostic()  # a re-run finds every answer
    assert again.form.answers() == view.form.answers()


def test_the_training_plan_lists_levels_and_priorities():
    import yaml

    from cpnkit.questionnaires import diagnose, training_plan

    answers = yaml.safe_load(TEAM.read_text("utf-8"))["diagnostic"]
    plan = training_plan(diagnose(answers)).data
    assert "<code>qualite-n2</code>" in plan and "<code>integrite-n2</code>" in plan
    assert "<a href='premiers-pas-bac-a-sable.ipynb'>" in plan
    assert plan.index("Observabilité et fiabilité (1,2/10") < plan.index("Tests et qualité")
