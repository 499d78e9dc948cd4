"""Mesures de deux déploiements canary de rdv-front (module canary-releases).

Pour chaque version candidate, deux heures de fenêtres de 5 minutes pendant lesquelles le
canary reçoit environ 10 % du trafic : requêtes et erreurs (réponses 5xx) de la version stable
et du canary. La version 1.27.5 se dégrade au bout d'une demi-heure (des erreurs de plus en
plus fréquentes) ; la version 1.28.0 se comporte comme la version stable.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from .common import records_csv, write

SEED = 20260401
MODULE = "canary-releases"
WINDOWS = 24  # two hours of 5-minute windows
COLUMNS = ["fenetre", "version", "requetes", "erreurs"]
CANDIDATES = {
    # version: (start of the observation, error rate over time)
    "1.27.5": (datetime(2026, 4, 1, 9, 0),
               lambda i: 0.004 if i < 6 else min(0.045, 0.012 + 0.003 * (i - 6))),
    "1.28.0": (datetime(2026, 4, 2, 9, 0), lambda i: 0.005),
}
STABLE_RATE = 0.004


def file_name(version: str) -> str:
    return f"canary-{version}.csv"


def _errors(generator: random.Random, requests: int, rate: float) -> int:
    return sum(1 for _ in range(requests) if generator.random() < rate)


def rows(version: str, seed: int = SEED) -> list[dict]:
    """Les fenêtres d'observation d'une version candidate (stable et canary)."""
    start, canary_rate = CANDIDATES[version]
    generator = random.Random(f"{seed}-{version}")
    found = []
    for index in range(WINDOWS):
        moment = start + index * timedelta(minutes=5)
        total = int(1000 * (1 + 0.25 * generator.uniform(-1, 1)))
        canary = sum(1 for _ in range(total) if generator.random() < 0.1)
        for name, requests, rate in (("stable", total - canary, STABLE_RATE),
                                     ("canary", canary, canary_rate(index))):
            found.append({"fenetre": moment.isoformat(timespec="minutes"), "version": name,
                          "requetes": requests, "erreurs": _errors(generator, requests, rate)})
    return found


def generate() -> dict[str, str]:
    """Un fichier CSV par version candidate (nom -> contenu), toujours identique."""
    return {file_name(version): records_csv([{c: r[c] for c in COLUMNS} for r in rows(version)])
            for version in CANDIDATES}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
