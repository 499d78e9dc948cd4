"""Stockage des réservations dans une base SQLite."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

SCHEMA = """
CREATE TABLE IF NOT EXISTS reservations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    creneau TEXT NOT NULL UNIQUE,
    usager TEXT NOT NULL,
    motif TEXT NOT NULL
)
"""


class CreneauDejaPris(Exception):
    """Le créneau est déjà réservé par quelqu'un."""


@dataclass(frozen=True)
class Reservation:
    id: int
    creneau: datetime
    usager: str
    motif: str


class Depot:
    """Les réservations, dans une base SQLite (en mémoire par défaut)."""

    def __init__(self, chemin: str = ":memory:") -> None:
        self.connexion = sqlite3.connect(chemin, check_same_thread=False)
        self.connexion.execute(SCHEMA)

    def ajouter(self, creneau: datetime, usager: str, motif: str) -> Reservation:
        try:
            with self.connexion:
                curseur = self.connexion.execute(
                    "INSERT INTO reservations (creneau, usager, motif) VALUES (?, ?, ?)",
                    (creneau.isoformat(), usager, motif))
        except sqlite3.IntegrityError as erreur:
            raise CreneauDejaPris(creneau.isoformat()) from erreur
        return Reservation(curseur.lastrowid, creneau, usager, motif)

    def supprimer(self, identifiant: int) -> bool:
        with self.connexion:
            curseur = self.connexion.execute("DELETE FROM reservations WHERE id = ?",
                                             (identifiant,))
        return curseur.rowcount == 1

    def de_l_usager(self, usager: str) -> list[Reservation]:
        lignes = self.connexion.execute(
            "SELECT id, creneau, usager, motif FROM reservations WHERE usager = ? "
            "ORDER BY creneau", (usager,)).fetchall()
        return [Reservation(i, datetime.fromisoformat(c), u, m) for i, c, u, m in lignes]

    def creneaux_pris(self, jour: date) -> set[datetime]:
        lignes = self.connexion.execute(
            "SELECT creneau FROM reservations WHERE creneau LIKE ?",
            (f"{jour.isoformat()}%",)).fetchall()
        return {datetime.fromisoformat(c) for (c,) in lignes}
