"""The self-evaluation cell of a module: confidence on each objective it serves."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

import sandbox

from .answers import AnswerStore, answers_dir
from .curriculum import load

LEVELS = ["Pas du tout", "Un peu", "Assez", "Tout à fait"]


def self_evaluation(module: str, moment: str = "apres") -> widgets.Widget | None:
    """Demander, pour chaque objectif du module, votre niveau de confiance ; réponses
    enregistrées dès qu'elles changent. Sous correction, rien n'est affiché ni écrit."""
    objectives = load().objectives_of(module)
    if sandbox.grading():
        print("Auto-évaluation : ignorée pendant la correction.")
        return None
    store = AnswerStore(answers_dir() / "autoevaluation.json")
    saved = store.answers()
    rows = [widgets.HTML(f"<b>Après ce module, je me sens capable de…</b> "
                         f"<small>(enregistré dans {store.path})</small>")]
    for assignment, objective in objectives:
        key = f"{assignment.id}/{objective.id}/{moment}"
        buttons = widgets.ToggleButtons(options=LEVELS, value=saved.get(key),
                                        style={"button_width": "110px"})
        buttons.observe(lambda change, key=key: store.update(key, change["new"]), "value")
        rows += [widgets.Label(f"{objective.text} ({assignment.id})"), buttons]
    if store.warning:
        rows.insert(0, widgets.HTML(f"<span style='color:#b34700'>{store.warning}</span>"))
    box = widgets.VBox(rows)
    display(box)
    return box
