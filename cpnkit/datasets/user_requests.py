"""Ce que demandent les usagers du service « Rendez-vous en préfecture », et la vélocité de
l'équipe.

Deux fichiers pour le module backlog-features :

- demandes.csv : chaque contact reçu par le centre de contact d'avril à juin 2026 (date,
  canal, motif, durée de traitement en minutes) ;
- sprints.csv : les huit derniers sprints de deux semaines de l'équipe produit (points
  engagés, points terminés).

Les volumes par motif sont fixés (quatre motifs font un peu plus de 80 % des contacts) ; les
dates, canaux et durées sont tirés avec une graine fixe.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from .common import render_csv, working_days, write

MODULE = "backlog-features"
SEED = 42
REQUESTS = [
    ("Déplacer ou annuler un rendez-vous", 517),
    ("Aucun créneau disponible", 350),
    ("Confirmation non reçue", 213),
    ("Pièces justificatives à apporter", 152),
    ("Accès au compte ou à FranceConnect", 106),
    ("Rendez-vous pour un proche", 76),
    ("Paiement du timbre fiscal", 46),
    ("Accessibilité du site", 30),
    ("Autre", 30),
]
CHANNELS = (("téléphone", 0.7), ("courriel", 0.2), ("formulaire", 0.1))
SPRINTS = [(34, 21), (32, 25), (35, 28), (33, 30), (34, 27), (33, 31), (32, 29), (34, 32)]


def generate() -> dict[str, str]:
    """Les deux fichiers (nom -> contenu CSV), toujours identiques."""
    rng = random.Random(SEED)
    days = working_days(date(2026, 4, 1), date(2026, 7, 1))
    rows = []
    for motif, count in REQUESTS:
        for _ in range(count):
            channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
            minutes = max(2, round(rng.gauss(9 if channel == "téléphone" else 6, 3)))
            rows.append([rng.choice(days).isoformat(), channel, motif, minutes])
    rows.sort(key=lambda row: (row[0], row[2], row[1], row[3]))
    start = date(2026, 3, 23)
    sprint_rows = []
    for number, (planned, done) in enumerate(SPRINTS, start=1):
        first = start + timedelta(days=14 * (number - 1))
        sprint_rows.append([f"Sprint {number}", first.isoformat(),
                            (first + timedelta(days=11)).isoformat(), planned, done])
    return {
        "demandes.csv": render_csv(["date", "canal", "motif", "duree_minutes"], rows),
        "sprints.csv": render_csv(["sprint", "debut", "fin", "points_engages",
                                   "points_termines"], sprint_rows),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/backlog-features/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
