"""Un backlog de produit : epic, features, user stories et critères d'acceptation.

Les features et les stories s'écrivent en YAML ; ces fonctions les lisent et les vérifient :
chaque feature répond à un motif prioritaire des usagers (mesuré dans les données), porte
une hypothèse de bénéfice mesurable ; chaque story suit la forme « En tant que…, je veux…,
afin de… », tient dans un sprint et a des critères « Étant donné…, quand…, alors… ».
"""

from __future__ import annotations

import csv
import math
import re
import statistics
from collections import Counter
from pathlib import Path

import yaml

from sandbox.errors import yaml_syntax

from .errors import GradingError
from .results import CheckResult, Report, failed, passed

STORY = re.compile(r"^\s*en tant qu(e\s+|['’]\s*)\S.*?\bje (veux|souhaite|peux|dois)\b\s*\S.*?"
                   r"\b(afin (de|d['’]|que)|pour)\b\s*\S", re.IGNORECASE | re.DOTALL)
CRITERION = re.compile(r"^\s*[ée]tant donn[ée]e?s?\b\s*\S.*?\b(quand|lorsqu['’e])\b\s*\S.*?"
                       r"\balors\b\s*\S", re.IGNORECASE | re.DOTALL)
STORY_POINTS = (1, 2, 3, 5, 8)
INDICATOR = "appels_par_mois"


def load_document(text: object, what: str) -> object:
    """Lire un texte YAML écrit par l'apprenant ; erreur française avec la ligne fautive."""
    if not isinstance(text, str):
        raise GradingError(f"{what.capitalize()} doit être un texte YAML (une chaîne).",
                           'Écrivez-le entre triple guillemets : """ … """.')
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise GradingError(*yaml_syntax(error, what.capitalize())) from None


# ---------------------------------------------------------------------------------------------
# Facts from the data
# ---------------------------------------------------------------------------------------------


def read_requests(path: Path | str) -> list[dict[str, str]]:
    """Lire le journal des demandes des usagers (une ligne par contact)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def shares(requests: list[dict[str, str]]) -> dict[str, float]:
    """Part (%) de chaque motif dans les demandes, du plus fréquent au moins fréquent."""
    counts = Counter(r["motif"] for r in requests)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {motif: 100.0 * count / len(requests) for motif, count in ordered}


def priorities(requests: list[dict[str, str]], threshold: float = 80.0) -> list[str]:
    """Les motifs les plus fréquents qui, ensemble, font au moins `threshold` % des
    demandes (diagramme de Pareto), dans l'ordre décroissant."""
    chosen, total = [], 0.0
    for motif, share in shares(requests).items():
        chosen.append(motif)
        total += share
        if total >= threshold - 1e-9:
            break
    return chosen


def monthly_average(requests: list[dict[str, str]]) -> dict[str, float]:
    """Nombre moyen de demandes par mois pour chaque motif (mois présents dans le journal)."""
    months = {r["date"][:7] for r in requests}
    counts = Counter(r["motif"] for r in requests)
    return {motif: count / len(months) for motif, count in counts.items()}


def velocity(path: Path | str, last: int = 6) -> float:
    """Vélocité : moyenne des points terminés sur les `last` derniers sprints."""
    with open(path, encoding="utf-8", newline="") as handle:
        done = [int(r["points_termines"]) for r in csv.DictReader(handle)]
    return statistics.fmean(done[-last:])


def capacity(speed: float, sprints: int) -> int:
    """Points qu'une release de `sprints` sprints peut absorber (arrondi inférieur)."""
    return math.floor(speed * sprints)


def release_plan(features: list[dict], order: list[str], room: int) -> list[str]:
    """Les features (identifiants) qui entrent dans la release : dans l'ordre des motifs
    prioritaires, tant que le cumul des estimations tient dans `room` ; la première qui
    déborde et toutes les suivantes attendent la release d'après."""
    rank = {motif: index for index, motif in enumerate(order)}
    ranked = sorted((f for f in features if f.get("motif") in rank),
                    key=lambda f: rank[f["motif"]])
    chosen, used = [], 0
    for feature in ranked:
        if used + feature["estimation"] > room:
            break
        chosen.append(feature["id"])
        used += feature["estimation"]
    return chosen


# ---------------------------------------------------------------------------------------------
# Checks on what the learner wrote
# ---------------------------------------------------------------------------------------------


