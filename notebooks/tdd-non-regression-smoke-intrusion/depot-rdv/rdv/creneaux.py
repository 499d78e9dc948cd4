"""Créneaux de rendez-vous d'un guichet de préfecture."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

DUREE_CRENEAU = timedelta(minutes=20)
# Horaires d'ouverture par jour de la semaine (0 = lundi) ; fermé le dimanche.
HORAIRES = {
    0: (time(8, 30), time(16, 30)),
    1: (time(8, 30), time(16, 30)),
    2: (time(8, 30), time(12, 0)),
    3: (time(8, 30), time(16, 30)),
    4: (time(8, 30), time(15, 45)),
    5: (time(9, 0), time(12, 0)),
}


def creneaux_du_jour(jour: date, reserves: Iterable[datetime] = ()) -> list[datetime]:
    """Les débuts des créneaux libres d'une journée, dans l'ordre ; chaque créneau dure
    DUREE_CRENEAU et se termine au plus tard à la fermeture."""
    if jour.weekday() not in HORAIRES:
        return []
    ouverture, fermeture = HORAIRES[jour.weekday()]
    debut, fin = datetime.combine(jour, ouverture), datetime.combine(jour, fermeture)
    pris = set(reserves)
    libres = []
    while debut < fin:
        if debut not in pris:
            libres.append(debut)
        debut += DUREE_CRENEAU
    return libres
