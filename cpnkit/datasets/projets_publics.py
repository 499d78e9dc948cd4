"""Projets numériques publics fictifs, pour le module « Pourquoi Cloud Pi Native ? ».

Quarante-huit projets de ministères, conduits « en mode projet » (un cahier des charges, une
livraison à la fin) ou « en mode produit » (une équipe durable, des livraisons fréquentes),
avec ou sans usagers associés. Les tendances sont voulues, le bruit aussi : le mode produit
livre plus vite et plus souvent, et les projets qui n'associent pas leurs usagers sont plus
souvent abandonnés. Tout est tiré au sort avec une graine fixe : relancer le générateur
redonne exactement le même fichier.

    python -m cpnkit.datasets.projets_publics
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .common import render_csv, write

MODULE = "pourquoi-cloud-pi-native"
SEED = 20260401
COUNT = 48
FILE_NAME = "projets.csv"
MINISTRIES = ["Intérieur", "Justice", "Armées", "Économie", "Santé", "Éducation"]
COLUMNS = ["id", "ministere", "mode", "usagers_associes", "delai_jours",
           "mises_en_production_par_an", "satisfaction_usagers", "abandonne"]


def rows() -> list[dict]:
    """Les projets, une ligne par projet, toujours les mêmes."""
    rng = np.random.default_rng(SEED)
    projects = []
    for index in range(1, COUNT + 1):
        product = bool(rng.random() < 0.5)
        users = bool(rng.random() < (0.7 if product else 0.4))
        lead_time = rng.lognormal(np.log(18 if product else 110), 0.45)
        releases = rng.integers(20, 90) if product else rng.integers(1, 6)
        satisfaction = 4.2 + 2.2 * users + 1.0 * product + rng.normal(0, 1.0)
        abandoned = rng.random() < 0.08 + 0.35 * (not users) + 0.1 * (not product)
        projects.append({
            "id": f"P{index:02d}",
            "ministere": MINISTRIES[int(rng.integers(0, len(MINISTRIES)))],
            "mode": "produit" if product else "projet",
            "usagers_associes": "oui" if users else "non",
            "delai_jours": int(round(lead_time)),
            "mises_en_production_par_an": int(releases),
            "satisfaction_usagers": f"{min(10.0, max(0.0, satisfaction)):.1f}",
            "abandonne": "oui" if abandoned else "non",
        })
    return projects


def generate() -> dict[str, str]:
    """Le fichier (nom -> contenu CSV), toujours identique."""
    return {FILE_NAME: render_csv(COLUMNS, [[row[c] for c in COLUMNS] for row in rows()])}


def write_files(folder: Path | None = None) -> Path:
    """Écrire le fichier dans notebooks/pourquoi-cloud-pi-native/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
