"""Organisation des équipes : types d'équipes, modes d'interaction, charge cognitive, demandes.

Les calculs de référence du module « organisation-equipes-devsecops » (vocabulaire de
*Team Topologies*). Ils relisent les fichiers de données eux-mêmes.
"""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import yaml

TEAM_TYPES = ("flux", "plateforme", "facilitatrice", "sous-systeme")
MODES = ("collaboration", "x-as-a-service", "facilitation")
LOAD_KINDS = ("intrinseque", "extrinseque", "essentielle")
OVERLOAD = 3.5  # extraneous load at or above this mean: the team is overloaded
COLLABORATION_WEEKS = 12  # a joint discovery should not last longer
SELF_SERVICE_COUNT = 10  # requests of one type in the quarter…
SELF_SERVICE_WAIT = 2.0  # …with a median wait at or above this (days): automate it


def read_organisation(path: str | Path) -> dict:
    """Lire `equipes.yaml` : équipes, relations entre équipes et questionnaire."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def team_type(team: dict) -> str:
    """Le type d'une équipe, déduit de ses caractéristiques.

    - elle livre directement aux usagers (citoyens ou agents) : « flux » ;
    - elle sert d'autres équipes le temps de les faire monter en compétence :
      « facilitatrice » ;
    - elle sert d'autres équipes grâce à une expertise rare : « sous-systeme » ;
    - elle sert d'autres équipes par un service durable en libre-service : « plateforme ».
    """
    if team["clients"] == "usagers":
        return "flux"
    if team["engagement"] == "temporaire":
        return "facilitatrice"
    if team["expertise_rare"]:
        return "sous-systeme"
    return "plateforme"


def team_types(organisation: dict) -> dict[str, str]:
    """Le type de chaque équipe, par identifiant."""
    return {team["id"]: team_type(team) for team in organisation["equipes"]}


def relation_key(relation: dict) -> str:
    """La clé d'une relation : « demandeur->fournisseur »."""
    return f"{relation['de']}->{relation['vers']}"


def target_mode(relation: dict) -> str:
    """Le mode d'interaction qui convient à une relation.

    - un besoin stable et bien défini : « x-as-a-service » ;
    - une montée en compétence : « facilitation » ;
    - une découverte conjointe : « collaboration », tant qu'elle ne dépasse pas
      12 semaines ; au-delà, la découverte est finie et le service doit se consommer
      « x-as-a-service ».
    """
    situation = relation["situation"]
    if situation == "service-stable":
        return "x-as-a-service"
    if situation == "montee-en-competence":
        return "facilitation"
    if relation["depuis_semaines"] <= COLLABORATION_WEEKS:
        return "collaboration"
    return "x-as-a-service"


def target_modes(organisation: dict) -> dict[str, str]:
    return {relation_key(r): target_mode(r) for r in organisation["relations"]}


def to_review(organisation: dict) -> list[str]:
    """Les relations dont le mode actuel n'est pas le mode qui convient (triées)."""
    return sorted(relation_key(r) for r in organisation["relations"]
                  if r["mode_actuel"] != target_mode(r))


def read_survey(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["note"] = int(row["note"])
    return rows


def cognitive_load(rows: list[dict]) -> dict[str, dict[str, float]]:
    """Moyenne des notes (1 à 5) par équipe et par type de charge."""
    notes: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        notes.setdefault((row["equipe"], row["type"]), []).append(row["note"])
    result: dict[str, dict[str, float]] = {}
    for (team, kind), values in sorted(notes.items()):
        result.setdefault(team, {})[kind] = statistics.fmean(values)
    return result


def overloaded(load: dict[str, dict[str, float]], threshold: float = OVERLOAD) -> list[str]:
    """Les équipes dont la charge extrinsèque moyenne atteint le seuil (triées)."""
    return sorted(team for team, kinds in load.items() if kinds["extrinseque"] >= threshold)


def read_requests(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["semaine"] = int(row["semaine"])
        row["attente_jours"] = float(row["attente_jours"])
    return rows


def request_stats(rows: list[dict], provider: str) -> dict[str, dict]:
    """Par type de demande adressée à `provider` : nombre et attente médiane (jours)."""
    waits: dict[str, list[float]] = {}
    for row in rows:
        if row["destinataire"] == provider:
            waits.setdefault(row["type"], []).append(row["attente_jours"])
    return {kind: {"nombre": len(values), "attente_mediane": statistics.median(values)}
            for kind, values in sorted(waits.items())}


def self_service_candidates(rows: list[dict], provider: str) -> list[str]:
    """Les types de demandes à outiller en libre-service : fréquents et lents (triés)."""
    return sorted(kind for kind, s in request_stats(rows, provider).items()
                  if s["nombre"] >= SELF_SERVICE_COUNT
                  and s["attente_mediane"] >= SELF_SERVICE_WAIT)


def waiting_days(rows: list[dict], requesters: list[str]) -> float:
    """Le total des jours d'attente des demandes faites par `requesters`."""
    return sum(row["attente_jours"] for row in rows if row["demandeur"] in requesters)
