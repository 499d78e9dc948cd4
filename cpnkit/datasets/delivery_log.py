"""Journal de livraison du service « Rendez-vous en préfecture », premier semestre 2026.

Trois fichiers pour le module pilotage-par-les-metriques :

- deploiements.csv : chaque déploiement (préproduction et production), son type (planifié
  ou correctif) et l'état du quality gate SonarQube au moment du build ;
- changements.csv : chaque changement (merge request) livré en production, avec la date de
  son commit et le déploiement qui l'a mis en production ;
- incidents.csv : chaque incident de production, sa cause et, s'il vient d'un déploiement,
  lequel.

Le récit : jusqu'en mars, une mise en production planifiée tous les quinze jours, le mardi
soir, par l'équipe d'exploitation, avec de gros lots et beaucoup de correctifs ; le 1er avril,
le service passe sur Cloud Pi Native (chaîne GitLab, SonarQube, Harbor et Trivy, Argo CD) ;
le 1er mai, le quality gate devient bloquant. Graine fixe : les fichiers sont toujours les
mêmes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from .common import render_csv, stamp, write

MODULE = "pilotage-par-les-metriques"
SEED = 20260401
START, MIGRATION, GATE_BLOCKING, END = (date(2026, 1, 1), date(2026, 4, 1), date(2026, 5, 1),
                                       date(2026, 7, 1))
HOLIDAYS = {date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 8), date(2026, 5, 14),
            date(2026, 5, 25)}
# share of production deployments that cause an incident, per month
FAILURE_RATE = {1: 0.40, 2: 0.35, 3: 0.30, 4: 0.12, 5: 0.08, 6: 0.06}
# chance of deploying on a working day after the migration, per month
DEPLOY_CHANCE = {4: 0.55, 5: 0.70, 6: 0.85}
CAUSED = [
    "Erreur 500 à la confirmation d'un rendez-vous",
    "Créneaux proposés en double après la mise à jour",
    "Lenteurs de l'API rendez-vous aux heures de pointe",
    "Courriels de confirmation non envoyés",
    "Page de connexion inaccessible",
    "Créneaux affichés avec une heure de décalage",
    "Annulation impossible depuis le lien du courriel",
    "Back-office : liste des rendez-vous du jour vide",
    "Mauvaise préfecture proposée pour certaines communes",
    "Fuite mémoire du service créneaux, redémarrages en boucle",
]
OTHER = [
    ("hébergement", date(2026, 2, 18), 9, 5.0,
     "Panne d'une baie de stockage du centre de données"),
    ("dépendance externe", date(2026, 3, 12), 10, 3.0, "FranceConnect indisponible"),
    ("dépendance externe", date(2026, 5, 20), 14, 2.0, "Fournisseur d'envoi de SMS en panne"),
]


@dataclass
class _Deployment:
    at: datetime
    kind: str
    gate: str
    version: str = ""
    id: str = ""
    commits: list[datetime] = field(default_factory=list)
    fails: bool = False


def _minutes(rng: random.Random, start: datetime, hours: float) -> datetime:
    """A moment within `hours` after `start`, on a five-minute mark."""
    moment = start + timedelta(hours=rng.uniform(0, hours))
    return moment.replace(minute=moment.minute - moment.minute % 5, second=0, microsecond=0)


def _before(rng: random.Random) -> list[_Deployment]:
    """Q1: a release every other Tuesday at 8 pm, big batches, frequent hotfixes."""
    deployments = []
    release = date(2026, 1, 13)
    while release < MIGRATION:
        deployment = _Deployment(datetime.combine(release, datetime.min.time()).replace(
            hour=20), "planifié", "KO" if rng.random() < 0.4 else "OK")
        for _ in range(rng.randint(8, 16)):
            commit = deployment.at - timedelta(days=rng.uniform(6, 38))
            deployment.commits.append(commit.replace(hour=rng.randint(9, 17),
                                                     minute=5 * rng.randint(0, 11)))
        deployments.append(deployment)
        release += timedelta(days=14)
    for day in (date(2026, 1, 8), date(2026, 1, 20), date(2026, 2, 17), date(2026, 3, 4),
                date(2026, 3, 17)):
        at = datetime.combine(day, datetime.min.time()).replace(hour=rng.randint(11, 18))
        deployment = _Deployment(at, "correctif", "KO" if rng.random() < 0.3 else "OK")
        deployment.commits = [_minutes(rng, at - timedelta(hours=40), 34)
                              for _ in range(rng.randint(1, 2))]
        deployments.append(deployment)
    return deployments


def _after(rng: random.Random) -> list[_Deployment]:
    """Q2 on Cloud Pi Native: small changes deployed by Argo CD during working hours."""
    deployments = []
    day = MIGRATION
    while day < END:
        if day.weekday() < 5 and day not in HOLIDAYS:
            count = int(rng.random() < DEPLOY_CHANCE[day.month])
            count += int(day.month == 6 and rng.random() < 0.15)
            for _ in range(count):
                at = datetime.combine(day, datetime.min.time()).replace(
                    hour=rng.randint(10, 16), minute=5 * rng.randint(0, 11))
                gate = "KO" if day < GATE_BLOCKING and rng.random() < 0.25 else "OK"
                kind = "correctif" if rng.random() < 0.11 else "planifié"
                deployment = _Deployment(at, kind, gate)
                longest = 90 if day.month == 4 else (70 if day.month == 5 else 50)
                deployment.commits = [
                    at - timedelta(minutes=5 * round(rng.triangular(2, longest, 14) * 12))
                    for _ in range(rng.randint(1, 3))]
                deployments.append(deployment)
        day += timedelta(days=1)
    return deployments


def _mark_failures(rng: random.Random, deployments: list[_Deployment]) -> None:
    """Per month, the share of failing deployments of FAILURE_RATE (at least one), taken
    first among those that went out with a failed quality gate."""
    for month, rate in FAILURE_RATE.items():
        group = [d for d in deployments if d.at.month == month]
        wanted = max(1, round(rate * len(group)))
        ko = [d for d in group if d.gate == "KO"]
        ok = [d for d in group if d.gate == "OK"]
        rng.shuffle(ko)
        rng.shuffle(ok)
        for deployment in (ko[: -(-wanted * 2 // 3)] + ok)[:wanted]:
            deployment.fails = True


def _versions(deployments: list[_Deployment]) -> None:
    major, minor, patch = 3, 4, 0
    for deployment in deployments:
        if deployment.at.date() >= MIGRATION and major == 3:
            major, minor, patch = 4, 0, 0
        elif deployment.kind == "correctif":
            patch += 1
        else:
            minor, patch = minor + 1, 0
        deployment.version = f"{major}.{minor}.{patch}"


def _preprod(rng: random.Random, deployment: _Deployment) -> list[datetime]:
    if deployment.at.date() < MIGRATION and deployment.kind == "planifié":
        days = sorted((rng.uniform(2, 9) for _ in range(rng.randint(1, 2))), reverse=True)
        return [(deployment.at - timedelta(days=d)).replace(hour=rng.randint(9, 17), minute=0)
                for d in days]
    return [_minutes(rng, deployment.at - timedelta(hours=6), 5)]


def generate() -> dict[str, str]:
    """Les trois fichiers du journal (nom -> contenu CSV), toujours identiques."""
    rng = random.Random(SEED)
    deployments = sorted(_before(rng) + _after(rng), key=lambda d: d.at)
    _versions(deployments)
    _mark_failures(rng, deployments)
    rows = []
    for deployment in deployments:
        for at in _preprod(rng, deployment):
            rows.append([at, "preprod", deployment])
        rows.append([deployment.at, "prod", deployment])
    rows.sort(key=lambda row: (row[0], row[1] == "prod"))
    deploy_rows = []
    for number, (at, environment, deployment) in enumerate(rows, start=1):
        identifier = f"D-{number:03d}"
        if environment == "prod":
            deployment.id = identifier
        deploy_rows.append([identifier, stamp(at), environment, deployment.version,
                            deployment.kind, deployment.gate])
    change_rows, number = [], 1000
    for deployment in deployments:
        for commit in sorted(deployment.commits):
            number += 1
            change_rows.append([f"MR-{number}", deployment.id, stamp(commit)])
    change_rows.sort(key=lambda row: row[2])
    incidents = []
    for deployment in (d for d in deployments if d.fails):
        before = deployment.at.date() < MIGRATION
        start = _minutes(rng, deployment.at + timedelta(minutes=20), 18 if before else 3)
        hours = (rng.uniform(6, 52) if before else
                 rng.uniform(0.5, 3.0) if deployment.at.month == 4 else rng.uniform(0.2, 1.4))
        end = _minutes(rng, start + timedelta(hours=hours), 0)
        incidents.append([start, end, "déploiement", deployment.id,
                          "majeur" if hours > 4 else "mineur", rng.choice(CAUSED)])
    for cause, day, hour, hours, summary in OTHER:
        start = datetime.combine(day, datetime.min.time()).replace(hour=hour)
        incidents.append([start, start + timedelta(hours=hours), cause, "", "majeur", summary])
    incidents.sort(key=lambda row: row[0])
    incident_rows = [[f"INC-{n:03d}", stamp(s), stamp(e), cause, dep, grav, text]
                     for n, (s, e, cause, dep, grav, text) in enumerate(incidents, start=1)]
    return {
        "deploiements.csv": render_csv(
            ["deploiement", "date", "environnement", "version", "type", "quality_gate"],
            deploy_rows),
        "changements.csv": render_csv(["changement", "deploiement", "date_commit"],
                                      change_rows),
        "incidents.csv": render_csv(
            ["incident", "debut", "fin", "cause", "deploiement", "gravite", "resume"],
            incident_rows),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/pilotage-par-les-metriques/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
