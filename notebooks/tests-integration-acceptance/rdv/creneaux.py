"""Créneaux de rendez-vous d'un guichet : jours ouvrés, de 9 h à 16 h 30, toutes les 20 minutes."""

from datetime import date, datetime, time, timedelta

OUVERTURE, FERMETURE = time(9, 0), time(16, 30)
DUREE = timedelta(minutes=20)


def creneaux(jour: date) -> list[datetime]:
    """Les créneaux d'un jour ; aucun le samedi ni le dimanche."""
    if jour.weekday() >= 5:
        return []
    debut, fin = datetime.combine(jour, OUVERTURE), datetime.combine(jour, FERMETURE)
    return [debut + i * DUREE for i in range(int((fin - debut) / DUREE))]