def _fact(ok: bool, what: str, expected: str, found: str, hint: str = "") -> CheckResult:
    return passed(what) if ok else failed(what, expected, found, hint)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_features(document: object, order: list[str], monthly: dict[str, float]) -> Report:
    """Vérifier l'epic et ses features contre les motifs prioritaires et leurs volumes."""
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        return Report.of([failed("structure du document", "les clés epic et features "
                                 "(une liste)", repr(document)[:120])])
    epic = document.get("epic")
    features = [f for f in document["features"] if isinstance(f, dict)]
    ids = [f.get("id") for f in features]
    motifs = [f.get("motif") for f in features]
    results = [
        _fact(isinstance(epic, dict) and isinstance(epic.get("titre"), str)
              and len(epic["titre"].strip()) >= 10, "l'epic a un titre", "epic.titre (une "
              "phrase)", repr(epic)[:120]),
        _fact(len(features) == len(document["features"]), "chaque feature est un dictionnaire",
              "des dictionnaires", "d'autres valeurs dans la liste"),
        _fact(len(ids) == len(set(ids)) and all(isinstance(i, str) for i in ids),
              "identifiants de features uniques", "des textes uniques (F1, F2…)", repr(ids)),
        _fact(sorted(m for m in motifs if isinstance(m, str)) == sorted(order)
              and len(motifs) == len(order), "une feature par motif prioritaire",
              " ; ".join(order), " ; ".join(map(str, motifs)),
              "Chaque motif prioritaire du diagramme de Pareto, exactement une fois."),
    ]
    for feature in features:
        results += _feature_checks(feature, monthly)
    return Report.of(results)


def _feature_checks(feature: dict, monthly: dict[str, float]) -> list[CheckResult]:
    where = f"feature {feature.get('id')}"
    hypothesis = feature.get("hypothese")
    estimate = feature.get("estimation")
    results = [
        _fact(isinstance(feature.get("titre"), str) and len(feature["titre"].strip()) >= 10,
              f"{where} : un titre", "une phrase", repr(feature.get("titre"))),
        _fact(isinstance(estimate, int) and not isinstance(estimate, bool) and estimate > 0,
              f"{where} : estimation en points", "un entier positif", repr(estimate)),
    ]
    if not isinstance(hypothesis, dict):
        return results + [failed(f"{where} : hypothèse de bénéfice",
                                 "hypothese: {indicateur, valeur_actuelle, cible}",
                                 repr(hypothesis))]
    current, target = hypothesis.get("valeur_actuelle"), hypothesis.get("cible")
    expected = monthly.get(feature.get("motif"))
    results += [
        _fact(hypothesis.get("indicateur") == INDICATOR, f"{where} : indicateur mesurable",
              INDICATOR, repr(hypothesis.get("indicateur"))),
        _fact(_number(current) and expected is not None and abs(current - expected) <= 0.5,
              f"{where} : valeur actuelle mesurée dans les données",
              "la moyenne mensuelle des demandes de ce motif (à l'unité près)", repr(current),
              "Comptez les demandes du motif et divisez par le nombre de mois du journal."),
        _fact(_number(target) and _number(current) and 0 <= target < current,
              f"{where} : cible ambitieuse et atteignable",
              "une cible positive, inférieure à la valeur actuelle", repr(target)),
    ]
    return results


def check_stories(document: object, feature: str, minimum: int = 3) -> Report:
    """Vérifier les stories d'une feature : forme, taille, critères d'acceptation."""
    if not isinstance(document, list):
        return Report.of([failed("liste de stories", "une liste YAML (des tirets)",
                                 type(document).__name__)])
    stories = [s for s in document if isinstance(s, dict)]
    ids = [s.get("id") for s in stories]
    texts = [str(s.get("texte", "")).strip().lower() for s in stories]
    results = [
        _fact(len(stories) >= minimum and len(stories) == len(document),
              f"au moins {minimum} stories", f"{minimum} dictionnaires ou plus",
              f"{len(stories)} stories"),
        _fact(len(set(ids)) == len(ids) and all(isinstance(i, str) for i in ids),
              "identifiants de stories uniques", "des textes uniques (S1, S2…)", repr(ids)),
        _fact(len(set(texts)) == len(texts), "des stories différentes", "aucun doublon",
              "deux stories ont le même texte"),
    ]
    for story in stories:
        results += _story_checks(story, feature)
    return Report.of(results)


def _story_checks(story: dict, feature: str) -> list[CheckResult]:
    where = f"story {story.get('id')}"
    criteria = story.get("criteres")
    good = [c for c in criteria if isinstance(c, str) and CRITERION.match(c)] if isinstance(
        criteria, list) else []
    return [
        _fact(story.get("feature") == feature, f"{where} : rattachée à la feature {feature}",
              feature, repr(story.get("feature"))),
        _fact(isinstance(story.get("texte"), str) and bool(STORY.match(story["texte"])),
              f"{where} : forme « En tant que…, je veux…, afin de… »",
              "En tant que <qui>, je veux <quoi> afin de <pourquoi>",
              repr(story.get("texte"))[:120]),
        _fact(story.get("estimation") in STORY_POINTS
              and not isinstance(story.get("estimation"), bool),
              f"{where} : tient dans un sprint", "1, 2, 3, 5 ou 8 points",
              repr(story.get("estimation")),
              "Au-delà de 8 points, découpez la story en plus petites."),
        _fact(isinstance(criteria, list) and len(good) >= 2 and len(good) == len(criteria),
              f"{where} : au moins deux critères d'acceptation vérifiables",
              "des phrases « Étant donné …, quand …, alors … »",
              repr(criteria)[:160], "Un critère décrit une situation, une action et un "
              "résultat observable."),
    ]
