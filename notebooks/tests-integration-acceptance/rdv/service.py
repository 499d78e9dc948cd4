"""Les règles de réservation de RDV Préfecture."""

from __future__ import annotations

from datetime import date, datetime

from .creneaux import creneaux
from .depot import Depot, Reservation

MOTIFS = ("depot-titre-sejour", "remise-titre", "naturalisation")
MAX_A_VENIR = 2  # rendez-vous à venir par usager


class RefusReservation(Exception):
    """La réservation enfreint une règle (motif inconnu, créneau passé, limite atteinte…)."""


class ServiceRendezVous:
    def __init__(self, depot: Depot, aujourd_hui: date) -> None:
        self.depot = depot
        self.aujourd_hui = aujourd_hui

    def disponibles(self, jour: date) -> list[datetime]:
        """Les créneaux libres d'un jour."""
        pris = self.depot.creneaux_pris(jour)
        return [c for c in creneaux(jour) if c not in pris]

    def reserver(self, usager: str, creneau: datetime, motif: str) -> Reservation:
        """Réserver un créneau ; lève RefusReservation ou CreneauDejaPris."""
        if motif not in MOTIFS:
            raise RefusReservation(f"motif inconnu : {motif}")
        if creneau.date() <= self.aujourd_hui:
            raise RefusReservation("on ne réserve qu'à partir du lendemain")
        if creneau not in creneaux(creneau.date()):
            raise RefusReservation("ce créneau n'existe pas")
        a_venir = [r for r in self.depot.de_l_usager(usager)
                   if r.creneau.date() > self.aujourd_hui]
        if len(a_venir) >= MAX_A_VENIR:
            raise RefusReservation(f"déjà {MAX_A_VENIR} rendez-vous à venir")
        return self.depot.ajouter(creneau, usager, motif)

    def annuler(self, identifiant: int) -> bool:
        return self.depot.supprimer(identifiant)
