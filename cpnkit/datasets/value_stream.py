"""Chaîne de valeur du service « Rendez-vous en préfecture » en 2025, avant Cloud Pi Native.

Deux fichiers pour le module etude-de-cas-devsecops :

- evenements.csv : le journal du tableau de suivi (un ticket GitLab par évolution ou
  anomalie) : chaque passage d'un ticket dans une activité, avec son début et sa fin ;
- pratiques.csv : un catalogue de pratiques DevSecOps, l'activité sur laquelle chacune agit
  et le problème qu'elle traite (attente ou reprise), ou aucun.

Le récit : la recette est manuelle, par campagnes hebdomadaires ; la validation de sécurité
passe par la file d'attente de l'équipe sécurité ; la mise en production n'a lieu qu'une fois
par mois, le premier mardi, après un comité de changement qui gèle les entrées cinq jours
avant. Un tiers des tickets revient de recette au développement. Graine fixe.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from .common import render_csv, stamp, write

MODULE = "etude-de-cas-devsecops"
SEED = 2025
ACTIVITIES = ("Analyse", "Développement", "Revue de code", "Recette", "Validation sécurité",
              "Mise en production")
TICKETS = 48
PRACTICES = [
    ("P1", "Déploiement continu en GitOps : Argo CD synchronise la production depuis Git, "
     "sans fenêtre mensuelle", "Mise en production", "attente", "Argo CD"),
    ("P2", "Homologation en continu : Trivy et SonarQube à chaque build, dossier de sécurité "
     "tenu à jour dans le dépôt", "Validation sécurité", "attente", "Harbor, Trivy, SonarQube"),
    ("P3", "Tests d'acceptation automatisés, joués par la chaîne à chaque déploiement",
     "Recette", "reprise", "GitLab CI"),
    ("P4", "Critères d'acceptation écrits avec le métier avant le développement",
     "Recette", "reprise", "GitLab (tickets)"),
    ("P5", "Environnements de recette éphémères, créés à la demande pour chaque changement",
     "Recette", "attente", "Argo CD, Kubernetes"),
    ("P6", "Revue de code en binôme, au fil de l'eau", "Revue de code", "attente", "GitLab"),
    ("P7", "Renforcer l'équipe de deux développeurs", "Développement", "aucun", ""),
    ("P8", "Ajouter une validation du comité de changement avant chaque mise en production",
     "Mise en production", "aucun", ""),
    ("P9", "Rapport d'avancement hebdomadaire détaillé à la direction", "Analyse", "aucun", ""),
]


def _office(moment: datetime) -> datetime:
    """The same moment on the hour, moved to the next office hour (9 am to 6 pm, weekdays)."""
    moment = moment.replace(minute=0, second=0, microsecond=0)
    if moment.hour > 18:
        moment = (moment + timedelta(days=1)).replace(hour=9)
    elif moment.hour < 9:
        moment = moment.replace(hour=9)
    while moment.weekday() >= 5:
        moment = (moment + timedelta(days=1)).replace(hour=9)
    return moment


def _next_monday(moment: datetime) -> datetime:
    day = moment.date() + timedelta(days=(7 - moment.weekday()) % 7 or 7)
    return datetime.combine(day, datetime.min.time()).replace(hour=9)


def _release_after(moment: datetime) -> datetime:
    """The first monthly release window (first Tuesday, 8 pm) at least 5 days later."""
    year, month = moment.year, moment.month
    while True:
        first = date(year, month, 1)
        tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
        window = datetime.combine(tuesday, datetime.min.time()).replace(hour=20)
        if window - moment >= timedelta(days=5):
            return window
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class _Ticket:
    def __init__(self, rng: random.Random, name: str, kind: str, start: datetime) -> None:
        self.rng, self.name, self.kind = rng, name, kind
        self.clock = start
        self.rows: list[list[object]] = []

    def work(self, step: int, wait_days: float, work_days: float) -> None:
        begin = _office(self.clock + timedelta(days=wait_days))
        end = _office(begin + timedelta(days=work_days) + timedelta(hours=1))
        self._record(step, begin, end)

    def release(self, window: datetime) -> None:
        """The monthly production release: in the evening window, three hours."""
        self._record(6, window, window + timedelta(hours=3))

    def _record(self, step: int, begin: datetime, end: datetime) -> None:
        self.rows.append([self.name, self.kind, step, ACTIVITIES[step - 1], stamp(begin),
                          stamp(end)])
        self.clock = end

    def wait_until(self, step: int, moment: datetime, work_days: float) -> None:
        self.work(step, (moment - self.clock).total_seconds() / 86400, work_days)


def _develop_and_test(ticket: _Ticket, first: bool) -> None:
    rng = ticket.rng
    if first:
        ticket.work(2, rng.uniform(0.5, 5), rng.uniform(1.5, 6))
    else:
        ticket.work(2, rng.uniform(0.5, 3), rng.uniform(0.5, 2.5))
    ticket.work(3, rng.uniform(0.3, 2.5), rng.uniform(0.1, 0.5))
    campaign = _next_monday(ticket.clock) + timedelta(days=rng.uniform(0, 2))
    ticket.wait_until(4, campaign, rng.uniform(0.5, 2))


def _ticket(rng: random.Random, number: int, start: datetime) -> list[list[object]]:
    kind = "anomalie" if rng.random() < 0.25 else "évolution"
    ticket = _Ticket(rng, f"RDV-{number}", kind, start)
    ticket.work(1, 0, rng.uniform(0.5, 2.5))
    _develop_and_test(ticket, first=True)
    failures = 0
    while True:
        if rng.random() < (0.33 if failures == 0 else 0.1):  # refused at acceptance testing
            failures += 1
            _develop_and_test(ticket, first=False)
            continue
        ticket.work(5, rng.uniform(8, 20), rng.uniform(0.3, 1))
        if failures < 2 and rng.random() < 0.1:  # refused by the security review
            failures += 1
            _develop_and_test(ticket, first=False)
            continue
        break
    ticket.release(_release_after(ticket.clock))
    return ticket.rows


def generate() -> dict[str, str]:
    """Les deux fichiers (nom -> contenu CSV), toujours identiques."""
    rng = random.Random(SEED)
    rows = []
    for index in range(TICKETS):
        start = datetime(2025, 3, 3, 9) + timedelta(days=round(index * 3.8 + rng.uniform(0, 3)))
        rows += _ticket(rng, 214 + index, start)
    rows.sort(key=lambda row: (row[4], row[0]))
    return {
        "evenements.csv": render_csv(["ticket", "type", "etape", "activite", "debut", "fin"],
                                     rows),
        "pratiques.csv": render_csv(["pratique", "description", "activite", "probleme",
                                     "outil"], [list(p) for p in PRACTICES]),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/etude-de-cas-devsecops/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
