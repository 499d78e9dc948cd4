"""Backlog du service « Rendez-vous en préfecture » : douze features à prioriser.

Pour chaque feature : sa date d'entrée dans le backlog, les trois composantes du coût du
retard en points relatifs (échelle de Fibonacci, comme dans SAFe), sa taille, sa durée
estimée en semaines pour l'équipe, son coût du retard estimé en euros par semaine, ses
prérequis et, le cas échéant, une échéance (semaine à ne pas dépasser). Les points et les
dates sont fixés ; les montants en euros sont tirés autour des points avec une graine fixe.
Données fictives.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .common import write
from .seeded import Seeded

MODULE = "priorisation-backlog"
SEED = 1702
EUROS_PER_POINT = 450  # weekly cost of delay of one point of cost of delay, on average

# id, title, entered, value, urgency, risk, size, weeks, prerequisites, deadline (week)
FEATURES = [
    ("F-01", "Rappel par SMS 48 h avant le rendez-vous", "2025-12-08", 8, 3, 2, 3, 1, "", ""),
    ("F-02", "Connexion avec FranceConnect", "2025-10-06", 13, 5, 8, 8, 3, "", ""),
    ("F-03", "Parcours de réservation conforme au RGAA", "2026-03-16", 8, 20, 13, 8, 3, "",
     "8"),
    ("F-04", "Liste d'attente : proposer les créneaux libérés", "2026-01-12", 20, 8, 3, 13, 4,
     "F-01", ""),
    ("F-05", "Tableau de bord des agents de préfecture", "2025-09-15", 5, 2, 1, 5, 2, "", ""),
    ("F-06", "Protection contre les robots revendeurs de créneaux", "2026-03-02", 13, 8, 8, 5,
     2, "F-10", "10"),
    ("F-07", "Export statistique pour la direction", "2025-09-22", 3, 1, 1, 2, 1, "", ""),
    ("F-08", "Interface en anglais et en arabe", "2025-10-13", 8, 2, 2, 5, 2, "", ""),
    ("F-09", "Annulation en un clic depuis le courriel de confirmation", "2026-02-16", 8, 5, 2,
     2, 1, "", ""),
    ("F-10", "Migration vers une base PostgreSQL gérée (CloudNativePG)", "2026-01-19", 2, 8,
     13, 8, 3, "", ""),
    ("F-11", "Dépôt en ligne des pièces justificatives", "2025-11-03", 20, 5, 5, 20, 6,
     "F-02", ""),
    ("F-12", "Journaux JSON et tableau de bord Grafana", "2026-02-02", 2, 2, 8, 3, 1, "", ""),
]
COLUMNS = ["id", "titre", "entree", "valeur_metier", "urgence", "reduction_risque", "taille",
           "duree_semaines", "prerequis", "echeance_semaine", "cout_retard_semaine"]


def backlog_csv(seed: int = SEED) -> str:
    """Le backlog au format CSV (prérequis séparés par « ; »)."""
    rng = Seeded(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for (fid, title, entered, value, urgency, risk, size, weeks, prerequisites,
         deadline) in FEATURES:
        points = value + urgency + risk
        weekly = round(points * EUROS_PER_POINT * rng.uniform(0.8, 1.2), -2)
        writer.writerow([fid, title, entered, value, urgency, risk, size, weeks, prerequisites,
                         deadline, int(weekly)])
    return out.getvalue()


def generate(seed: int = SEED) -> dict[str, str]:
    """Les fichiers du module : nom -> contenu, toujours identiques."""
    return {"backlog.csv": backlog_csv(seed)}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
