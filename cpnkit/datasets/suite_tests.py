"""Inventaire de la suite de tests de l'API « rdv-prefecture » (module automatisation-des-tests).

Une ligne par test : identifiant, fichier, niveau (unitaire, integration, bout-en-bout),
durée moyenne en secondes et nombre d'échecs sur les 30 dernières exécutions sans changement
de code (un test qui échoue ainsi est « instable »). La suite ressemble à celle d'un projet
qui a automatisé d'anciens scénarios de recette : beaucoup de tests de bout en bout, lents.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 20260314
MODULE = "automatisation-des-tests"
FILE = "suite-tests.csv"
COLUMNS = ["id", "fichier", "niveau", "duree_s", "echecs_30j"]

# level: (count, files, (min, max) duration in seconds, chance of being flaky)
PLAN = {
    "unitaire": (84, ["creneaux", "dossiers", "notifications", "calendrier", "usagers"],
                 (0.01, 0.25), 0.02),
    "integration": (37, ["api_rendez_vous", "base_de_donnees", "file_de_messages"],
                    (0.6, 4.5), 0.08),
    "bout-en-bout": (52, ["parcours_usager", "parcours_agent", "parcours_administrateur"],
                     (18.0, 95.0), 0.25),
}
PREFIX = {"unitaire": "tests/unit", "integration": "tests/integration",
          "bout-en-bout": "tests/e2e"}


def rows(seed: int = SEED) -> list[dict]:
    """Les lignes du jeu de données, toujours les mêmes pour une même graine."""
    generator = random.Random(seed)
    found = []
    for level, (count, files, (low, high), flaky) in PLAN.items():
        for number in range(1, count + 1):
            name = generator.choice(files)
            failures = generator.randint(2, 9) if generator.random() < flaky else (
                1 if generator.random() < 0.05 else 0)
            found.append({
                "id": f"{level[:3].upper()}-{number:03d}",
                "fichier": f"{PREFIX[level]}/test_{name}.py",
                "niveau": level,
                "duree_s": f"{generator.uniform(low, high):.2f}",
                "echecs_30j": failures,
            })
    generator.shuffle(found)
    return found


def write(directory: Path) -> list[Path]:
    """Écrire le fichier CSV dans `directory` ; renvoie les chemins écrits."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FILE
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())
    return [path]


def main() -> None:
    target = Path(__file__).resolve().parents[2] / "notebooks" / MODULE
    for path in write(target):
        print(path)


if __name__ == "__main__":
    main()
