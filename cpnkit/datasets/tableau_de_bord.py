"""Jeu de données du module « decisions-fondees-sur-les-donnees ».

Six mois de pilotage du service « Rendez-vous en préfecture » après son arrivée sur Cloud Pi
Native. Trois fichiers :

- `metriques_hebdo.csv` : une ligne par semaine (lundi de la semaine) ; livraison
  (déploiements, délai de mise en production médian en heures, taux d'échec des changements,
  temps de restauration médian en heures), production (disponibilité, latence p95 en ms, taux
  d'erreur), usagers (satisfaction sur 5) et qualité (vulnérabilités critiques ouvertes selon
  Trivy, couverture de tests selon SonarQube) ;
- `seuils.yaml` : pour chaque indicateur, son libellé, son sens (« haut » : plus c'est haut,
  mieux c'est ; « bas » : l'inverse) et ses seuils vert et rouge ; puis les critères de
  passage en production (go / no-go) ;
- `candidats.csv` : les versions candidates à la mise en production et leurs mesures en
  préproduction.

Régénérer : `python -m cpnkit.datasets.tableau_de_bord [dossier]`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml

from .common import records_csv, write

MODULE = "decisions-fondees-sur-les-donnees"
SEED = 20260504
START = date(2026, 5, 4)
WEEKS = 26
RELEASE_WEEK = 21  # a release degrades the latency from this week on (1-based)

THRESHOLDS = {
    "deploiements": {"libelle": "Déploiements en production", "unite": "par semaine",
                     "sens": "haut", "vert": 10, "rouge": 4},
    "delai_mise_en_production_h": {"libelle": "Délai de mise en production (médiane)",
                                   "unite": "heures", "sens": "bas", "vert": 24, "rouge": 72},
    "taux_echec_changements": {"libelle": "Taux d'échec des changements", "unite": "part",
                               "sens": "bas", "vert": 0.15, "rouge": 0.30},
    "temps_restauration_h": {"libelle": "Temps de restauration (médiane)", "unite": "heures",
                             "sens": "bas", "vert": 1, "rouge": 24},
    "disponibilite": {"libelle": "Disponibilité", "unite": "part", "sens": "haut",
                      "vert": 0.999, "rouge": 0.995},
    "latence_p95_ms": {"libelle": "Latence p95 de la recherche de créneaux", "unite": "ms",
                       "sens": "bas", "vert": 400, "rouge": 500},
    "taux_erreur": {"libelle": "Taux de réponses en erreur", "unite": "part", "sens": "bas",
                    "vert": 0.005, "rouge": 0.02},
    "satisfaction": {"libelle": "Satisfaction des usagers", "unite": "sur 5", "sens": "haut",
                     "vert": 4.0, "rouge": 3.5},
    "vulnerabilites_critiques": {"libelle": "Vulnérabilités critiques ouvertes (Trivy)",
                                 "unite": "nombre", "sens": "bas", "vert": 0, "rouge": 1},
    "couverture_tests": {"libelle": "Couverture de tests (SonarQube)", "unite": "part",
                         "sens": "haut", "vert": 0.80, "rouge": 0.60},
}

CRITERIA = [
    {"id": "tests", "libelle": "Tous les tests automatisés passent",
     "indicateur": "taux_reussite_tests", "operateur": ">=", "valeur": 1.0},
    {"id": "vulnerabilites", "libelle": "Aucune vulnérabilité critique dans l'image (Trivy)",
     "indicateur": "vulnerabilites_critiques", "operateur": "<=", "valeur": 0},
    {"id": "couverture", "libelle": "Couverture de tests d'au moins 70 % (SonarQube)",
     "indicateur": "couverture_tests", "operateur": ">=", "valeur": 0.70},
    {"id": "performance", "libelle": "Latence p95 en préproduction d'au plus 450 ms",
     "indicateur": "latence_p95_ms_preprod", "operateur": "<=", "valeur": 450},
    {"id": "anomalies", "libelle": "Aucune anomalie bloquante ouverte",
     "indicateur": "anomalies_bloquantes", "operateur": "<=", "valeur": 0},
    {"id": "conformite", "libelle": "Aucune violation des règles Kyverno du CCT",
     "indicateur": "violations_kyverno", "operateur": "<=", "valeur": 0},
]

CANDIDATES = [
    {"version": "2.5.0", "taux_reussite_tests": 1.0, "vulnerabilites_critiques": 0,
     "couverture_tests": 0.74, "latence_p95_ms_preprod": 430, "anomalies_bloquantes": 0,
     "violations_kyverno": 0},
    {"version": "2.5.1", "taux_reussite_tests": 0.996, "vulnerabilites_critiques": 0,
     "couverture_tests": 0.75, "latence_p95_ms_preprod": 410, "anomalies_bloquantes": 0,
     "violations_kyverno": 0},
    {"version": "2.6.0", "taux_reussite_tests": 1.0, "vulnerabilites_critiques": 2,
     "couverture_tests": 0.69, "latence_p95_ms_preprod": 445, "anomalies_bloquantes": 0,
     "violations_kyverno": 0},
    {"version": "2.6.1", "taux_reussite_tests": 1.0, "vulnerabilites_critiques": 0,
     "couverture_tests": 0.70, "latence_p95_ms_preprod": 450, "anomalies_bloquantes": 0,
     "violations_kyverno": 0},
    {"version": "2.7.0", "taux_reussite_tests": 1.0, "vulnerabilites_critiques": 0,
     "couverture_tests": 0.78, "latence_p95_ms_preprod": 520, "anomalies_bloquantes": 1,
     "violations_kyverno": 3},
]


def _ramp(week: int, start: float, end: float) -> float:
    return start + (end - start) * week / (WEEKS - 1)


def metrics(rng: random.Random) -> list[dict]:
    rows = []
    for week in range(WEEKS):
        late = week + 1 >= RELEASE_WEEK
        vulnerabilities = max(0, round(_ramp(week, 3.5, -0.5) + rng.gauss(0, 0.4)))
        if week + 1 == 24:
            vulnerabilities = 2  # a new CVE on the base image
        rows.append({
            "semaine": (START + timedelta(weeks=week)).isoformat(),
            "deploiements": max(1, round(_ramp(week, 3, 12) + rng.gauss(0, 1.2))),
            "delai_mise_en_production_h": round(_ramp(week, 120, 30) * rng.uniform(0.85, 1.15), 1),
            "taux_echec_changements": round(max(0.0, _ramp(week, 0.26, 0.12)
                                                + rng.gauss(0, 0.02)), 3),
            "temps_restauration_h": round(_ramp(week, 8, 2) * rng.uniform(0.7, 1.3), 1),
            "disponibilite": round(min(0.99995, _ramp(week, 0.9974, 0.9993)
                                       + rng.gauss(0, 0.0002)), 5),
            "latence_p95_ms": round(rng.gauss(525 if late else 420, 14)),
            "taux_erreur": round(max(0.0005, rng.gauss(0.0045 if late else 0.0035, 0.0006)), 4),
            "satisfaction": round(_ramp(week, 3.6, 4.15) + rng.gauss(0, 0.06), 2),
            "vulnerabilites_critiques": vulnerabilities,
            "couverture_tests": round(_ramp(week, 0.55, 0.73) + rng.gauss(0, 0.01), 3),
        })
    return rows


def generate() -> dict[str, str]:
    """Les trois fichiers du jeu de données (nom -> contenu), toujours identiques."""
    rng = random.Random(SEED)
    return {
        "metriques_hebdo.csv": records_csv(metrics(rng)),
        "seuils.yaml": yaml.safe_dump({"indicateurs": THRESHOLDS, "go_no_go": CRITERIA},
                                      allow_unicode=True, sort_keys=False, width=100),
        "candidats.csv": records_csv(CANDIDATES),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
