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
    4: (time(8, 30), time(16, 0)),
    5: (time(9, 0), time(12, 0)),
}


def creneaux_du_jour(jour: date, reserves: Iterable[datetime] = ()) -> list[datetime]:
    """Les débuts de créneaux libres d'une journée, dans l'ordre."""
    if jour.weekday() not in HORAIRES:
        return []
    ouverture, fermeture = HORAIRES[jour.weekday()]
    debut, fin = datetime.combine(jour, ouverture), datetime.combine(jour, fermeture)
    pris = set(reserves)
    libres = []
    while debut + DUREE_CRENEAU <= fin:
        if debut not in pris:
            libres.append(debut)
        debut += DUREE_CRENEAU
    return libres


def prochain_creneau(apres: datetime, reserves: Iterable[datetime] = (),
                     horizon_jours: int = 60) -> datetime | None:
    """Le premier créneau libre qui commence à `apres` ou plus tard (None sur l'horizon)."""
    pris = set(reserves)
    for decalage in range(horizon_jours + 1):
        jour = apres.date() + timedelta(days=decalage)
        for creneau in creneaux_du_jour(jour, pris):
            if creneau >= apres:
                return creneau
    return None
