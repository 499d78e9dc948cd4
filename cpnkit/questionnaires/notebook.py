"""What notebooks call: the questionnaires of the kit, their results, the stage locator.

Every function shows widgets and saves answers as they change; under grading
(`NBGRADER_EXECUTION=autograde`) none of them waits for input or writes a file: they print
one line and return None.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML, display

import sandbox

from ..answers import AnswerStore, answers_file
from ..curriculum import load as load_curriculum
from ..layout import module_link
from .export import describe
from .loader import load_questionnaire
from .renderer import QuestionnaireForm, render
from .scoring import DiagnosticResult, Readiness, diagnose, readiness

VERDICT_COLOURS = {"prêt": "#1e7b34", "prêt sous conditions": "#b34700", "pas encore": "#b00020"}


def _skipped(what: str) -> None:
    print(f"{what} : ignoré pendant la correction (aucune saisie, aucun fichier écrit).")


def ask(name: str, path: str | Path | None = None) -> QuestionnaireForm | None:
    """Afficher un questionnaire du kit (« prequalification », « qualification »,
    « diagnostic »…). Les réponses sont enregistrées dès qu'elles changent dans `path`
    (par défaut `~/.cpn-kit/reponses/<name>.json`)."""
    questionnaire = load_questionnaire(name)
    if sandbox.grading():
        _skipped(f"Questionnaire « {questionnaire.title} »")
        return None
    form = render(questionnaire, answers_file(name, path))
    display(form)
    return form


def compare_runs(name: str, path: str | Path | None = None,
                 first: str | None = None) -> dict[str, tuple]:
    """Ce qui a changé dans un questionnaire entre un passage et aujourd'hui (par défaut, le
    passage précédent) : {question: (réponse d'alors, réponse actuelle)}, affiché en tableau."""
    questionnaire = load_questionnaire(name)
    store = AnswerStore(answers_file(name, path), read_only=True)
    runs = [r["id"] for r in store.runs()]
    if first is None:
        if len(runs) < 2:
            print("Un seul passage enregistré : rien à comparer pour l'instant.")
            return {}
        first = runs[-2]
    changes = store.compare(first)
    labels = {q.id: q for q in questionnaire.questions()}
    rows = "".join(
        f"<tr><td style='text-align:left'>{_e(labels[k].label if k in labels else k)}</td>"
        f"<td>{_e(describe(labels[k], a) if k in labels else str(a))}</td>"
        f"<td>{_e(describe(labels[k], b) if k in labels else str(b))}</td></tr>"
        for k, (a, b) in changes.items())
    display(HTML(f"<p>Changements depuis le passage du {first[:16].replace('T', ' à ')} "
                 f"(UTC) : {len(changes)}</p>" + (
                     f"<table><tr><th>Question</th><th>Avant</th><th>Maintenant</th></tr>"
                     f"{rows}</table>" if rows else "")))
    return changes


# -- diagnostic -------------------------------------------------------------------------
def _e(text: str) -> str:
    return html.escape(text, quote=False)


def recommendation_html(result: DiagnosticResult) -> str:
    """La recommandation (étape, parcours et niveaux) et les réponses qui y conduisent."""
    parts = [f"<h4>Étape d'accompagnement recommandée</h4><p><b>{_e(result.stage_advice.title)}"
             "</b></p><ul>" + "".join(f"<li>{_e(r)}</li>" for r in result.stage_advice.reasons)
             + "</ul><h4>Parcours et niveaux de départ</h4>"]
    for advice in result.paths:
        parts.append(f"<p><b>{_e(advice.title)}</b> — devoir <code>{advice.assignment}</code>"
                     "</p><ul>" + "".join(f"<li>{_e(r)}</li>" for r in advice.reasons)
                     + "</ul>")
    if result.missing:
        parts.append(f"<p style='color:#b34700'>{len(result.missing)} réponse(s) obligatoire(s) "
                     "manquent : la recommandation est provisoire.</p>")
    return "".join(parts)


def show_results(result: DiagnosticResult) -> None:
    """Afficher les deux graphiques et la recommandation d'un diagnostic."""
    from .charts import as_image, bar_chart, radar_chart  # matplotlib only when needed

    display(as_image(bar_chart(result)))
    display(as_image(radar_chart(result)))
    display(HTML(recommendation_html(result)))


def training_plan(result: DiagnosticResult) -> HTML:
    """Le plan de formation tiré d'un diagnostic : les niveaux conseillés et leurs modules,
    puis les dimensions prioritaires (sous leur cible, de la plus faible) et leurs modules."""
    curriculum = load_curriculum()

    def link(module_id: str, level: str | None = None) -> str:
        module = curriculum.modules.get(module_id)
        if module is None:
            return _e(module_id)
        title = _e(module.title)
        href = module_link(curriculum, level, module_id)
        return (f"<a href='{_e(href)}'>{title}</a>" if href
                else f"{title} <small>(à venir)</small>")

    parts = [f"<h4>Votre plan de formation — {_e(result.stage_advice.title)}</h4><ol>"]
    parts.append("<li><b>Tronc commun Découverte</b> : "
                 + " · ".join(link(m.id, "decouverte")
                             for m in curriculum.assignment("decouverte").modules)
                 + "</li>")
    for advice in result.paths:
        level = curriculum.assignment(advice.assignment)
        parts.append(f"<li><b>{_e(advice.title)}</b> (<code>{advice.assignment}</code>) : "
                     + " · ".join(link(m.id, level.id) for m in level.modules) + "</li>")
    parts.append("</ol>")
    under = sorted((d for d in result.dimensions if d.score is not None and d.score < d.target),
                   key=lambda d: d.score)
    if under:
        parts.append("<p><b>Priorités</b> (dimensions sous leur cible, de la plus faible) :</p>"
                     "<ul>" + "".join(
                         f"<li>{_e(d.title)} ({f'{d.score:.1f}'.replace('.', ',')}/10, "
                         f"cible {d.target:g}) : " + " · ".join(link(t) for t in d.topics)
                         + "</li>"
                         for d in under) + "</ul>")
    return HTML("".join(parts))


class DiagnosticView:
    """Le diagnostic d'équipe : le questionnaire, puis les résultats à la demande."""

    def __init__(self, form: QuestionnaireForm) -> None:
        self.form = form
        self.charts = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.advice = widgets.HTML()
        button = widgets.Button(description="Voir les résultats", icon="bar-chart",
                                button_style="primary", layout=widgets.Layout(width="auto"))
        button.on_click(lambda _: self.refresh())
        self.widget = widgets.VBox([form.widget, button, self.charts, self.advice])
        self.widget.add_class("cpn-diagnostic")
        self._shown = False

    def result(self) -> DiagnosticResult:
        return diagnose(self.form.answers(), self.form.questionnaire)

    def refresh(self) -> DiagnosticResult:
        from .charts import bar_chart, png, radar_chart

        result = self.result()
        self.charts.children = [
            widgets.Image(value=png(chart(result)), format="png",
                          layout=widgets.Layout(max_width="560px")).add_class("cpn-chart")
            for chart in (bar_chart, radar_chart)]
        self.advice.value = recommendation_html(result)
        return result

    def _ipython_display_(self) -> None:
        if not self._shown:
            self._shown = True
            display(self.widget)


def diagnostic(path: str | Path | None = None) -> DiagnosticView | None:
    """Le diagnostic d'équipe (DORA, Westrum, pratiques) ; le bouton « Voir les résultats »
    affiche les graphiques et la recommandation."""
    questionnaire = load_questionnaire("diagnostic")
    if sandbox.grading():
        _skipped("Diagnostic d'équipe")
        return None
    view = DiagnosticView(render(questionnaire, answers_file("diagnostic", path),
                                 preface=_diagnostic_preface))
    display(view)
    return view


def _diagnostic_preface(answers: dict) -> tuple[str, dict]:
    result = diagnose(answers)
    lines = [f"**Recommandation : {result.stage_advice.title}**", ""]
    lines += [f"- {a.title}" for a in result.paths]
    return "\n".join(lines), {"results": result.plain()}


def diagnostic_results(path: str | Path | None = None) -> DiagnosticResult | None:
    """Relire le diagnostic enregistré et afficher ses résultats (graphiques, recommandation)."""
    if sandbox.grading():
        _skipped("Résultats du diagnostic")
        return None
    result = diagnose(AnswerStore(answers_file("diagnostic", path)).answers())
    show_results(result)
    return result


# -- qualification ----------------------------------------------------------------------
def verdict_html(result: Readiness) -> str:
    """Le verdict, les manques relevés, et le nombre de réponses obligatoires manquantes."""
    colour = VERDICT_COLOURS[result.verdict]
    missing = sum(g.missing for g in result.gaps)
    items = "".join(f"<li><b>{g.severity}</b> : {_e(g.message)}</li>"
                    for g in result.gaps if not g.missing)
    if missing:
        items += (f"<li><b>bloquant</b> : {missing} réponse(s) obligatoire(s) manquante(s) "
                  "(« Vérifier mes réponses » les liste)</li>")
    return (f"<div class='cpn-verdict'><p style='font-size:1.2em;color:{colour}'>"
            f"<b>Verdict : {result.verdict}</b></p>"
            + (f"<ul>{items}</ul>" if items else "<p>Aucun manque relevé.</p>") + "</div>")


def _qualification_preface(answers: dict) -> tuple[str, dict]:
    result = readiness(answers)
    lines = [f"**Verdict : {result.verdict}**", ""]
    lines += [f"- ({g.severity}) {g.message}" for g in result.gaps] or ["Aucun manque relevé."]
    return "\n".join(lines), {"readiness": result.plain()}


def qualification(path: str | Path | None = None) -> QuestionnaireForm | None:
    """Le questionnaire de qualification : verdict et manques mis à jour à chaque réponse ;
    « Exporter » écrit le dossier (Markdown et JSON) à envoyer au programme."""
    questionnaire = load_questionnaire("qualification")
    if sandbox.grading():
        _skipped("Questionnaire de qualification")
        return None
    verdict = widgets.HTML()

    def update(form: QuestionnaireForm) -> None:
        verdict.value = verdict_html(readiness(form.answers(), questionnaire))

    form = render(questionnaire, answers_file("qualification", path), on_change=update,
                  preface=_qualification_preface)
    update(form)
    header, *rest = form.widget.children
    form.widget.children = (header, verdict, *rest)  # the verdict in view from the start
    display(form)
    return form


def prequalification(path: str | Path | None = None) -> QuestionnaireForm | None:
    """Le questionnaire de préqualification d'un besoin (la première trame de l'offre)."""
    return ask("prequalification", path)


# -- stage locator ----------------------------------------------------------------------
def accompaniment_stages() -> list:
    """Les cinq étapes de l'accompagnement Cloud Pi Native (paths/stages.yaml), relues du
    fichier à chaque appel : numéro, titre, situation, besoin, réalisation visée, support du
    programme et points de contact."""
    return list(load_curriculum().stages)


def stage_card(number: int) -> str:
    stage = next(s for s in load_curriculum().stages if s.number == number)
    rows = [("Votre besoin", stage.need), ("Réalisation visée", stage.target),
            ("Support du programme", stage.support),
            ("Contact côté Cloud Pi Native", stage.contact_programme),
            ("Contact côté projet", stage.contact_project)]
    body = "".join(f"<tr><th style='text-align:left'>{k}</th><td style='text-align:left'>"
                   f"{_e(v)}</td></tr>" for k, v in rows)
    return f"<h4>Étape {stage.number} : {_e(stage.title)}</h4><table>{body}</table>"


def stage_locator(path: str | Path | None = None) -> widgets.Widget | None:
    """« Où en est mon projet ? » : choisissez la situation qui ressemble à la vôtre, le kit
    affiche l'étape d'accompagnement correspondante (paths/stages.yaml)."""
    if sandbox.grading():
        _skipped("Localisation de l'étape")
        return None
    stages = load_curriculum().stages
    store = AnswerStore(answers_file("etape", path))
    saved = store.answers().get("etape")
    choice = widgets.RadioButtons(
        options=[(f"{s.number}. {s.situation}", s.number) for s in stages],
        value=saved if saved in [s.number for s in stages] else None,
        layout=widgets.Layout(width="auto"))
    card = widgets.HTML(stage_card(saved) if choice.value else "")

    def changed(change: dict) -> None:
        if change["new"] is not None:
            store.update("etape", change["new"])
            card.value = stage_card(change["new"])
    choice.observe(changed, "value")
    box = widgets.VBox([widgets.HTML("<b>Où en est votre projet ?</b> <small>(enregistré dans "
                                     f"<code>{_e(str(store.path))}</code>)</small>"),
                        choice, card])
    display(box)
    return None
