"""Self-evaluation on learning objectives, before and after, with a small progress chart.

`self_evaluation(module)` is the cell every module ends with: the objectives that the module
serves. `level_self_evaluation(assignment)` shows every objective of a path-level. Both use
the same file (`autoevaluation.json` in the answers folder), one key per
`<assignment>/<objective>/<avant|apres>`, so the module cells fill the level's picture.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

import sandbox

from .answers import AnswerStore, answers_file
from .curriculum import Assignment, Objective, load

LEVELS = ["Pas du tout", "Un peu", "Assez", "Tout à fait"]
MOMENTS = {"avant": "Avant", "apres": "Après"}


def confidence(value: object) -> int | None:
    """A stored answer as a number: 0 (« Pas du tout ») to 3 (« Tout à fait »)."""
    return LEVELS.index(value) if value in LEVELS else None


class SelfEvaluation:
    """Les objectifs, deux échelles chacun (avant, après) et le graphique de progression."""

    def __init__(self, title: str, objectives: list[tuple[Assignment, Objective]],
                 path: Path, first: str = "apres") -> None:
        self.objectives = objectives
        self.store = AnswerStore(path)
        self.store.start_run(title)
        saved = self.store.answers()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(
            display="none", max_width="640px"))
        rows: list[widgets.Widget] = [widgets.HTML(
            f"<b>{title}</b><br><small>Pour chaque objectif : votre confiance avant de "
            "commencer, puis après. Enregistré dès que vous cliquez, dans "
            f"<code>{self.store.path}</code>.</small>")]
        if self.store.warning:
            rows.append(widgets.HTML(f"<span style='color:#b34700'>⚠️ {self.store.warning}"
                                     "</span>"))
        order = [first] + [m for m in MOMENTS if m != first]
        for assignment, objective in objectives:
            rows.append(widgets.HTML(f"<b>{objective.text}</b> <small>({assignment.id})</small>"))
            for moment in order:
                key = self.key(assignment, objective, moment)
                buttons = widgets.ToggleButtons(
                    options=LEVELS, value=saved.get(key) if saved.get(key) in LEVELS else None,
                    description=MOMENTS[moment], style={"button_width": "100px"})
                buttons.observe(lambda change, key=key: self._changed(key, change["new"]),
                                "value")
                rows.append(buttons)
        rows.append(self.chart)
        self.widget = widgets.VBox(rows)
        self.widget.add_class("cpn-autoevaluation")
        self._draw()
        self._shown = False

    @staticmethod
    def key(assignment: Assignment, objective: Objective, moment: str) -> str:
        return f"{assignment.id}/{objective.id}/{moment}"

    def _changed(self, key: str, value: str | None) -> None:
        self.store.update(key, value)
        self._draw()

    def progress(self) -> dict[str, tuple[int | None, int | None]]:
        """Par objectif (« niveau/objectif ») : confiance avant et après, de 0 à 3."""
        saved = self.store.answers()
        return {f"{a.id}/{o.id}": (confidence(saved.get(self.key(a, o, "avant"))),
                                   confidence(saved.get(self.key(a, o, "apres"))))
                for a, o in self.objectives}

    def _draw(self) -> None:
        from .questionnaires.charts import png, progress_chart

        progress = self.progress()
        if not any(v is not None for pair in progress.values() for v in pair):
            return
        labels = [_short(o.text) for _, o in self.objectives]
        before = [progress[f"{a.id}/{o.id}"][0] for a, o in self.objectives]
        after = [progress[f"{a.id}/{o.id}"][1] for a, o in self.objectives]
        self.chart.value = png(progress_chart(labels, before, after, len(LEVELS) - 1))
        self.chart.layout.display = None

    def _ipython_display_(self) -> None:
        if not self._shown:
            self._shown = True
            display(self.widget)


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def self_evaluation(module: str, moment: str = "apres",
                    path: str | Path | None = None) -> SelfEvaluation | None:
    """Demander, pour chaque objectif du module, votre niveau de confiance avant et après ;
    réponses enregistrées dès qu'elles changent. Sous correction, rien n'est affiché ni écrit."""
    objectives = load().objectives_of(module)
    if sandbox.grading():
        print("Auto-évaluation : ignorée pendant la correction.")
        return None
    view = SelfEvaluation("Après ce module, je me sens capable de…", objectives,
                          answers_file("autoevaluation", path), first=moment)
    display(view)
    return view


def level_self_evaluation(assignment: str, path: str | Path | None = None
                          ) -> SelfEvaluation | None:
    """Auto-évaluation sur tous les objectifs d'un niveau (par exemple « qualite-n1 »),
    avant et après, avec le graphique de progression."""
    level = load().assignment(assignment)
    if sandbox.grading():
        print("Auto-évaluation : ignorée pendant la correction.")
        return None
    view = SelfEvaluation(f"{level.path.title} — {level.level.title}",
                          [(level, o) for o in level.level.objectives],
                          answers_file("autoevaluation", path))
    display(view)
    return view
