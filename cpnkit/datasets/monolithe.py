"""Le monolithe « Démarches en ligne » d'une préfecture : ses modules et leurs appels.

Deux fichiers pour le module « microservices-introduction » :

- `modules.csv` : un module par ligne, avec l'équipe qui le maintient, sa taille (lignes de
  code), son rythme de changement (commits des 6 derniers mois), son pic de charge (requêtes
  par seconde) et les tables de la base de données qu'il lit ou écrit (séparées par « ; ») ;
- `appels.csv` : les appels internes mesurés entre modules (appelant, appelé, appels par jour),
  tels qu'un outil de traçage les relève dans le monolithe.

Les valeurs sont tirées autour de profils choisis avec une graine fixe :
`python -m cpnkit.datasets.monolithe` réécrit exactement les fichiers versionnés.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from .common import write

MODULE = "microservices-introduction"
SEED = 20261102
MODULE_COLUMNS = ["module", "equipe", "lignes_de_code", "commits_6_mois", "pic_requetes_s",
                  "tables"]
CALL_COLUMNS = ["appelant", "appele", "appels_par_jour"]

# module: (team, lines of code, commits in 6 months, peak requests per second, tables)
PROFILES = {
    "authentification": ("socle", 6_500, 12, 260, ["comptes", "sessions"]),
    "usagers": ("socle", 9_800, 25, 60, ["usagers"]),
    "rendez-vous": ("rdv", 21_000, 140, 220, ["rendez_vous", "creneaux"]),
    "agenda-guichets": ("rdv", 7_200, 30, 20, ["creneaux", "guichets"]),
    "titres-sejour": ("titres", 38_000, 95, 40, ["dossiers", "decisions"]),
    "documents": ("titres", 12_500, 40, 90, ["pieces"]),
    "paiement": ("paiement", 8_300, 82, 35, ["paiements"]),
    "notifications": ("socle", 4_100, 55, 400, ["envois"]),
    "statistiques": ("pilotage", 5_600, 20, 5, ["indicateurs", "rendez_vous", "dossiers",
                                                 "paiements"]),
    "administration": ("pilotage", 11_000, 35, 8, ["parametres"]),
    "referentiel": ("socle", 2_300, 4, 120, ["communes"]),
}
# caller -> callees, with a typical number of calls per day
CALLS = {
    "authentification": {"usagers": 90_000},
    "usagers": {"referentiel": 40_000},
    "rendez-vous": {"authentification": 120_000, "usagers": 80_000, "agenda-guichets": 150_000,
                    "notifications": 30_000, "referentiel": 60_000},
    "agenda-guichets": {},
    "titres-sejour": {"documents": 25_000, "paiement": 8_000, "notifications": 9_000,
                      "usagers": 20_000, "rendez-vous": 5_000},
    "documents": {"titres-sejour": 12_000},
    "paiement": {"notifications": 7_500, "usagers": 7_000},
    "notifications": {"usagers": 45_000},
    "statistiques": {"rendez-vous": 300, "titres-sejour": 200, "paiement": 100},
    "administration": {"agenda-guichets": 900, "referentiel": 400, "usagers": 600},
    "referentiel": {},
}


def _jitter(rng: random.Random, value: int, spread: float) -> int:
    return max(1, round(value * rng.uniform(1 - spread, 1 + spread)))


def tables(seed: int = SEED) -> tuple[list[dict], list[dict]]:
    """Les lignes des deux fichiers : (modules, appels)."""
    rng = random.Random(seed)
    modules = []
    for name, (team, lines, commits, peak, used) in PROFILES.items():
        modules.append({"module": name, "equipe": team,
                        "lignes_de_code": _jitter(rng, lines, 0.15),
                        "commits_6_mois": _jitter(rng, commits, 0.05),
                        "pic_requetes_s": _jitter(rng, peak, 0.05),
                        "tables": ";".join(used)})
    calls = [{"appelant": caller, "appele": callee,
              "appels_par_jour": _jitter(rng, count, 0.2)}
             for caller, callees in CALLS.items() for callee, count in callees.items()]
    return modules, calls


def _csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def render(seed: int = SEED) -> dict[str, str]:
    """Le contenu des deux fichiers CSV, par nom de fichier."""
    modules, calls = tables(seed)
    return {"modules.csv": _csv(modules, MODULE_COLUMNS), "appels.csv": _csv(calls, CALL_COLUMNS)}


def generate() -> dict[str, str]:
    """Les fichiers du jeu de données (nom -> contenu), toujours identiques."""
    return render()


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
