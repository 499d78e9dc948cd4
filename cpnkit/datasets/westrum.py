"""Enquête de culture (typologie de Westrum) des équipes du service « Rendez-vous en préfecture ».

Deux vagues d'une enquête anonyme (mars et septembre 2026) auprès des trois équipes qui font
vivre le service : développement, exploitation et sécurité. Six items, échelle d'accord en
7 points ; une case vide signifie « ne sait pas ». Entre les deux vagues, l'équipe
d'exploitation a instauré des revues d'incident sans recherche de coupable et l'équipe de
développement a monté une communauté de pratique avec l'exploitation ; la sécurité n'a rien
changé. Données fictives, tirées avec une graine fixe.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .common import write
from .seeded import Seeded

MODULE = "collaboration-et-changement"
SEED = 2026
ITEMS = ("information", "messagers", "responsabilites", "transversalite", "echecs",
         "nouveautes")
WAVES = ("2026-03", "2026-09")

# Mean agreement of each team on each item, per wave (the "true" culture the survey samples).
LATENT = {
    "2026-03": {
        "developpement": (5.3, 4.6, 4.7, 3.7, 4.5, 5.6),
        "exploitation": (4.3, 3.7, 4.0, 3.7, 2.6, 3.6),
        "securite": (3.3, 4.7, 4.0, 3.8, 4.2, 2.5),
    },
    "2026-09": {
        "developpement": (5.6, 4.1, 5.1, 5.0, 5.0, 5.8),
        "exploitation": (4.7, 4.5, 4.5, 3.6, 4.6, 4.1),
        "securite": (3.4, 4.8, 4.1, 3.9, 4.3, 2.6),
    },
}
# Respondents per wave and team (out of 12, 9 and 7 people), and how many of them left most
# items blank (they are left out of the scores).
RESPONDENTS = {
    "2026-03": {"developpement": (11, 1), "exploitation": (8, 0), "securite": (6, 1)},
    "2026-09": {"developpement": (10, 0), "exploitation": (9, 1), "securite": (6, 0)},
}


def _answer(rng: Seeded, latent: float, mood: float) -> int:
    return max(1, min(7, round(latent + mood + rng.normal(0, 0.75))))


def survey_csv(seed: int = SEED) -> str:
    """Les réponses, une ligne par répondant (identifiants différents à chaque vague)."""
    rng = Seeded(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["vague", "equipe", "repondant", *ITEMS])
    number = 0
    for wave in WAVES:
        for team, (count, sparse) in RESPONDENTS[wave].items():
            for index in range(count):
                number += 1
                mood = rng.normal(0, 0.45)
                answers: list[int | str] = [_answer(rng, m, mood) for m in LATENT[wave][team]]
                blanks = 4 if index < sparse else (1 if rng.chance(0.25) else 0)
                for _ in range(blanks):
                    answers[rng.integer(0, len(ITEMS) - 1)] = ""
                writer.writerow([wave, team, f"R{number:03d}", *answers])
    return out.getvalue()


QUESTIONNAIRE = """\
# Questionnaire de culture d'équipe (d'après la capacité « generative organizational culture »
# de DORA, dora.dev, contenu sous licence CC BY 4.0 ; énoncés résumés et traduits).
echelle:
  min: 1
  max: 7
  libelles: {1: Pas du tout d'accord, 4: Ni d'accord ni en désaccord, 7: Tout à fait d'accord}
  vide: Ne sait pas
items:
  - id: information
    enonce: Dans mon équipe, on va chercher activement l'information dont on a besoin.
  - id: messagers
    enonce: Celui qui annonce un échec ou une mauvaise nouvelle n'est pas mis en cause.
  - id: responsabilites
    enonce: Les responsabilités sont partagées.
  - id: transversalite
    enonce: La collaboration avec les autres équipes est encouragée et valorisée.
  - id: echecs
    enonce: Un échec conduit à améliorer le système, pas à chercher un coupable.
  - id: nouveautes
    enonce: Les idées nouvelles sont bien accueillies.
equipes:
  - {id: developpement, nom: Équipe produit (développement), effectif: 12}
  - {id: exploitation, nom: Exploitation, effectif: 9}
  - {id: securite, nom: Sécurité des systèmes d'information, effectif: 7}
vagues:
  - {id: "2026-03", nom: "Mars 2026, avant les premières actions"}
  - {id: "2026-09", nom: "Septembre 2026, six mois plus tard"}
"""

LEVERS = """\
# Catalogue de leviers de changement du programme (coût : jours d'animation et
# d'accompagnement à prévoir sur le semestre).
budget_jours: 12
leviers:
  - id: revue-sans-blame
    nom: Revues post-incident sans recherche de coupable
    items: [echecs, messagers]
    jours: 6
  - id: alerte-ouverte
    nom: Canal d'alerte ouvert à tous, signalements remerciés publiquement
    items: [messagers]
    jours: 3
  - id: equipes-mixtes
    nom: Binômes développement, exploitation et sécurité sur les sujets transverses
    items: [transversalite, responsabilites]
    jours: 8
  - id: astreinte-partagee
    nom: Astreinte partagée entre développement et exploitation
    items: [responsabilites]
    jours: 10
  - id: referents-securite
    nom: Référents sécurité dans l'équipe produit
    items: [transversalite, information]
    jours: 7
  - id: demo-ouverte
    nom: Démonstrations de fin d'itération ouvertes à toutes les équipes
    items: [information]
    jours: 2
  - id: temps-exploration
    nom: Temps réservé à l'exploration et aux preuves de concept
    items: [nouveautes]
    jours: 12
  - id: circuit-idees
    nom: Circuit court de décision sur les idées (réponse sous quinze jours)
    items: [nouveautes]
    jours: 4
  - id: objectifs-communs
    nom: Objectifs et indicateurs de livraison partagés entre équipes
    items: [responsabilites, transversalite]
    jours: 5
  - id: retro-inter-equipes
    nom: Rétrospectives inter-équipes chaque trimestre
    items: [transversalite, echecs]
    jours: 4
"""


def generate(seed: int = SEED) -> dict[str, str]:
    """Les fichiers du module : nom -> contenu, toujours identiques."""
    return {"enquete-westrum.csv": survey_csv(seed), "questionnaire.yaml": QUESTIONNAIRE,
            "leviers.yaml": LEVERS}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
