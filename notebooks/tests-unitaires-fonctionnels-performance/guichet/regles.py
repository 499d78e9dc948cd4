"""Règles métier de la prise de rendez-vous en préfecture (titres de séjour)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

DELAI_MINIMUM = timedelta(hours=24)
HORIZON_MAXIMUM = timedelta(days=90)
DUREE_CRENEAU = timedelta(minutes=30)
PLAGES = ((time(9, 0), time(12, 0)), (time(14, 0), time(17, 0)))
_NUMERO = re.compile(r"(\d{4})-(\d{2}|2A|2B)-(\d{6})")


def numero_dossier_valide(numero: str) -> bool:
    """Un numéro de dossier s'écrit AAAA-DD-NNNNNN : l'année sur 4 chiffres, le département
    sur 2 chiffres (ou 2A et 2B pour la Corse), puis 6 chiffres. Exemple : 2026-75-000123."""
    return isinstance(numero, str) and _NUMERO.fullmatch(numero) is not None


def peut_reserver(maintenant: datetime, creneau: datetime) -> bool:
    """Un créneau se réserve au moins 24 heures à l'avance (24 heures pile : permis) et au
    plus 90 jours à l'avance (90 jours pile : permis)."""
    delai = creneau - maintenant
    return delai >= DELAI_MINIMUM and delai <= HORIZON_MAXIMUM


def creneaux_du_jour(jour: date) -> list[datetime]:
    """Les créneaux d'un jour ouvré : toutes les 30 minutes de 9 h à 12 h et de 14 h à 17 h
    (le dernier commence à 16 h 30) ; aucun le samedi ni le dimanche."""
    if jour.weekday() >= 5:
        return []
    creneaux = []
    for debut, fin in PLAGES:
        moment = datetime.combine(jour, debut)
        while moment + DUREE_CRENEAU <= datetime.combine(jour, fin):
            creneaux.append(moment)
            moment += DUREE_CRENEAU
    return creneaux
