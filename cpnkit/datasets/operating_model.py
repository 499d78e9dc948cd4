"""Qui fait quoi pendant la transition du service « Rendez-vous en préfecture » (T1 2026).

Deux fichiers pour le module transformation-organisationnelle :

- activites.csv : les activités du cycle de vie du service et leur catégorie (construire,
  exploiter, sécuriser, plateforme, hébergement, accompagnement) ;
- journal.csv : trois mois d'actions tracées (GitLab, Argo CD, console, tickets…) : qui
  (équipe, rôle), sur quelle activité, avec quel outil.

Le récit : l'équipe produit vient d'arriver sur Cloud Pi Native. Les habitudes de l'ancien
modèle restent : l'équipe d'exploitation de la DSI déploie encore à la main et surveille avec
ses outils, la service team écrit parfois la chaîne d'intégration à la place de l'équipe.
Graine fixe.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from .common import render_csv, working_days, write

MODULE = "transformation-organisationnelle"
SEED = 314
ACTIVITIES = [
    ("A1", "Écrire et tester le code de l'application", "construire"),
    ("A2", "Écrire le Dockerfile et le fichier .gitlab-ci-dso.yml", "construire"),
    ("A3", "Décrire le déploiement dans le dépôt d'infrastructure (Helm)", "construire"),
    ("A4", "Dimensionner le quota CPU et mémoire du projet", "construire"),
    ("A5", "Déployer en production", "exploiter"),
    ("A6", "Surveiller l'application : sondes, métriques, journaux, alertes", "exploiter"),
    ("A7", "Sauvegarder les données et tester la restauration", "exploiter"),
    ("A8", "Corriger les vulnérabilités signalées par Trivy", "securiser"),
    ("A9", "Maintenir la chaîne DevSecOps (GitLab, Argo CD, Harbor, SonarQube, Vault)",
     "plateforme"),
    ("A10", "Publier le catalogue de charts Helm et d'opérateurs", "plateforme"),
    ("A11", "Fournir la capacité d'hébergement des clusters", "hebergement"),
    ("A12", "Former et conseiller l'équipe produit", "accompagnement"),
]
ROLES = {
    "equipe-produit": ["développeuse", "développeur", "product owner", "architecte",
                       "ingénieure ops de l'équipe"],
    "service-team": ["coach DevSecOps", "experte Kubernetes"],
    "operateur-chaine": ["ingénieur de la chaîne DevSecOps"],
    "operateur-cloud": ["ingénieure cloud"],
    "exploitation-dsi": ["ingénieur d'exploitation"],
}
# (activity, team, tool, how many times, what was done)
ACTIONS = [
    ("A1", "equipe-produit", "GitLab", 24, "merge request fusionnée"),
    ("A1", "service-team", "GitLab", 2, "correctif écrit pour l'équipe"),
    ("A2", "equipe-produit", "GitLab", 5, "étape ajoutée au .gitlab-ci-dso.yml"),
    ("A2", "service-team", "GitLab", 4, ".gitlab-ci-dso.yml écrit à la place de l'équipe"),
    ("A3", "equipe-produit", "GitLab", 6, "values-prod.yaml mis à jour"),
    ("A3", "service-team", "GitLab", 3, "chart Helm modifié pour l'équipe"),
    ("A3", "exploitation-dsi", "GitLab", 2, "limites mémoire changées sans revue"),
    ("A4", "equipe-produit", "console Cloud Pi Native", 2, "quota de production ajusté"),
    ("A4", "exploitation-dsi", "ticket", 1, "demande de VM supplémentaire"),
    ("A5", "equipe-produit", "Argo CD", 11, "synchronisation de l'application en production"),
    ("A5", "equipe-produit", "kubectl (bastion)", 1, "image changée à la main en urgence"),
    ("A5", "exploitation-dsi", "kubectl (bastion)", 7, "déploiement manuel du mardi soir"),
    ("A6", "equipe-produit", "Grafana", 6, "tableau de bord et alerte ajoutés"),
    ("A6", "exploitation-dsi", "Centreon", 4, "sonde de supervision ajoutée"),
    ("A7", "equipe-produit", "CloudNativePG", 1, "sauvegarde planifiée configurée"),
    ("A7", "exploitation-dsi", "script de sauvegarde", 3, "sauvegarde manuelle de la base"),
    ("A8", "equipe-produit", "Harbor (Trivy)", 4, "image reconstruite sur une base corrigée"),
    ("A8", "service-team", "GitLab", 1, "dépendance vulnérable mise à jour pour l'équipe"),
    ("A9", "operateur-chaine", "GitLab", 3, "montée de version de GitLab"),
    ("A9", "operateur-chaine", "Argo CD", 3, "montée de version d'Argo CD"),
    ("A10", "operateur-chaine", "GitLab", 3, "chart publié au catalogue"),
    ("A11", "operateur-cloud", "console de l'hébergeur", 4, "nœuds ajoutés au cluster"),
    ("A12", "service-team", "atelier", 8, "atelier avec l'équipe produit"),
]


def generate() -> dict[str, str]:
    """Les deux fichiers (nom -> contenu CSV), toujours identiques."""
    rng = random.Random(SEED)
    days = working_days(date(2026, 1, 5), date(2026, 4, 1))
    rows = []
    for activity, team, tool, times, detail in ACTIONS:
        for _ in range(times):
            when = rng.choice(days)
            if tool == "kubectl (bastion)" and team == "exploitation-dsi":
                when = when - timedelta(days=when.weekday()) + timedelta(days=1)  # Tuesday
            moment = f"{when.isoformat()} {rng.randint(8, 18):02d}:{5 * rng.randint(0, 11):02d}"
            if team == "exploitation-dsi" and activity == "A5":
                moment = f"{when.isoformat()} 20:{5 * rng.randint(0, 6):02d}"
            rows.append([moment, team, rng.choice(ROLES[team]), activity, tool, detail])
    rows.sort()
    return {
        "activites.csv": render_csv(["activite", "libelle", "categorie"],
                                    [list(a) for a in ACTIVITIES]),
        "journal.csv": render_csv(["date", "equipe", "role", "activite", "outil", "detail"],
                                  rows),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/transformation-organisationnelle/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
