"""Le dossier d'investissement de la migration de « Rendez-vous en préfecture » vers Cloud Pi
Native, préparé à l'automne 2025 pour le sponsor.

Trois fichiers pour le module argumenter-aupres-du-sponsor :

- couts_projet.csv : les postes de coût du projet (TTC), leur catégorie et leur année ;
- exploitation.csv : le coût annuel de chaque poste d'exploitation, avant et après la
  migration (euros par an, en régime de croisière) ;
- hypotheses.yaml : horizon, taux d'actualisation, montée en charge des gains, scénario
  pessimiste.

Chiffres d'un cas d'école, ordres de grandeur plausibles pour un service public national de
taille moyenne ; écrits à la main, sans hasard.
"""

from __future__ import annotations

from pathlib import Path

from .common import render_csv, write

MODULE = "argumenter-aupres-du-sponsor"
COSTS = [
    ("Prestation de migration : conteneurisation, chaîne DevSecOps, tests",
     "prestation de migration", 2026, 240_000),
    ("Renfort : deux développeurs contractuels pendant six mois", "renfort de l'équipe", 2026,
     110_000),
    ("Formation de l'équipe produit (parcours Cloud Pi Native, Kubernetes)",
     "formation et acculturation", 2026, 28_000),
    ("Acculturation des métiers et de la direction", "formation et acculturation", 2026, 12_000),
    ("Accompagnement à la conduite du changement", "accompagnement", 2026, 45_000),
    ("Licences d'un outil de tests de charge", "licences et logiciels", 2026, 18_000),
    ("Ressources cloud pendant la double exploitation", "ressources cloud", 2026, 36_000),
    ("Refonte de l'écran de déplacement des rendez-vous", "évolutions fonctionnelles", 2026,
     60_000),
    ("Postes de développement", "matériel", 2026, 14_000),
    ("Seconde vague : migration du back-office des agents", "prestation de migration", 2027,
     90_000),
    ("Formation des nouveaux arrivants", "formation et acculturation", 2027, 8_000),
]
RUN = [
    ("Hébergement sur machines virtuelles dédiées", 96_000, 0),
    ("Redevance Cloud Pi Native (quota de calcul, services de la chaîne)", 0, 42_000),
    ("Exploitation : mises en production manuelles, astreintes", 85_000, 20_000),
    ("Tierce maintenance applicative (correctifs)", 120_000, 80_000),
    ("Indisponibilités : heures d'incident × coût pour le service", 64_000, 16_000),
    ("Centre de contact : appels évitables", 180_000, 140_000),
]
ASSUMPTIONS = """\
# Hypothèses du dossier (validées avec le contrôle de gestion du ministère)
horizon: [2026, 2027, 2028, 2029, 2030]   # années étudiées
taux_actualisation: 0.04                    # taux annuel pour actualiser les flux futurs
montee_en_charge:                           # part des gains annuels obtenue chaque année
  2026: 0.25                                # migration au printemps : un quart de l'année
  2027: 0.75                                # back-office migré en cours d'année
scenario_pessimiste:                        # multiplicateurs
  gains: 0.7                                # gains inférieurs de 30 %
  couts: 1.2                                # coûts du projet supérieurs de 20 %
"""


def generate() -> dict[str, str]:
    """Les trois fichiers (nom -> contenu), toujours identiques."""
    return {
        "couts_projet.csv": render_csv(["poste", "categorie", "annee", "montant_ttc"],
                                       [list(c) for c in COSTS]),
        "exploitation.csv": render_csv(["poste", "avant", "apres"], [list(r) for r in RUN]),
        "hypotheses.yaml": ASSUMPTIONS,
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/argumenter-aupres-du-sponsor/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
