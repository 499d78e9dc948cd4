"""Jeu de données du module « epics-et-user-stories » : le service « RDV Préfecture ».

Trois fichiers, écrits dans notebooks/epics-et-user-stories/ :

- backlog.yaml : le backlog actuel de l'équipe, neuf stories dont plusieurs enfreignent INVEST ;
- atelier.yaml : le compte rendu structuré de l'atelier avec les métiers (constats, règles,
  exemples, questions, objectif chiffré, capacité de l'équipe) ;
- statistiques.csv : les rendez-vous pris et non honorés, mois par mois, sur douze mois.

Le contenu est fixe et les statistiques sont tirées avec une graine fixe : régénérer donne
exactement les mêmes fichiers.

    python -m cpnkit.datasets.rdv_backlog notebooks/epics-et-user-stories
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import yaml

from .common import write

MODULE = "epics-et-user-stories"
SEED = 20261201
MONTHS = ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]

BACKLOG = {
    "produit": "RDV Préfecture — prise de rendez-vous en ligne en préfecture",
    "equipe": "équipe produit RDV, ministère de l'Intérieur",
    "stories": [
        {"id": "B-01",
         "recit": "En tant qu'usager, je veux voir les créneaux libres de ma préfecture sur "
                  "les quinze prochains jours afin de choisir un rendez-vous qui me convient.",
         "estimation": 5, "depend_de": [],
         "criteres": [
             "Étant donné la préfecture du Rhône ouverte du lundi au vendredi\n"
             "Quand l'usager consulte les créneaux du lundi 7 décembre\n"
             "Alors il voit les créneaux libres de 9 h à 16 h 30\n"
             "Et les créneaux déjà réservés n'apparaissent pas",
             "Étant donné un samedi\n"
             "Quand l'usager consulte les créneaux de ce jour\n"
             "Alors la page indique que la préfecture est fermée",
         ]},
        {"id": "B-02",
         "recit": "En tant qu'agent d'accueil, je veux exporter la liste des rendez-vous du jour.",
         "estimation": 3, "depend_de": [],
         "criteres": [
             "Étant donné 42 rendez-vous prévus le 7 décembre\n"
             "Quand l'agent exporte la liste du jour\n"
             "Alors il obtient un fichier de 42 lignes triées par heure",
         ]},
        {"id": "B-03",
         "recit": "En tant qu'usager, je veux gérer tous mes rendez-vous en ligne (prendre, "
                  "déplacer, annuler, recevoir des rappels) afin de ne plus appeler la préfecture.",
         "estimation": 13, "depend_de": [],
         "criteres": [
             "Étant donné un usager qui a un rendez-vous le 7 décembre\n"
             "Quand il ouvre son espace\n"
             "Alors il peut déplacer, annuler ou demander un rappel",
         ]},
        {"id": "B-04",
         "recit": "En tant que cheffe du bureau de l'accueil, je veux un tableau de bord de "
                  "l'affluence afin d'adapter le nombre de guichets ouverts.",
         "estimation": None, "depend_de": [], "criteres": []},
        {"id": "B-05",
         "recit": "En tant qu'usager, je veux déplacer mon rendez-vous afin de ne pas perdre ma "
                  "place quand j'ai un empêchement.",
         "estimation": 3, "depend_de": ["B-03"],
         "criteres": [
             "Étant donné un rendez-vous le 7 décembre à 10 h\n"
             "Quand l'usager le déplace au 9 décembre à 14 h\n"
             "Alors le créneau du 7 décembre redevient libre\n"
             "Et l'usager reçoit une nouvelle convocation",
         ]},
        {"id": "B-06",
         "recit": "En tant qu'usager malvoyant, je veux remplir le formulaire au clavier et avec "
                  "un lecteur d'écran afin de prendre rendez-vous sans aide.",
         "estimation": 5, "depend_de": [],
         "criteres": [
             "Étant donné un usager qui navigue avec un lecteur d'écran\n"
             "Quand il parcourt le formulaire avec la touche Tab",
         ]},
        {"id": "B-07",
         "recit": "En tant qu'agent d'accueil, je veux retrouver un rendez-vous par son numéro "
                  "de dossier afin d'accueillir l'usager sans lui faire épeler son nom.",
         "estimation": 2, "depend_de": [],
         "criteres": [
             "Étant donné le rendez-vous du dossier 69-2026-004512\n"
             "Quand l'agent saisit ce numéro\n"
             "Alors la fiche du rendez-vous s'affiche",
             "Étant donné un numéro de dossier inconnu\n"
             "Quand l'agent le saisit\n"
             "Alors un message indique qu'aucun rendez-vous ne correspond\n"
             "Mais aucune donnée d'un autre usager n'est affichée",
         ]},
        {"id": "B-08",
         "recit": "En tant que développeur, je veux migrer la base de données vers PostgreSQL 16 "
                  "afin de bénéficier du support à long terme.",
         "estimation": 5, "depend_de": [],
         "criteres": [
             "Étant donné la base de production en PostgreSQL 13\n"
             "Quand la migration est jouée en préproduction\n"
             "Alors toutes les réservations existantes sont retrouvées",
         ]},
        {"id": "B-09",
         "recit": "En tant qu'usager, je veux recevoir une confirmation par courriel afin de "
                  "garder une trace de mon rendez-vous.",
         "estimation": 2, "depend_de": [],
         "criteres": [
             "Étant donné un usager qui a saisi son adresse électronique\n"
             "Quand il confirme un rendez-vous\n"
             "Alors il reçoit un courriel avec la date, l'heure et l'adresse du guichet",
         ]},
    ],
}

WORKSHOP = {
    "titre": "Atelier « rendez-vous non honorés » — préfecture du Rhône",
    "date": "2026-12-01",
    "participants": [
        "Nadia, cheffe du bureau de l'accueil (métier)",
        "Jérôme et Awa, agents d'accueil (métier)",
        "Hélène, association d'aide aux usagers (usagers)",
        "Marc, product owner de RDV Préfecture",
        "Léa, développeuse ; Thomas, testeur",
    ],
    "constats": [
        "Près d'un rendez-vous sur cinq n'est pas honoré : le créneau est perdu, alors que "
        "l'attente pour un rendez-vous dépasse six semaines.",
        "Les usagers oublient leur rendez-vous, pris souvent un mois à l'avance.",
        "Pour annuler, il faut téléphoner : la ligne est saturée, beaucoup renoncent.",
        "Quand un usager prévient, l'agent n'a aucun moyen de proposer le créneau libéré.",
    ],
    "regles": [
        "Un rappel part deux jours avant le rendez-vous : par SMS si l'usager a donné son "
        "numéro, sinon par courriel.",
        "L'annulation en ligne est possible jusqu'à 24 heures avant le rendez-vous.",
        "Un créneau libéré est proposé au premier usager de la liste d'attente, qui a deux "
        "heures pour l'accepter.",
        "Les agents voient chaque matin les rendez-vous annulés et les créneaux réattribués.",
    ],
    "exemples": [
        "Rendez-vous le jeudi 10 décembre à 9 h 20, numéro fourni : SMS le mardi 8 à 9 h 20.",
        "Annulation le mercredi 9 à 10 h pour le jeudi 10 à 9 h 20 : acceptée.",
        "Annulation le jeudi 10 à 8 h pour 9 h 20 : refusée, l'usager est invité à appeler.",
    ],
    "questions": [
        "Faut-il un consentement explicite pour les SMS ? (à voir avec le délégué à la "
        "protection des données)",
        "Que faire si personne n'accepte le créneau libéré ?",
    ],
    "objectif": {
        "indicateur": "taux de rendez-vous non honorés",
        "calcul": "non honorés ÷ rendez-vous pris, sur les six derniers mois de "
                  "statistiques.csv",
        "cible": 0.10,
        "echeance": "juin 2027",
    },
    "capacite": {
        "sprints": 2,
        "velocite_par_sprint": 20,
        "consigne": "L'epic doit tenir en deux sprints : 40 points au plus.",
    },
}


def statistics_rows(seed: int = SEED) -> list[dict[str, object]]:
    """Douze mois de rendez-vous pris et non honorés (taux de 15 à 20 %), graine fixe."""
    rng = random.Random(seed)
    rows = []
    for index, month in enumerate(MONTHS):
        booked = rng.randint(3800, 5200)
        rate = 0.155 + 0.003 * index + rng.uniform(-0.01, 0.01)
        rows.append({"mois": month, "rendez_vous": booked, "non_honores": round(booked * rate)})
    return rows


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as YAML literal blocks, so that criteria read one step per line."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _yaml(data: dict, header: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def generate() -> dict[str, str]:
    """Les trois fichiers du jeu de données (nom -> contenu), toujours identiques."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["mois", "rendez_vous", "non_honores"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(statistics_rows())
    return {
        "backlog.yaml": _yaml(BACKLOG, "# Backlog de l'équipe RDV Préfecture (jeu de données "
                                       "du kit, généré par cpnkit.datasets.rdv_backlog).\n"),
        "atelier.yaml": _yaml(WORKSHOP, "# Compte rendu structuré de l'atelier avec les métiers "
                                        "(généré par cpnkit.datasets.rdv_backlog).\n"),
        "statistiques.csv": buffer.getvalue(),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
