"""Jeu de données du module « mvp-et-hypotheses » : un test A/B sur la prise de rendez-vous.

Le service « Rendez-vous en préfecture » teste pendant deux semaines un produit minimum
viable : un formulaire en trois étapes, prérempli grâce à FranceConnect (variante B), contre
le formulaire actuel en cinq étapes (variante A). Un interrupteur de fonctionnalité
(feature toggle) envoie chaque session sur l'une des deux variantes, au hasard.

Colonnes de `sessions_ab.csv` :
  session     identifiant de la session ;
  jour        date (AAAA-MM-JJ) ;
  variante    A (formulaire actuel) ou B (MVP) ;
  appareil    mobile ou ordinateur ;
  termine     1 si l'usager a obtenu son rendez-vous, 0 sinon ;
  assistance  1 si l'usager a ensuite contacté l'assistance (formulaire de contact), 0 sinon ;
  duree_s     durée de la session en secondes.

Régénérer : `python -m cpnkit.datasets.ab_rendez_vous [dossier]`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from .common import records_csv, write

MODULE = "mvp-et-hypotheses"
SEED = 20260907
START = date(2026, 9, 7)
DAYS = 14
COMPLETION = {("A", "mobile"): 0.50, ("A", "ordinateur"): 0.69,
              ("B", "mobile"): 0.60, ("B", "ordinateur"): 0.70}
ASSISTANCE = {("A", 1): 0.03, ("A", 0): 0.15, ("B", 1): 0.03, ("B", 0): 0.16}


def rows(seed: int = SEED) -> list[dict]:
    """Les sessions, dans l'ordre chronologique (déterministe pour une graine donnée)."""
    rng = random.Random(seed)
    result = []
    for offset in range(DAYS):
        day = START + timedelta(days=offset)
        volume = rng.randint(120, 170) if day.weekday() >= 5 else rng.randint(290, 350)
        for _ in range(volume):
            variant = rng.choice("AB")
            device = "mobile" if rng.random() < 0.62 else "ordinateur"
            done = int(rng.random() < COMPLETION[(variant, device)])
            helped = int(rng.random() < ASSISTANCE[(variant, done)])
            if done:
                mean = 430 if variant == "A" else 290
                duration = max(60, round(rng.gauss(mean, mean * 0.3)))
            else:
                duration = max(10, round(rng.expovariate(1 / 150)))
            result.append({"session": f"s{len(result) + 1:05d}", "jour": day.isoformat(),
                           "variante": variant, "appareil": device, "termine": done,
                           "assistance": helped, "duree_s": duration})
    return result


def generate() -> dict[str, str]:
    """Le fichier `sessions_ab.csv` (nom -> contenu), toujours identique."""
    return {"sessions_ab.csv": records_csv(rows())}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
