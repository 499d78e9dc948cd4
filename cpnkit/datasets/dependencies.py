"""Les services du produit « Rendez-vous en préfecture » et leurs dépendances.

Deux fichiers pour le module architecture-couplage-faible :

- services.csv : chaque service, sa couche (0 = interfaces, 3 = socles) et son rôle ;
- dependances.csv : chaque dépendance appelant -> appelé, son type (« sync » : appel HTTP
  synchrone ; « async » : événement publié sur le bus et consommé ; « bdd » : lecture
  directe de la base de données d'un autre service) et ce qu'elle sert à faire.

Le récit : le produit a été découpé en services au fil des années, sans règle ; deux cycles
d'appels synchrones et une base de données partagée rendent chaque changement risqué et
chaque test lourd. Les données sont écrites à la main (pas de hasard) : le fichier est stable.
"""

from __future__ import annotations

from pathlib import Path

from .common import render_csv, write

MODULE = "architecture-couplage-faible"
SERVICES = [
    ("portail-usager", 0, "Site web où l'usager prend, déplace ou annule son rendez-vous"),
    ("back-office-agents", 0, "Application des agents des préfectures"),
    ("api-rendez-vous", 1, "Règles de prise de rendez-vous, point d'entrée des interfaces"),
    ("statistiques", 1, "Tableaux de bord de fréquentation pour les préfectures"),
    ("notifications", 2, "Envoi des courriels et SMS de confirmation et de rappel"),
    ("paiement-timbres", 2, "Vérification du timbre fiscal électronique"),
    ("authentification", 2, "Connexion par FranceConnect et comptes agents"),
    ("creneaux", 2, "Calcul et réservation des créneaux disponibles"),
    ("planification-agents", 2, "Planning des agents aux guichets"),
    ("journal-audit", 3, "Journal d'audit des actions (traçabilité)"),
    ("usagers", 3, "Profils des usagers et leurs coordonnées"),
    ("referentiel-sites", 3, "Liste des préfectures, sous-préfectures et de leurs guichets"),
]
DEPENDENCIES = [
    ("portail-usager", "api-rendez-vous", "sync", "prendre, déplacer, annuler un rendez-vous"),
    ("portail-usager", "authentification", "sync", "connexion FranceConnect"),
    ("portail-usager", "referentiel-sites", "sync", "afficher les guichets proches"),
    ("back-office-agents", "api-rendez-vous", "sync", "rendez-vous du jour"),
    ("back-office-agents", "planification-agents", "sync", "saisir le planning"),
    ("back-office-agents", "statistiques", "sync", "tableaux de bord"),
    ("back-office-agents", "authentification", "sync", "connexion des agents"),
    ("api-rendez-vous", "creneaux", "sync", "réserver un créneau"),
    ("api-rendez-vous", "usagers", "sync", "lire les coordonnées de l'usager"),
    ("api-rendez-vous", "notifications", "sync", "envoyer la confirmation"),
    ("api-rendez-vous", "paiement-timbres", "sync", "vérifier le timbre fiscal"),
    ("api-rendez-vous", "journal-audit", "async", "tracer chaque prise de rendez-vous"),
    ("creneaux", "planification-agents", "sync", "agents présents au guichet"),
    ("creneaux", "referentiel-sites", "sync", "horaires d'ouverture des guichets"),
    ("planification-agents", "creneaux", "sync", "créneaux déjà réservés"),
    ("planification-agents", "referentiel-sites", "sync", "guichets d'une préfecture"),
    ("notifications", "api-rendez-vous", "sync", "détail du rendez-vous à confirmer"),
    ("notifications", "usagers", "sync", "adresse courriel et téléphone"),
    ("statistiques", "creneaux", "bdd", "lecture directe des tables de réservation"),
    ("statistiques", "api-rendez-vous", "bdd", "lecture directe des tables de rendez-vous"),
    ("paiement-timbres", "usagers", "sync", "identité du payeur"),
    ("authentification", "usagers", "sync", "rattacher le compte FranceConnect"),
    ("usagers", "journal-audit", "async", "tracer les changements de coordonnées"),
]


def generate() -> dict[str, str]:
    """Les deux fichiers (nom -> contenu CSV), toujours identiques."""
    return {
        "services.csv": render_csv(["service", "couche", "role"], [list(s) for s in SERVICES]),
        "dependances.csv": render_csv(["appelant", "appele", "type", "usage"],
                                      [list(d) for d in DEPENDENCIES]),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/architecture-couplage-faible/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
