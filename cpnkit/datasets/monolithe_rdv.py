"""Jeu de données du module « principes-microservices » : le monolithe « Rendez-vous en
préfecture » et quatre autres projets.

Trois fichiers :

- `modules.yaml` : les dix modules du monolithe (description, équipe, tables écrites et
  lues) et le parcours synchrone « prendre un rendez-vous » (appels appelant → appelé) ;
- `commits.csv` : un an de commits (identifiant, date, modules touchés séparés par « ; ») ;
- `projets.yaml` : cinq applications du ministère et ce qui pourrait justifier, ou non, de
  les découper en microservices.

Régénérer : `python -m cpnkit.datasets.monolithe_rdv [dossier]`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml

from .common import records_csv, write

MODULE = "principes-microservices"
SEED = 20261102

MODULES = [
    ("reservation", "Prise, modification et annulation des rendez-vous", "rdv-usagers",
     ["rendez_vous"], ["creneau", "usager", "demarche"]),
    ("creneaux", "Calcul et réservation des créneaux disponibles", "rdv-usagers",
     ["creneau"], ["agent"]),
    ("agenda-agents", "Planning des agents des guichets, absences, fermetures", "rdv-usagers",
     ["creneau", "agent"], []),
    ("usagers", "Comptes usagers, connexion FranceConnect", "rdv-usagers",
     ["usager"], []),
    ("catalogue-demarches", "Démarches proposées, pièces demandées, durées", "titres-agents",
     ["demarche"], []),
    ("administration", "Back-office des préfectures : paramétrage des démarches",
     "titres-agents", ["demarche", "parametre"], ["agent"]),
    ("pieces-justificatives", "Dépôt des pièces, contrôle antivirus, stockage",
     "titres-agents", ["piece"], ["rendez_vous"]),
    ("paiement-timbre", "Vérification du timbre fiscal électronique", "titres-agents",
     ["paiement"], ["rendez_vous"]),
    ("notifications", "Courriels et SMS de confirmation et de rappel", "notifications",
     ["notification"], ["rendez_vous", "usager"]),
    ("statistiques", "Indicateurs de fréquentation pour les préfectures", "titres-agents",
     ["indicateur"], ["rendez_vous", "creneau", "demarche"]),
]

JOURNEY = [
    ("reservation", "usagers"), ("reservation", "catalogue-demarches"),
    ("reservation", "creneaux"), ("creneaux", "agenda-agents"),
    ("reservation", "pieces-justificatives"), ("reservation", "paiement-timbre"),
    ("reservation", "creneaux"), ("reservation", "notifications"),
]

# kinds of change: weight, and the sets of modules such a change touches (equally likely)
CHANGES = [
    (22, [["creneaux", "agenda-agents"], ["creneaux", "agenda-agents", "reservation"],
          ["creneaux", "reservation"], ["creneaux", "agenda-agents"], ["agenda-agents"]]),
    (12, [["catalogue-demarches", "administration"], ["catalogue-demarches", "administration"],
          ["administration"], ["catalogue-demarches"],
          ["catalogue-demarches", "administration"]]),
    (9, [["usagers"]]),
    (7, [["notifications"], ["notifications", "reservation"], ["notifications"]]),
    (7, [["pieces-justificatives"], ["pieces-justificatives", "reservation"],
         ["pieces-justificatives"]]),
    (5, [["paiement-timbre"], ["paiement-timbre", "reservation"], ["paiement-timbre"]]),
    (8, [["statistiques"], ["statistiques", "creneaux"], ["statistiques", "administration"],
         ["statistiques"]]),
    (6, [["reservation"]]),
]

PROJECTS = [
    {"id": "rdv-prefecture", "description": "Rendez-vous en préfecture (ce module)",
     "equipes": 3, "domaine_stable": True, "besoins_charge_differents": True,
     "livraisons_bloquees_par_mois": 3,
     "constat": "La recherche de créneaux subit un pic à 8 h ; le back-office est calme."},
    {"id": "annuaire-interne", "description": "Annuaire des services de la direction",
     "equipes": 1, "domaine_stable": True, "besoins_charge_differents": False,
     "livraisons_bloquees_par_mois": 0,
     "constat": "Une équipe de quatre personnes, quelques centaines d'agents utilisateurs."},
    {"id": "declaration-evenements", "description": "Déclaration en ligne des manifestations "
     "publiques (nouveau service, phase MVP)", "equipes": 1, "domaine_stable": False,
     "besoins_charge_differents": False, "livraisons_bloquees_par_mois": 0,
     "constat": "Le périmètre change à chaque atelier avec les préfectures pilotes."},
    {"id": "portail-subventions", "description": "Portail des subventions aux associations",
     "equipes": 3, "domaine_stable": True, "besoins_charge_differents": False,
     "livraisons_bloquees_par_mois": 5,
     "constat": "Trois équipes livrent le même artefact ; chaque livraison attend les autres."},
    {"id": "teleservice-permis", "description": "Suivi des demandes de permis de conduire",
     "equipes": 2, "domaine_stable": True, "besoins_charge_differents": False,
     "livraisons_bloquees_par_mois": 0,
     "constat": "Deux équipes sur des parties bien séparées du code ; aucune gêne signalée."},
]


def architecture() -> dict:
    """Le contenu de `modules.yaml`."""
    return {"modules": [{"id": i, "description": d, "equipe": e, "tables_ecrites": w,
                         "tables_lues": r} for i, d, e, w, r in MODULES],
            "parcours": [{"appelant": a, "appele": b} for a, b in JOURNEY]}


def commits(rng: random.Random, count: int = 280) -> list[dict]:
    weights = [w for w, _ in CHANGES]
    rows = []
    start = date(2025, 11, 3)
    for _ in range(count):
        _, options = rng.choices(CHANGES, weights=weights)[0]
        touched = rng.choice(options)
        day = start + timedelta(days=rng.randrange(365))
        rows.append({"date": day.isoformat(), "modules": ";".join(sorted(touched)),
                     "commit": f"{rng.getrandbits(28):07x}"})
    rows.sort(key=lambda r: (r["date"], r["commit"]))
    return [{"commit": r["commit"], "date": r["date"], "modules": r["modules"]} for r in rows]


def generate() -> dict[str, str]:
    """Les trois fichiers du jeu de données (nom -> contenu), toujours identiques."""
    rng = random.Random(SEED)
    dump = {"allow_unicode": True, "sort_keys": False, "width": 100}
    return {
        "modules.yaml": yaml.safe_dump(architecture(), **dump),
        "commits.csv": records_csv(commits(rng)),
        "projets.yaml": yaml.safe_dump({"projets": PROJECTS}, **dump),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
