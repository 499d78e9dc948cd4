"""L'application web du guichet : une petite API HTTP au format WSGI, sans dépendance.

    GET  /sante                  → 200 {"statut": "ok"}
    GET  /creneaux?jour=AAAA-MM-JJ → 200 {"jour": …, "creneaux": [créneaux libres, ISO 8601]}
    POST /reservations {"numero_dossier": …, "creneau": …}
                                 → 201 la réservation ; 400 demande invalide ;
                                   409 créneau déjà réservé ; 422 créneau hors délai
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from urllib.parse import parse_qs

from .regles import creneaux_du_jour, numero_dossier_valide, peut_reserver

MESSAGES = {200: "OK", 201: "Created", 400: "Bad Request", 404: "Not Found",
            409: "Conflict", 422: "Unprocessable Content"}


class Guichet:
    """L'application : `maintenant` donne l'heure courante (remplaçable dans les tests)."""

    def __init__(self, maintenant: Callable[[], datetime] = datetime.now) -> None:
        self.maintenant = maintenant
        self.reservations: dict[str, str] = {}  # créneau (ISO 8601) → numéro de dossier

    def __call__(self, environ, start_response):
        statut, corps = self.router(environ)
        donnees = json.dumps(corps, ensure_ascii=False).encode("utf-8")
        start_response(f"{statut} {MESSAGES[statut]}", [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Length", str(len(donnees)))])
        return [donnees]

    def router(self, environ) -> tuple[int, dict]:
        methode, chemin = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        if methode == "GET" and chemin == "/sante":
            return 200, {"statut": "ok"}
        if methode == "GET" and chemin == "/creneaux":
            return self.creneaux(parse_qs(environ.get("QUERY_STRING", "")))
        if methode == "POST" and chemin == "/reservations":
            taille = int(environ.get("CONTENT_LENGTH") or 0)
            try:
                demande = json.loads(environ["wsgi.input"].read(taille) or b"{}")
            except ValueError:
                return 400, {"erreur": "corps JSON illisible"}
            return self.reserver(demande if isinstance(demande, dict) else {})
        return 404, {"erreur": f"{methode} {chemin} n'existe pas"}

    def creneaux(self, parametres: dict[str, list[str]]) -> tuple[int, dict]:
        try:
            jour = date.fromisoformat(parametres["jour"][0])
        except (KeyError, ValueError):
            return 400, {"erreur": "paramètre jour attendu, au format AAAA-MM-JJ"}
        libres = [moment.isoformat() for moment in creneaux_du_jour(jour)
                  if moment.isoformat() not in self.reservations]
        return 200, {"jour": jour.isoformat(), "creneaux": libres}

    def reserver(self, demande: dict) -> tuple[int, dict]:
        numero = demande.get("numero_dossier", "")
        if not numero_dossier_valide(numero):
            return 400, {"erreur": "numéro de dossier invalide (format AAAA-DD-NNNNNN)"}
        try:
            moment = datetime.fromisoformat(str(demande.get("creneau")))
        except ValueError:
            return 400, {"erreur": "créneau illisible (format AAAA-MM-JJTHH:MM:SS)"}
        if moment not in creneaux_du_jour(moment.date()):
            return 400, {"erreur": "ce créneau n'existe pas"}
        if not peut_reserver(self.maintenant(), moment):
            return 422, {"erreur": "créneau hors délai (de 24 heures à 90 jours à l'avance)"}
        cle = moment.isoformat()
        if cle in self.reservations:
            return 409, {"erreur": "créneau déjà réservé"}
        self.reservations[cle] = numero
        return 201, {"reservation": {"numero_dossier": numero, "creneau": cle}}


def creer_application(maintenant: Callable[[], datetime] | None = None) -> Guichet:
    """Une application neuve (sans réservation), avec une horloge éventuellement fixée."""
    return Guichet(maintenant or datetime.now)
