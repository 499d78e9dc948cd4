"""Données du module monitoring-infra-et-pra : mesures des nœuds de production, journal des
sauvegardes d'un mois et chronologie d'un incident.

- `metriques-noeuds.csv` : deux jours de mesures toutes les 5 minutes (CPU et mémoire en % de
  l'allouable) pour les trois nœuds de travail du cluster de production. Le nœud 2 a une fuite
  de mémoire le second jour ; le nœud 3 a un pic de CPU de dix minutes.
- `sauvegardes.csv` : les sauvegardes nocturnes de mars 2026 (début, fin, statut, taille), dont
  quelques échecs.
- `incident.yaml` : l'incident du 27 mars, sa chronologie et les objectifs de reprise.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from .common import records_csv, write

SEED = 20260327
MODULE = "monitoring-infra-et-pra"
METRICS, BACKUPS, INCIDENT = "metriques-noeuds.csv", "sauvegardes.csv", "incident.yaml"
NODES = ("np-prod-1-worker-1", "np-prod-1-worker-2", "np-prod-1-worker-3")
STEP = timedelta(minutes=5)
START = datetime(2026, 3, 23)
SAMPLES = 2 * 24 * 12  # two days, every 5 minutes
THRESHOLDS = (85.0, 90.0)  # the alert rules of the module: no sample may sit exactly on them


def _activity(moment: datetime) -> float:
    """Citizens book appointments during office hours: 0 at night, 1 at the busiest."""
    hour = moment.hour + moment.minute / 60
    if not 7 <= hour <= 19:
        return 0.0
    return math.sin(math.pi * (hour - 7) / 12) ** 2


def _off_threshold(value: float) -> float:
    value = round(value, 1)
    return value + 0.1 if value in THRESHOLDS else value


def metrics(seed: int = SEED) -> list[dict]:
    generator = random.Random(seed)
    leak_start = datetime(2026, 3, 24, 6, 0)
    restart = datetime(2026, 3, 24, 12, 30)
    spike = (datetime(2026, 3, 24, 11, 0), datetime(2026, 3, 24, 11, 10))
    rows = []
    for step in range(SAMPLES):
        moment = START + step * STEP
        for index, node in enumerate(NODES):
            load = _activity(moment)
            cpu = 22 + 6 * index + 38 * load + generator.uniform(-4, 4)
            memory = 54 + 4 * index + 8 * load + generator.uniform(-2, 2)
            if node == NODES[2] and spike[0] <= moment <= spike[1]:
                cpu = generator.uniform(91, 96)
            if node == NODES[1] and leak_start <= moment < restart:
                memory = 60 + 0.5 * ((moment - leak_start) / STEP) + generator.uniform(-0.6, 0.6)
            rows.append({"horodatage": moment.isoformat(timespec="minutes"), "noeud": node,
                         "cpu_pourcent": _off_threshold(min(cpu, 99.0)),
                         "memoire_pourcent": _off_threshold(min(memory, 99.0))})
    return rows


FAILURES = {12: "délai dépassé (verrou sur la base)", 19: "stockage S3 plein",
            20: "stockage S3 plein"}


def backups(seed: int = SEED) -> list[dict]:
    generator = random.Random(seed + 1)
    rows = []
    size = 182.0
    for day in range(1, 32):
        start = datetime(2026, 3, day, 2, 0) + timedelta(minutes=generator.randint(0, 3))
        failed = day in FAILURES
        minutes = generator.randint(31, 45) if failed else generator.randint(14, 26)
        size += generator.uniform(0.5, 2.5)
        rows.append({"debut": start.isoformat(timespec="minutes"),
                     "fin": (start + timedelta(minutes=minutes)).isoformat(timespec="minutes"),
                     "statut": "echec" if failed else "ok",
                     "taille_mo": "" if failed else f"{size:.1f}",
                     "message": FAILURES.get(day, "")})
    return rows


def incident() -> dict:
    day = "2026-03-27"
    return {
        "apiVersion": "cpn.kit/v1alpha1",
        "kind": "Incident",
        "titre": "Suppression accidentelle des objets de l'application en production",
        "description": ("Une commande de nettoyage lancée sur le mauvais contexte kubectl a "
                        "supprimé les objets de rdv-prefecture dans le namespace de production."),
        "objectifs": {"rpo_heures": 24, "rto_heures": 2},
        "chronologie": {
            "incident": f"{day}T15:42", "detection": f"{day}T15:51",
            "decision_restauration": f"{day}T16:08", "debut_restauration": f"{day}T16:15",
            "fin_restauration": f"{day}T16:38", "service_retabli": f"{day}T17:05",
        },
    }


def generate() -> dict[str, str]:
    """Les trois fichiers du jeu de données (nom -> contenu), toujours identiques."""
    return {
        METRICS: records_csv(metrics()),
        BACKUPS: records_csv(backups()),
        INCIDENT: "# Incident du 27 mars 2026 (données d'exercice fabriquées par le kit)\n"
                  + yaml.safe_dump(incident(), allow_unicode=True, sort_keys=False),
    }


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
