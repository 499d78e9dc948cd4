"""Mesures de latence du guichet de prise de rendez-vous, en qualification.

Le jeu de données imite dix minutes d'un test de charge sur l'environnement de qualification :
une ligne par requête (horodatage, endpoint, statut HTTP, durée en millisecondes). Entre la
4e et la 5e minute, la base de données ralentit : les réservations deviennent lentes et
quelques-unes échouent, ce qui se voit dans les percentiles élevés.

Le générateur n'utilise que `random.Random` avec une graine fixe : mêmes données sur toutes
les machines et toutes les versions des bibliothèques.

    python -m cpnkit.datasets.latences
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta
from pathlib import Path

from .common import write

MODULE = "tests-unitaires-fonctionnels-performance"
SEED = 2026
START = datetime(2026, 11, 17, 14, 0, 0)
DURATION_S = 600
INCIDENT = (240, 300)  # seconds after START: the database slows down
FILE_NAME = "latences.csv"
COLUMNS = ("horodatage", "endpoint", "statut", "duree_ms")

# endpoint: (share of the traffic, median in ms, spread of the log-normal law)
ENDPOINTS = {
    "GET /creneaux": (0.62, 70.0, 0.45),
    "POST /reservations": (0.28, 140.0, 0.40),
    "GET /sante": (0.10, 3.0, 0.30),
}
REQUESTS_PER_SECOND = 7


def _status(rng: random.Random, endpoint: str, incident: bool) -> int:
    draw = rng.random()
    if endpoint == "POST /reservations":
        if incident and draw < 0.06:
            return rng.choice((500, 503))
        if draw < 0.004:
            return 500
        if draw < 0.06:
            return rng.choice((400, 409, 422))
        return 201
    if endpoint == "GET /creneaux":
        if draw < 0.002:
            return 503
        if draw < 0.02:
            return 400
    return 200


def _duration(rng: random.Random, endpoint: str, incident: bool) -> float:
    _, median, spread = ENDPOINTS[endpoint]
    value = median * rng.lognormvariate(0, spread)
    if incident and endpoint != "GET /sante":
        value *= 2.5 if endpoint == "POST /reservations" else 1.4
    if rng.random() < 0.01:  # rare slow requests: garbage collection, cold cache
        value *= rng.uniform(3, 6)
    return round(value, 1)


def rows() -> list[dict[str, object]]:
    """Les mesures, dans l'ordre chronologique."""
    rng = random.Random(SEED)
    names, weights = list(ENDPOINTS), [share for share, _, _ in ENDPOINTS.values()]
    result = []
    for second in range(DURATION_S):
        incident = INCIDENT[0] <= second < INCIDENT[1]
        for _ in range(REQUESTS_PER_SECOND + rng.randint(-2, 2)):
            endpoint = rng.choices(names, weights)[0]
            moment = START + timedelta(seconds=second, milliseconds=rng.randint(0, 999))
            result.append({
                "horodatage": moment.isoformat(timespec="milliseconds"),
                "endpoint": endpoint,
                "statut": _status(rng, endpoint, incident),
                "duree_ms": _duration(rng, endpoint, incident),
            })
    result.sort(key=lambda row: row["horodatage"])
    return result


def csv_text() -> str:
    """Le fichier CSV complet (séparateur virgule, fins de ligne Unix)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())
    return buffer.getvalue()


def generate() -> dict[str, str]:
    """Le fichier du jeu de données (nom -> contenu), toujours identique."""
    return {FILE_NAME: csv_text()}


def write_files(folder: Path | None = None) -> Path:
    """Écrire `latences.csv` dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
