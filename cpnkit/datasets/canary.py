"""Mesures de deux déploiements canary de rdv-front (module canary-releases).

Pour chaque version candidate, deux heures de fenêtres de 5 minutes pendant lesquelles le
canary reçoit environ 10 % du trafic : requêtes et erreurs (réponses 5xx) de la version stable
et du canary. La version 1.27.5 se dégrade au bout d'une demi-heure (des erreurs de plus en
plus fréquentes) ; la version 1.28.0 se comporte comme la version stable.
"""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

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


def write(directory: Path) -> list[Path]:
    """Écrire un fichier CSV par version candidate dans `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for version in CANDIDATES:
        path = directory / file_name(version)
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows(version))
        written.append(path)
    return written


def main() -> None:
    target = Path(__file__).resolve().parents[2] / "notebooks" / MODULE
    for path in write(target):
        print(path)


if __name__ == "__main__":
    main()
