"""Inventaire de la suite de tests de l'API « rdv-prefecture » (module automatisation-des-tests).

Une ligne par test : identifiant, fichier, niveau (unitaire, integration, bout-en-bout),
durée moyenne en secondes et nombre d'échecs sur les 30 dernières exécutions sans changement
de code (un test qui échoue ainsi est « instable »). La suite ressemble à celle d'un projet
qui a automatisé d'anciens scénarios de recette : beaucoup de tests de bout en bout, lents.
"""

from __future__ import annotations

import random
from pathlib import Path

from .common import records_csv, write

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
    _away_from_rounding_edges(found)
    generator.shuffle(found)
    return found


def _cents(rows: list[dict]) -> int:
    return sum(round(float(r["duree_s"]) * 100) for r in rows)


def _away_from_rounding_edges(found: list[dict]) -> None:
    """Nudge a duration by 0.01 s where a total the exercises round (per level to 0.1 s, the
    per-commit tests to 0.1 min) would sit on a rounding edge: float sums made in another
    order must round the same way."""
    def commit(row: dict) -> bool:
        return row["echecs_30j"] < 2 and row["niveau"] != "bout-en-bout"

    for level in PLAN:
        rows = [r for r in found if r["niveau"] == level]
        while _cents(rows) % 10 in (4, 5, 6):
            rows[0]["duree_s"] = f"{float(rows[0]['duree_s']) + 0.01:.2f}"
    rows = [r for r in found if commit(r)]
    while abs(_cents(rows) / 600 % 1 - 0.5) < 0.05:  # tenths of a minute
        rows[-1]["duree_s"] = f"{float(rows[-1]['duree_s']) + 0.01:.2f}"


def generate() -> dict[str, str]:
    """Le fichier CSV du jeu de données (nom -> contenu), toujours identique."""
    return {FILE: records_csv([{c: r[c] for c in COLUMNS} for r in rows()])}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
