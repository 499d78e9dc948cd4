"""La chaîne de valeur d'un changement du service « Rendez-vous en préfecture ».

Deux cartes de la chaîne de valeur (value stream maps) d'un changement, du ticket prêt à la
mise en production : avant l'automatisation (intégration manuelle, campagne de recette,
comité de changement, déploiement sur ticket) et après le passage sur la chaîne Cloud Pi
Native (GitLab CI, SonarQube, Kaniko, Harbor et Trivy, Argo CD). Les temps sont en heures
ouvrées. S'y ajoutent douze semaines de relevés de temps de l'équipe avant et après, et les
hypothèses économiques du retour sur investissement. Données fictives ; les relevés de temps
sont tirés avec une graine fixe.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .common import write
from .seeded import Seeded

MODULE = "automatisation-valeur"
SEED = 4021

MAP_BEFORE = """\
carte: avant
description: Chaîne de livraison d'un changement avant l'automatisation (2025)
unite: heures ouvrées
etapes:
  - nom: Développement
    acteur: équipe produit
    traitement_h: 16
    delai_h: 24
    ca_pct: 85
  - nom: Intégration manuelle des branches
    acteur: intégrateur
    traitement_h: 6
    delai_h: 40
    ca_pct: 60
  - nom: Construction du paquet
    acteur: intégrateur
    traitement_h: 2
    delai_h: 14
    ca_pct: 90
  - nom: Campagne de recette manuelle
    acteur: équipe de recette
    traitement_h: 12
    delai_h: 45
    ca_pct: 70
  - nom: Revue de sécurité
    acteur: RSSI
    traitement_h: 4
    delai_h: 34
    ca_pct: 85
  - nom: Comité de changement
    acteur: direction de la production
    traitement_h: 1
    delai_h: 38
    ca_pct: 95
  - nom: Déploiement manuel sur ticket
    acteur: exploitation
    traitement_h: 3
    delai_h: 21
    ca_pct: 80
"""

MAP_AFTER = """\
carte: apres
description: Chaîne de livraison d'un changement sur Cloud Pi Native (2026)
unite: heures ouvrées
etapes:
  - nom: Développement et tests unitaires
    acteur: équipe produit
    traitement_h: 16
    delai_h: 20
    ca_pct: 92
  - nom: Intégration continue (GitLab CI, SonarQube)
    acteur: chaîne automatisée
    traitement_h: 0.5
    delai_h: 2
    ca_pct: 95
  - nom: Construction et scan de l'image (Kaniko, Harbor, Trivy)
    acteur: chaîne automatisée
    traitement_h: 0.3
    delai_h: 0.5
    ca_pct: 98
  - nom: Tests automatisés et recette ciblée en environnement de revue
    acteur: équipe produit
    traitement_h: 3
    delai_h: 8
    ca_pct: 92
  - nom: Contrôles de sécurité automatisés et revue légère
    acteur: RSSI
    traitement_h: 1
    delai_h: 6
    ca_pct: 95
  - nom: Déploiement GitOps (Argo CD)
    acteur: chaîne automatisée
    traitement_h: 0.2
    delai_h: 1.5
    ca_pct: 99
"""

HYPOTHESES = """\
# Hypothèses économiques du passage sur la chaîne automatisée (montants en euros).
changements_par_an: 120      # volume de changements, supposé constant
cout_horaire: 62             # coût complet d'une heure de travail (salaire chargé, poste)
investissement:
  - poste: Accompagnement à la mise en place des pipelines (40 jours)
    montant: 30000
  - poste: Formation de l'équipe (8 personnes, 3 jours)
    montant: 9600
  - poste: Temps de l'équipe pour migrer les tests et les manifestes (600 h)
    montant: 37200
  - poste: Environnements de revue et données de test
    montant: 8000
couts_annuels:
  - poste: Maintenance des pipelines et des tests automatisés (250 h)
    montant: 15500
  - poste: Runners de CI et stockage des images
    montant: 4200
"""

CATEGORIES = ("fonctionnalites", "debogage_integration", "deploiement_manuel", "incidents",
              "maintenance_chaine")
# Mean weekly hours of the team (8 people, about 260 hours a week), before and after.
ALLOCATION = {
    "avant": (98, 70, 38, 44, 0),
    "apres": (170, 18, 4, 30, 28),
}


def timesheets_csv(seed: int = SEED) -> str:
    """Heures hebdomadaires de l'équipe par catégorie, douze semaines avant et après."""
    rng = Seeded(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["semaine", "periode", "categorie", "heures"])
    for period, first_week in (("avant", 36), ("apres", 10)):
        year = 2025 if period == "avant" else 2026
        for offset in range(12):
            week = f"{year}-S{first_week + offset:02d}"
            for category, mean in zip(CATEGORIES, ALLOCATION[period], strict=True):
                hours = max(0.0, round(mean * rng.uniform(0.75, 1.25) * 2) / 2) if mean else 0.0
                writer.writerow([week, period, category, f"{hours:.1f}"])
    return out.getvalue()


def generate(seed: int = SEED) -> dict[str, str]:
    """Les fichiers du module : nom -> contenu, toujours identiques."""
    return {"carte-avant.yaml": MAP_BEFORE, "carte-apres.yaml": MAP_AFTER,
            "releves-temps.csv": timesheets_csv(seed), "hypotheses-roi.yaml": HYPOTHESES}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
