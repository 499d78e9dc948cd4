"""Merge requests d'un trimestre et grille tarifaire : le coût des environnements de revue.

L'équipe produit du service « Rendez-vous en préfecture » (huit développeurs) a ouvert une
centaine de merge requests au premier trimestre 2026. Chaque merge request pourrait avoir
son environnement de revue éphémère ; la grille tarifaire donne le prix d'une heure
d'environnement et d'une minute de CI. Données et prix fictifs (des ordres de grandeur),
tirés avec une graine fixe.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path

from .common import write
from .seeded import Seeded

MODULE = "infrastructure-ephemere"
SEED = 142
START = datetime(2026, 1, 5)  # a Monday
END = datetime(2026, 4, 6)  # thirteen weeks later
AUTHORS = ("amina", "bastien", "chloe", "david", "elodie", "farid", "gaelle", "hugo")


def _working_time(moment: datetime, rng: Seeded) -> datetime:
    """Move a moment outside office hours to the next working morning."""
    if moment.weekday() < 5 and 9 <= moment.hour < 19:
        return moment
    day = moment.date() + timedelta(days=1 if moment.hour >= 19 else 0)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 9) + timedelta(minutes=rng.integer(0, 90))


def merge_requests_csv(seed: int = SEED) -> str:
    """Une ligne par merge request : ouverture, fermeture (vide si encore ouverte), état."""
    rng = Seeded(seed)
    rows = []
    day = START
    while day < END:
        if day.weekday() < 5:
            for _ in range(rng.integer(0, 4) + (1 if rng.chance(0.3) else 0)):
                opened = day + timedelta(hours=9, minutes=rng.integer(0, 9 * 60))
                if rng.chance(0.07):  # forgotten: the branch is left open for weeks
                    hours = rng.uniform(10 * 24, 30 * 24)
                else:
                    hours = min(rng.lognormal(20, 0.9), 9 * 24)
                closed = _working_time(opened + timedelta(hours=hours), rng)
                state = "fermee" if rng.chance(0.1) else "fusionnee"
                rows.append((opened, closed, state, rng.choice(AUTHORS)))
        day += timedelta(days=1)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["mr", "auteur", "ouverte_le", "fermee_le", "etat"])
    for number, (opened, closed, state, author) in enumerate(sorted(rows), start=201):
        still_open = closed >= END
        writer.writerow([number, author, opened.isoformat(timespec="minutes"),
                         "" if still_open else closed.isoformat(timespec="minutes"),
                         "ouverte" if still_open else state])
    return out.getvalue()


PRICE_GRID = """\
# Grille tarifaire indicative du kit (fictive) : des ordres de grandeur d'un cloud
# d'hébergement, pas les tarifs de Cloud π.
prix:
  vcpu_heure: 0.040      # euros par vCPU et par heure
  gio_heure: 0.0050      # euros par Gio de mémoire et par heure
  minute_ci: 0.012       # euros par minute de runner GitLab CI
environnement_revue:
  # Ce qu'un environnement de revue réserve (la somme des requests de ses pods).
  composants:
    - {nom: application (2 pods de 250m et 256 Mio), vcpu: 0.5, memoire_gio: 0.5}
    - {nom: base PostgreSQL de test (CloudNativePG), vcpu: 1.0, memoire_gio: 2.0}
    - {nom: cache Redis, vcpu: 0.25, memoire_gio: 0.5}
    - {nom: bouchons de FranceConnect et du service SMS, vcpu: 0.25, memoire_gio: 0.5}
  creation_minutes_ci: 9   # construction de l'image, scan, déploiement, données de test
periode:
  debut: "2026-01-05T00:00"
  fin: "2026-04-06T00:00"
duree_vie_max_h: 72        # un environnement oublié est détruit au bout de 72 heures
environnements_permanents_actuels: 3
"""


def generate(seed: int = SEED) -> dict[str, str]:
    """Les fichiers du module : nom -> contenu, toujours identiques."""
    return {"merge-requests.csv": merge_requests_csv(seed), "grille-tarifaire.yaml": PRICE_GRID}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
