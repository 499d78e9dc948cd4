"""One ipywidgets renderer for every kind of question, saving each answer as it changes.

The form reads its answers from the JSON file at start (a re-run or a kernel restart finds
them again) and writes each accepted change at once; the widget state kept in the notebook
is never used. An answer that does not pass `Question.check` is shown in red and not saved.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from ..answers import AnswerStore
from .export import write_exports
from .model import DONT_KNOW, DONT_KNOW_LABEL, Question, Questionnaire
from .validation import missing_required

OK_COLOUR, ERROR_COLOUR, WARNING_COLOUR = "#1e7b34", "#b00020", "#b34700"


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def parse_number(text: str) -> float | int | str | None:
    """A number typed the French way (« 3,5 », « 1 200 ») or the text itself if it is not one."""
    cleaned = text.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        number = float(cleaned.replace(",", "."))
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in cleaned and "," not in cleaned \
        else number


class _Field:
    """The input widget of one question, and how to read and set its value."""

    def __init__(self, question: Question, saved: object) -> None:
        self.question = question
        self.widget, self._get, self._set = self._build(question)
        self.observed = self._observed(self.widget)
        self.touched = saved is not None
        if saved is not None:
            self._set(saved)

    def value(self) -> object:
        return self._get()

    @staticmethod
    def _observed(widget: widgets.Widget) -> list[widgets.Widget]:
        if isinstance(widget, widgets.Box):  # checkboxes, or a number and its unit
            return [w for w in widget.children if hasattr(w, "value")
                    and not isinstance(w, widgets.Label)]
        return [widget]

    def observe(self, handler: Callable[[], None]) -> None:
        for target in self.observed:
            target.observe(lambda change: handler(), "value")

    def _build(self, q: Question):
        kind = q.kind
        layout = widgets.Layout(width="auto")
        if kind in ("single", "ordinal"):
            options = [(o.label, o.value) for o in q.options]
            if kind == "ordinal" and q.dont_know:
                options.append((DONT_KNOW_LABEL, DONT_KNOW))
            box = widgets.RadioButtons(options=options, value=None, layout=layout)
            return box, lambda: box.value, lambda v: setattr(box, "value", v)
        if kind == "multiple":
            boxes = [widgets.Checkbox(value=False, description=o.label, indent=False,
                                      layout=layout) for o in q.options]
            group = widgets.VBox(boxes)

            def get() -> list[str]:
                return [o.value for o, b in zip(q.options, boxes, strict=True) if b.value]

            def put(values: list[str]) -> None:
                for option, box in zip(q.options, boxes, strict=True):
                    box.value = option.value in values
            return group, get, put
        if kind in ("likert5", "likert7"):
            labels = q.point_labels()
            options = [(str(i), i) for i in range(1, q.points + 1)]
            tooltips = list(labels)
            if q.dont_know:
                options.append((DONT_KNOW_LABEL, DONT_KNOW))
                tooltips.append(DONT_KNOW_LABEL)
            buttons = widgets.ToggleButtons(options=options, value=None, tooltips=tooltips,
                                            style={"button_width": "auto"})
            return buttons, lambda: buttons.value, lambda v: setattr(buttons, "value", v)
        if kind == "percent":
            slider = widgets.IntSlider(value=0, min=0, max=100, step=1, readout=True,
                                       description="%", continuous_update=False,
                                       layout=widgets.Layout(width="420px"))
            return slider, lambda: slider.value, lambda v: setattr(slider, "value", int(v))
        if kind == "number":
            text = widgets.Text(placeholder="un nombre", layout=widgets.Layout(width="160px"))
            unit = widgets.Label(q.unit)
            box = widgets.HBox([text, unit])

            def put_number(v: object) -> None:
                text.value = str(v).replace(".", ",")
            return box, lambda: parse_number(text.value), put_number
        if kind == "long_text":
            area = widgets.Textarea(placeholder="Votre réponse",
                                    layout=widgets.Layout(width="95%", height="90px"))
            return area, lambda: area.value.strip() or None, lambda v: setattr(area, "value", v)
        placeholder = "https://…" if kind == "url" else "Votre réponse"
        text = widgets.Text(placeholder=placeholder, layout=widgets.Layout(width="95%"))
        return text, lambda: text.value.strip() or None, lambda v: setattr(text, "value", v)


class QuestionnaireForm:
    """Un questionnaire affiché : chaque réponse est enregistrée dès qu'elle change."""

    def __init__(self, questionnaire: Questionnaire, store: AnswerStore,
                 on_change: Callable[[QuestionnaireForm], None] | None = None,
                 preface: Callable[[dict], tuple[str, dict]] | None = None) -> None:
        self.questionnaire = questionnaire
        self.store = store
        self.on_change = on_change
        self.preface = preface
        self.fields: dict[str, _Field] = {}
        self.status: dict[str, widgets.HTML] = {}
        store.start_run(questionnaire.id)
        store.set_meta(questionnaire=questionnaire.id, title=questionnaire.title)
        saved = store.answers()
        self.check_output = widgets.HTML()
        self.widget = widgets.VBox(self._header() + self._sections(saved) + self._footer(),
                                   layout=widgets.Layout(width="100%"))
        self.widget.add_class("cpn-questionnaire")
        self._shown = False

    # -- layout -------------------------------------------------------------------------
    def _header(self) -> list[widgets.Widget]:
        q = self.questionnaire
        parts = [f"<h3>{_escape(q.title)}</h3>"]
        if q.intro:
            parts.append(f"<p>{_escape(q.intro)}</p>")
        parts.append(f"<p><small>Réponses enregistrées dès qu'elles changent dans "
                     f"<code class='cpn-answers-path'>{_escape(str(self.store.path))}</code>"
                     f" (questions marquées * : obligatoires).</small></p>")
        if self.store.warning:
            parts.append(f"<p style='color:{WARNING_COLOUR}'>⚠️ "
                         f"{_escape(self.store.warning)}</p>")
        return [widgets.HTML("".join(parts))]

    def _sections(self, saved: dict) -> list[widgets.Widget]:
        rows: list[widgets.Widget] = []
        for section in self.questionnaire.sections:
            rows.append(widgets.HTML(f"<h4>{_escape(section.title)}</h4>" + (
                f"<p>{_escape(section.intro)}</p>" if section.intro else "")))
            for question in section.questions:
                rows.append(self._row(question, saved.get(question.id)))
        return rows

    def _row(self, question: Question, saved: object) -> widgets.Widget:
        star = " *" if question.required else ""
        text = f"<b>{_escape(question.label)}{star}</b>"
        if question.help:
            text += f"<br><small style='color:#555'>{_escape(question.help)}</small>"
        if question.points:
            labels = question.point_labels()
            text += (f"<br><small>1 = {_escape(labels[0])} … {question.points} = "
                     f"{_escape(labels[-1])}</small>")
        field = _Field(question, saved)
        status = widgets.HTML(self._saved_text() if saved is not None else (
            "<small style='color:#555'>pas encore répondu : déplacez le curseur</small>"
            if question.kind == "percent" else ""))
        field.observe(lambda: self._changed(question.id))
        self.fields[question.id] = field
        self.status[question.id] = status
        row = widgets.VBox([widgets.HTML(text), field.widget, status],
                           layout=widgets.Layout(margin="0 0 10px 0"))
        row.add_class(f"cpn-q-{question.id}")
        return row

    def _footer(self) -> list[widgets.Widget]:
        check = widgets.Button(description="Vérifier mes réponses", icon="check",
                               layout=widgets.Layout(width="auto"))
        check.on_click(lambda _: self.show_problems())
        export = widgets.Button(description="Exporter (Markdown et JSON)", icon="download",
                                layout=widgets.Layout(width="auto"))
        export.on_click(lambda _: self._show_export())
        return [widgets.HBox([check, export]), self.check_output]

    @staticmethod
    def _saved_text() -> str:
        return f"<small style='color:{OK_COLOUR}'>✓ enregistré</small>"

    # -- behaviour ----------------------------------------------------------------------
    def _changed(self, question_id: str) -> None:
        field = self.fields[question_id]
        value = field.value()
        problem = field.question.check(value)
        status = self.status[question_id]
        if problem:
            status.value = (f"<small style='color:{ERROR_COLOUR}'>⚠️ {_escape(problem)} — "
                            "réponse non enregistrée</small>")
            return
        self.store.update(question_id, value)
        status.value = self._saved_text() if value is not None else ""
        if self.on_change:
            self.on_change(self)

    def answers(self) -> dict:
        """Les réponses enregistrées (relues dans le fichier)."""
        return self.store.answers()

    def problems(self) -> list[str]:
        return missing_required(self.questionnaire, self.answers())

    def show_problems(self) -> list[str]:
        problems = self.problems()
        if problems:
            items = "".join(f"<li>{_escape(p)}</li>" for p in problems)
            self.check_output.value = (f"<div style='color:{ERROR_COLOUR}'>"
                                       f"<b>{len(problems)} point(s) à compléter :</b>"
                                       f"<ul>{items}</ul></div>")
        else:
            self.check_output.value = (f"<p style='color:{OK_COLOUR}'>✅ Toutes les réponses "
                                       "obligatoires sont données.</p>")
        return problems

    def export(self, directory: Path | None = None) -> tuple[Path, Path]:
        """Écrire les réponses en Markdown et en JSON à côté du fichier de réponses."""
        answers = self.answers()
        preface, extra = self.preface(answers) if self.preface else ("", {})
        return write_exports(self.questionnaire, answers, directory or self.store.path.parent,
                             preface, extra)

    def _show_export(self) -> None:
        if self.store.read_only:
            self.check_output.value = "<p>Export désactivé pendant la correction.</p>"
            return
        markdown, data = self.export()
        self.check_output.value = (f"<p style='color:{OK_COLOUR}'>Exporté : "
                                   f"<code>{_escape(str(markdown))}</code> et "
                                   f"<code>{_escape(str(data))}</code></p>")

    def set_answer(self, question_id: str, value: object) -> None:
        """Fill a question from code, as a click would (tests, demonstrations)."""
        self.fields[question_id]._set(value)
        self._changed(question_id)

    def _ipython_display_(self) -> None:
        if not self._shown:
            self._shown = True
            display(self.widget)


def render(questionnaire: Questionnaire, path: Path, read_only: bool | None = None,
           on_change: Callable[[QuestionnaireForm], None] | None = None,
           preface: Callable[[dict], tuple[str, dict]] | None = None) -> QuestionnaireForm:
    return QuestionnaireForm(questionnaire, AnswerStore(path, read_only), on_change, preface)
