"""Décider à partir des données : indicateurs, seuils, tableau de bord, go / no-go, maîtrise.

Les calculs de référence du module « decisions-fondees-sur-les-donnees ». Ils relisent le
tableau des métriques hebdomadaires, les seuils et les versions candidates eux-mêmes. (Le
calcul des métriques DORA à partir des journaux bruts est l'affaire de `graders.delivery`.)
"""

from __future__ import annotations

import csv
import math
import operator
import statistics
from pathlib import Path

import yaml

from .results import CheckResult, failed, passed

RECENT = 4  # the dashboard compares the last 4 weeks with the 4 before
OPERATORS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt,
             "==": operator.eq}


def read_metrics(path: str | Path) -> list[dict]:
    """Les métriques hebdomadaires, dans l'ordre des semaines ; nombres convertis en float."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{k: (v if k == "semaine" else float(v)) for k, v in row.items()} for row in rows]


def read_thresholds(path: str | Path) -> dict:
    """Lire `seuils.yaml` : seuils des indicateurs et critères de passage en production."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def indicator_values(rows: list[dict], names: list[str], recent: int = RECENT) -> dict:
    """Pour chaque indicateur : la moyenne des `recent` dernières semaines (« valeur ») et
    son évolution relative par rapport aux `recent` semaines d'avant (« evolution »)."""
    result = {}
    for name in names:
        values = [row[name] for row in rows]
        now = statistics.fmean(values[-recent:])
        before = statistics.fmean(values[-2 * recent:-recent])
        result[name] = {"valeur": now, "evolution": (now - before) / before if before else 0.0}
    return result


def status(value: float, threshold: dict) -> str:
    """« vert », « orange » ou « rouge » selon le sens de l'indicateur.

    Sens « haut » (plus c'est haut, mieux c'est) : vert si valeur ≥ vert, rouge si
    valeur < rouge. Sens « bas » : vert si valeur ≤ vert, rouge si valeur > rouge. Orange
    entre les deux."""
    if threshold["sens"] == "haut":
        if value >= threshold["vert"]:
            return "vert"
        return "rouge" if value < threshold["rouge"] else "orange"
    if value <= threshold["vert"]:
        return "vert"
    return "rouge" if value > threshold["rouge"] else "orange"


def statuses(rows: list[dict], thresholds: dict) -> dict[str, str]:
    """Le statut de chaque indicateur des seuils, sur la moyenne des dernières semaines."""
    names = list(thresholds["indicateurs"])
    values = indicator_values(rows, names)
    return {name: status(values[name]["valeur"], thresholds["indicateurs"][name])
            for name in names}


def _plain_floats(values) -> list[float] | None:
    try:
        return [float(v) for v in values]
    except (TypeError, ValueError):
        return None


def check_dashboard(figure: object, rows: list[dict], thresholds: dict, names: list[str],
                    weeks: int = 12) -> CheckResult:
    """Une figure matplotlib qui montre, pour chaque indicateur de `names`, les `weeks`
    dernières valeurs (une courbe) et le seuil rouge (une ligne horizontale)."""
    from matplotlib.figure import Figure

    what = "tableau de bord"
    if type(figure) is not Figure:
        return failed(what, "une figure matplotlib (fig, axes = plt.subplots(...))",
                      type(figure).__name__)
    curves = []  # (axes index, y values) of every line of the figure
    for index, axes in enumerate(figure.get_axes()):
        for line in axes.get_lines():
            values = _plain_floats(line.get_ydata())
            if values:
                curves.append((index, values))
    for name in names:
        series = [row[name] for row in rows][-weeks:]
        where = [i for i, values in curves if len(values) == len(series)
                 and all(math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
                         for a, b in zip(values, series, strict=True))]
        if not where:
            return failed(what, f"une courbe des {weeks} dernières valeurs de « {name} »",
                          "aucune courbe ne correspond",
                          f"ax.plot(semaines, metriques['{name}'].tail({weeks}))")
        red = thresholds["indicateurs"][name]["rouge"]
        if not any(i in where and set(values) == {float(red)} for i, values in curves):
            return failed(what, f"le seuil rouge de « {name} » ({red}) sur le même graphique",
                          "pas de ligne horizontale à cette valeur",
                          f"ax.axhline({red}, color='red')")
    return passed(f"{what} : {len(names)} indicateurs et leurs seuils")


def failed_criteria(candidate: dict, criteria: list[dict]) -> list[str]:
    """Les identifiants (triés) des critères de passage que la version ne respecte pas."""
    return sorted(c["id"] for c in criteria
                  if not OPERATORS[c["operateur"]](float(candidate[c["indicateur"]]),
                                                   c["valeur"]))


def read_candidates(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def go_no_go(candidates: list[dict], criteria: list[dict]) -> tuple[dict, dict]:
    """(décision « go » / « no-go » par version, critères non respectés des versions no-go)."""
    decisions, reasons = {}, {}
    for candidate in candidates:
        failures = failed_criteria(candidate, criteria)
        decisions[candidate["version"]] = "no-go" if failures else "go"
        if failures:
            reasons[candidate["version"]] = failures
    return decisions, reasons


def control_limits(values: list[float]) -> tuple[float, float, float]:
    """(moyenne, limite basse, limite haute) : moyenne ± 3 écarts-types (échantillon)."""
    mean, deviation = statistics.fmean(values), statistics.stdev(values)
    return mean, mean - 3 * deviation, mean + 3 * deviation


def out_of_control(rows: list[dict], name: str, baseline: int) -> list[str]:
    """Les semaines, après les `baseline` premières (la référence), dont la valeur sort des
    limites de contrôle calculées sur la référence."""
    _, low, high = control_limits([row[name] for row in rows[:baseline]])
    return [row["semaine"] for row in rows[baseline:] if not low <= row[name] <= high]
