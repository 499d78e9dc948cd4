"""Journal horaire de l'API du portail de prise de rendez-vous en préfecture (novembre 2026).

Une ligne par heure pendant 30 jours : nombre de requêtes, réponses en erreur (5xx) et
réponses lentes (plus de 300 ms). Le mois contient un incident (le 23, de 14 h à 17 h) et une
dégradation pendant les dernières 24 heures. Le module « tests-de-performance-plateforme » en
tire les SLI, le budget d'erreur et le taux de combustion.

Fabriqué avec une graine fixe : `python -m cpnkit.datasets.journal_api` réécrit exactement le
fichier versionné.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta
from pathlib import Path

from .common import write

MODULE = "tests-de-performance-plateforme"
FILE_NAME = "journal-api.csv"
SEED = 20261130
START = datetime(2026, 11, 1)
HOURS = 30 * 24
INCIDENT = (datetime(2026, 11, 23, 14), datetime(2026, 11, 23, 17))
COLUMNS = ["heure", "requetes", "erreurs_5xx", "lentes"]


def _traffic(moment: datetime, rng: random.Random) -> int:
    """Requests in one hour: office hours on weekdays, quieter nights and weekends."""
    office = 8 <= moment.hour < 19
    base = 5200 if office else 600
    if moment.weekday() >= 5:
        base //= 3
    return max(50, round(base * rng.uniform(0.8, 1.2)))


def _rates(moment: datetime) -> tuple[float, float]:
    """(error rate, slow rate) of the hour."""
    if INCIDENT[0] <= moment < INCIDENT[1]:
        return 0.25, 0.40
    if moment >= START + timedelta(hours=HOURS - 24):
        return 0.015, 0.06
    return 0.0006, 0.025


def rows(seed: int = SEED) -> list[dict[str, object]]:
    """Les lignes du journal, dans l'ordre des heures."""
    rng = random.Random(seed)
    result = []
    for hour in range(HOURS):
        moment = START + timedelta(hours=hour)
        requests = _traffic(moment, rng)
        error_rate, slow_rate = _rates(moment)
        errors = min(requests, max(0, round(requests * error_rate * rng.uniform(0.5, 1.5))))
        slow = min(requests, max(0, round(requests * slow_rate * rng.uniform(0.7, 1.3))))
        result.append({"heure": moment.strftime("%Y-%m-%dT%H:00"), "requetes": requests,
                       "erreurs_5xx": errors, "lentes": slow})
    return result


def render(seed: int = SEED) -> str:
    """Le fichier CSV, en texte (séparateur virgule, fin de ligne \\n)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(seed))
    return buffer.getvalue()


def generate() -> dict[str, str]:
    """Les fichiers du jeu de données (nom -> contenu), toujours identiques."""
    return {FILE_NAME: render()}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
