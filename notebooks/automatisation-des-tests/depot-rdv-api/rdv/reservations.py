"""Réservations enregistrées dans une base SQL (SQLite ici, PostgreSQL en production)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from .creneaux import creneaux_du_jour


class CreneauIndisponible(Exception):
    """Le créneau demandé n'existe pas ou est déjà pris."""


SCHEMA = """
CREATE TABLE IF NOT EXISTS reservation (
    creneau TEXT PRIMARY KEY,
    numero_dossier TEXT NOT NULL
)
"""


class Reservations:
    """Les réservations d'un guichet."""

    def __init__(self, connexion: sqlite3.Connection) -> None:
        self.connexion = connexion
        self.connexion.execute(SCHEMA)

    def reserves(self) -> set[datetime]:
        lignes = self.connexion.execute("SELECT creneau FROM reservation").fetchall()
        return {datetime.fromisoformat(creneau) for (creneau,) in lignes}

    def reserver(self, creneau: datetime, numero_dossier: str) -> None:
        if creneau not in creneaux_du_jour(creneau.date(), self.reserves()):
            raise CreneauIndisponible(f"créneau indisponible : {creneau:%d/%m/%Y %H:%M}")
        with self.connexion:
            self.connexion.execute("INSERT INTO reservation VALUES (?, ?)",
                                   (creneau.isoformat(), numero_dossier))

    def annuler(self, creneau: datetime) -> bool:
        with self.connexion:
            curseur = self.connexion.execute("DELETE FROM reservation WHERE creneau = ?",
                                             (creneau.isoformat(),))
        return curseur.rowcount == 1
