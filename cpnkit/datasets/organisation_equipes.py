"""Jeu de données du module « organisation-equipes-devsecops ».

Sept équipes travaillent autour du service « Rendez-vous en préfecture » et de la plateforme
Cloud Pi Native. Trois fichiers :

- `equipes.yaml` : les équipes (mission, effectif, à qui elles livrent, durée de leurs
  engagements, expertise rare ou non), les relations entre équipes (situation, mode
  d'interaction actuel, depuis combien de semaines) et les questions du questionnaire ;
- `charge_cognitive.csv` : les réponses anonymes au questionnaire de charge cognitive
  (équipe, répondant, question, type de charge, note de 1 à 5) ;
- `demandes.csv` : les demandes d'un trimestre entre équipes (semaine, demandeur,
  destinataire, type de demande, attente en jours ouvrés avant traitement).

Régénérer : `python -m cpnkit.datasets.organisation_equipes [dossier]`.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from .common import records_csv, write

MODULE = "organisation-equipes-devsecops"
SEED = 20261005

TEAMS = [
    {"id": "rdv-usagers", "nom": "Produit « Rendez-vous en préfecture »", "membres": 7,
     "mission": "Concevoir, livrer et faire vivre le parcours de prise de rendez-vous en "
                "ligne des usagers, de la recherche d'un créneau à la confirmation.",
     "clients": "usagers", "engagement": "permanent", "expertise_rare": False},
    {"id": "titres-agents", "nom": "Produit « Instruction des titres »", "membres": 8,
     "mission": "Livrer l'application que les agents de préfecture utilisent pour instruire "
                "les demandes de titres de séjour.",
     "clients": "usagers", "engagement": "permanent", "expertise_rare": False},
    {"id": "socle-cpn", "nom": "Opérateur de la plateforme Cloud Pi Native", "membres": 9,
     "mission": "Opérer la console, GitLab, Argo CD, Harbor, Vault et les clusters, et les "
                "proposer aux équipes produit en libre-service.",
     "clients": "equipes", "engagement": "permanent", "expertise_rare": False},
    {"id": "adoption-cpn", "nom": "Équipe adoption Cloud Pi Native", "membres": 4,
     "mission": "Accompagner chaque nouvelle équipe quelques semaines : prise en main de la "
                "chaîne, bonnes pratiques du CCT, premiers déploiements.",
     "clients": "equipes", "engagement": "temporaire", "expertise_rare": False},
    {"id": "calcul-droits", "nom": "Moteur de calcul des droits", "membres": 5,
     "mission": "Maintenir le moteur qui traduit la réglementation des titres (conditions, "
                "pièces, taxes) en règles exécutables, avec des juristes.",
     "clients": "equipes", "engagement": "permanent", "expertise_rare": True},
    {"id": "securite-applicative", "nom": "Cellule sécurité applicative", "membres": 3,
     "mission": "Former les équipes à l'analyse de risques et à la lecture des rapports "
                "Trivy et SonarQube, six semaines par équipe, puis passer à la suivante.",
     "clients": "equipes", "engagement": "temporaire", "expertise_rare": True},
    {"id": "notifications", "nom": "Service de notifications", "membres": 4,
     "mission": "Fournir une API mutualisée d'envoi de SMS et de courriels, documentée et "
                "utilisable sans rendez-vous par toutes les équipes.",
     "clients": "equipes", "engagement": "permanent", "expertise_rare": False},
]

RELATIONS = [
    {"de": "rdv-usagers", "vers": "socle-cpn", "situation": "service-stable",
     "mode_actuel": "collaboration", "depuis_semaines": 40},
    {"de": "titres-agents", "vers": "socle-cpn", "situation": "service-stable",
     "mode_actuel": "x-as-a-service", "depuis_semaines": 20},
    {"de": "rdv-usagers", "vers": "adoption-cpn", "situation": "montee-en-competence",
     "mode_actuel": "facilitation", "depuis_semaines": 6},
    {"de": "titres-agents", "vers": "calcul-droits", "situation": "service-stable",
     "mode_actuel": "x-as-a-service", "depuis_semaines": 30},
    {"de": "rdv-usagers", "vers": "notifications", "situation": "decouverte-conjointe",
     "mode_actuel": "collaboration", "depuis_semaines": 4},
    {"de": "titres-agents", "vers": "securite-applicative", "situation": "montee-en-competence",
     "mode_actuel": "collaboration", "depuis_semaines": 10},
    {"de": "socle-cpn", "vers": "securite-applicative", "situation": "decouverte-conjointe",
     "mode_actuel": "collaboration", "depuis_semaines": 26},
    {"de": "rdv-usagers", "vers": "calcul-droits", "situation": "service-stable",
     "mode_actuel": "x-as-a-service", "depuis_semaines": 15},
]

QUESTIONS = [
    ("q1", "intrinseque", "Notre domaine métier demande beaucoup de connaissances."),
    ("q2", "intrinseque", "Nos composants sont complexes à comprendre, même bien écrits."),
    ("q3", "intrinseque", "Une nouvelle recrue met des mois à devenir autonome."),
    ("q4", "extrinseque", "Nous perdons du temps à attendre d'autres équipes "
                          "(environnements, accès, validations)."),
    ("q5", "extrinseque", "Nos mises en production demandent des étapes manuelles et des "
                          "tickets."),
    ("q6", "extrinseque", "Nous devons maîtriser des outils d'infrastructure qui ne sont pas "
                          "notre cœur de métier."),
    ("q7", "essentielle", "Nous avons du temps pour améliorer notre produit et nos pratiques."),
    ("q8", "essentielle", "Nous apprenons en continu sur les besoins de nos usagers."),
    ("q9", "essentielle", "Nous partageons nos connaissances au sein de l'équipe."),
]

# mean score per team and kind of load: intrinsic, extraneous, germane
PROFILES = {
    "rdv-usagers": (3.0, 4.1, 2.4), "titres-agents": (3.6, 3.9, 2.6),
    "socle-cpn": (3.8, 2.7, 3.4), "adoption-cpn": (2.6, 2.1, 4.0),
    "calcul-droits": (4.4, 2.5, 3.5), "securite-applicative": (3.4, 2.4, 3.8),
    "notifications": (2.5, 2.6, 3.3),
}

# request types: provider, count range in the quarter, median wait (days), spread
REQUESTS = {
    "creation-environnement": ("socle-cpn", (14, 18), 4.0, 1.5),
    "augmentation-quota": ("socle-cpn", (11, 14), 3.0, 1.0),
    "secret-vault": ("socle-cpn", (10, 12), 2.5, 0.8),
    "ouverture-flux-reseau": ("socle-cpn", (4, 6), 6.0, 2.0),
    "acces-depot": ("socle-cpn", (15, 20), 0.5, 0.3),
    "question-architecture": ("adoption-cpn", (8, 11), 1.5, 0.5),
    "revue-securite": ("securite-applicative", (5, 8), 5.0, 1.5),
    "nouvelle-regle-metier": ("calcul-droits", (6, 9), 8.0, 2.0),
}
REQUESTERS = ["rdv-usagers", "titres-agents", "rdv-usagers", "titres-agents", "notifications"]


def organisation() -> dict:
    """Le contenu de `equipes.yaml`."""
    return {"equipes": TEAMS, "relations": RELATIONS,
            "questionnaire": [{"id": q, "type": kind, "texte": text}
                              for q, kind, text in QUESTIONS]}


def survey(rng: random.Random) -> list[dict]:
    rows = []
    for team in TEAMS:
        means = dict(zip(("intrinseque", "extrinseque", "essentielle"),
                         PROFILES[team["id"]], strict=True))
        respondents = max(3, team["membres"] - rng.randint(0, 2))
        for number in range(1, respondents + 1):
            for question, kind, _ in QUESTIONS:
                note = min(5, max(1, round(rng.gauss(means[kind], 0.7))))
                rows.append({"equipe": team["id"], "repondant": f"r{number}",
                             "question": question, "type": kind, "note": note})
    return rows


def requests(rng: random.Random) -> list[dict]:
    rows = []
    for kind, (provider, (low, high), median, spread) in REQUESTS.items():
        for _ in range(rng.randint(low, high)):
            requester = rng.choice([r for r in REQUESTERS if r != provider])
            wait = max(0.1, round(rng.gauss(median, spread), 1))
            rows.append({"semaine": rng.randint(1, 13), "demandeur": requester,
                         "destinataire": provider, "type": kind, "attente_jours": wait})
    rows.sort(key=lambda r: (r["semaine"], r["type"], r["demandeur"], r["attente_jours"]))
    return [{"id": f"D-{i:03d}", **row} for i, row in enumerate(rows, start=1)]


def generate() -> dict[str, str]:
    """Les trois fichiers du jeu de données (nom -> contenu), toujours identiques."""
    rng = random.Random(SEED)
    return {
        "equipes.yaml": yaml.safe_dump(organisation(), allow_unicode=True, sort_keys=False,
                                       width=100),
        "charge_cognitive.csv": records_csv(survey(rng)),
        "demandes.csv": records_csv(requests(rng)),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
