"""Le modèle opérationnel de Cloud Pi Native : matrice RACI et écarts constatés.

Le modèle (cadre de cohérence technique, §2–3) : l'équipe produit construit, exploite et
sécurise son application (« you build it, you run it, you secure it ») ; l'opérateur de la
chaîne DevSecOps maintient la chaîne et son catalogue ; l'opérateur cloud fournit
l'hébergement ; la service team accompagne, sans faire à la place de l'équipe produit.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .results import CheckResult, Report, failed, passed, plain

TEAMS = ("equipe-produit", "service-team", "operateur-chaine", "operateur-cloud")
OWNER = {
    "construire": "equipe-produit",
    "exploiter": "equipe-produit",
    "securiser": "equipe-produit",
    "plateforme": "operateur-chaine",
    "hebergement": "operateur-cloud",
    "accompagnement": "service-team",
}
PRODUCT_CATEGORIES = ("construire", "exploiter", "securiser")
LETTERS = set("RACI")


@dataclass(frozen=True)
class Activity:
    id: str
    label: str
    category: str


@dataclass(frozen=True)
class Action:
    date: str
    team: str
    activity: str
    tool: str


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_activities(path: Path | str) -> list[Activity]:
    """Lire la liste des activités (colonnes activite, libelle, categorie)."""
    return [Activity(r["activite"], r["libelle"], r["categorie"]) for r in _rows(Path(path))]


def read_journal(path: Path | str) -> list[Action]:
    """Lire le journal des actions (colonnes date, equipe, activite, outil…)."""
    return [Action(r["date"], r["equipe"], r["activite"], r["outil"]) for r in _rows(Path(path))]


def actions_by_team(journal: list[Action]) -> dict[str, int]:
    """Nombre d'actions de chaque équipe dans le journal."""
    return dict(Counter(a.team for a in journal))


def teams_by_activity(journal: list[Action]) -> dict[str, list[str]]:
    """Pour chaque activité, les équipes qui l'ont réalisée au moins une fois (triées)."""
    teams: dict[str, set[str]] = {}
    for action in journal:
        teams.setdefault(action.activity, set()).add(action.team)
    return {activity: sorted(found) for activity, found in teams.items()}


def _letters(raci: dict, activity: str, team: str) -> str:
    return str(raci.get(activity, {}).get(team, "") or "").upper()


def check_raci(raci: object, activities: list[Activity]) -> Report:
    """Vérifier une matrice RACI {activité: {équipe: lettres}} contre le modèle opérationnel."""
    value = plain(raci, "la matrice RACI")
    if not isinstance(value, dict):
        return Report.of([failed("matrice RACI", "un dictionnaire {activité: {équipe: "
                                 "lettres}}", type(value).__name__)])
    ids = [a.id for a in activities]
    results = [_same_keys(value, ids)]
    for activity in activities:
        row = value.get(activity.id)
        if not isinstance(row, dict):
            continue
        results += _row_checks(activity, row)
    return Report.of(results)


def _same_keys(value: dict, ids: list[str]) -> CheckResult:
    missing, extra = sorted(set(ids) - set(value)), sorted(set(value) - set(ids))
    if missing or extra:
        found = "; ".join(p for p in (f"manquantes : {', '.join(missing)}" if missing else "",
                                      f"en trop : {', '.join(extra)}" if extra else "") if p)
        return failed("une ligne par activité", ", ".join(ids), found)
    return passed("une ligne par activité")


def _row_checks(activity: Activity, row: dict) -> list[CheckResult]:
    where = f"{activity.id} ({activity.label})"
    cells = {team: str(row.get(team, "") or "").upper() for team in row}
    unknown = sorted(set(cells) - set(TEAMS))
    bad = sorted(team for team, letters in cells.items() if set(letters) - LETTERS)
    accountable = [team for team, letters in cells.items() if "A" in letters]
    responsible = [team for team, letters in cells.items() if "R" in letters]
    owner = OWNER.get(activity.category)
    results = [
        _fact(not unknown, f"{where} : équipes connues", ", ".join(TEAMS),
              ", ".join(unknown), "Les colonnes sont les quatre équipes du modèle."),
        _fact(not bad, f"{where} : lettres R, A, C ou I", "R, A, C, I ou une combinaison",
              ", ".join(f"{t} = {cells[t]!r}" for t in bad), ""),
        _fact(len(accountable) == 1, f"{where} : un seul A", "exactement une équipe A",
              ", ".join(accountable) or "aucune",
              "Une seule équipe rend des comptes sur chaque activité."),
        _fact(bool(responsible), f"{where} : au moins un R", "au moins une équipe R", "aucune",
              "Quelqu'un doit faire le travail."),
    ]
    if owner:
        results.append(_fact(
            accountable == [owner], f"{where} : A tenu par l'équipe du modèle", owner,
            ", ".join(accountable) or "aucune",
            "Relisez le modèle opérationnel : qui porte ce type d'activité ?"))
    if activity.category in PRODUCT_CATEGORIES:
        helper = cells.get("service-team", "")
        results.append(_fact(
            "R" not in helper and "A" not in helper,
            f"{where} : la service team accompagne sans faire à la place",
            "service-team en C ou I (ou vide)", f"service-team = {helper!r}",
            "La service team conseille l'équipe produit ; elle ne réalise pas son travail."))
    return results


def _fact(ok: bool, what: str, expected: str, found: str, hint: str) -> CheckResult:
    return passed(what) if ok else failed(what, expected, found, hint)


def _outside(journal: list[Action], raci: dict) -> list[Action]:
    return [a for a in journal if not set(_letters(raci, a.activity, a.team)) & {"R", "A"}]


def gaps(journal: list[Action], raci: dict) -> dict[str, int]:
    """Nombre d'actions, par équipe, faites sur une activité où la matrice ne lui donne ni R
    ni A (une équipe absente de la matrice est toujours en écart). Les équipes sans écart
    n'apparaissent pas."""
    return dict(Counter(a.team for a in _outside(journal, raci)))


def gaps_by_activity(journal: list[Action], raci: dict) -> dict[str, int]:
    """Nombre d'actions en écart (voir `gaps`) sur chaque activité qui en a."""
    return dict(Counter(a.activity for a in _outside(journal, raci)))


def deployments_outside_gitops(journal: list[Action], activity: str) -> int:
    """Nombre de déploiements en production (activité `activity`) faits sans Argo CD."""
    return sum(a.activity == activity and a.tool != "Argo CD" for a in journal)
