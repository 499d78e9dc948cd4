"""L'API HTTP de RDV Préfecture (une application WSGI, sans dépendance)."""

from __future__ import annotations

import json
import traceback
from datetime import date, datetime
from urllib.parse import parse_qs

from . import __version__
from .depot import CreneauDejaPris
from .service import RefusReservation, ServiceRendezVous

DEBUG = True  # affiche la trace des erreurs dans la réponse (pratique… en développement)

STATUTS = {200: "200 OK", 201: "201 Created", 204: "204 No Content", 400: "400 Bad Request",
           404: "404 Not Found", 409: "409 Conflict", 422: "422 Unprocessable Content",
           500: "500 Internal Server Error"}


def _json(statut: int, donnees: object) -> tuple[int, str, str]:
    return statut, "application/json", json.dumps(donnees, ensure_ascii=False)


def creer_application(service: ServiceRendezVous):
    """L'application WSGI : /health, /creneaux, /reservations."""

    def creneaux(requete: dict) -> tuple[int, str, str]:
        parametres = parse_qs(requete["QUERY_STRING"])
        if "jour" not in parametres:
            return _json(400, {"erreur": "paramètre « jour » manquant"})
        jour = date.fromisoformat(parametres["jour"][0])
        libres = [c.isoformat() for c in service.disponibles(jour)]
        return _json(200, {"jour": jour.isoformat(), "creneaux": libres})

    def reserver(requete: dict) -> tuple[int, str, str]:
        taille = int(requete.get("CONTENT_LENGTH") or 0)
        try:
            corps = json.loads(requete["wsgi.input"].read(taille) or b"{}")
            usager, creneau, motif = corps["usager"], corps["creneau"], corps["motif"]
        except (ValueError, KeyError, TypeError):
            return _json(400, {"erreur": "corps JSON attendu : usager, creneau, motif"})
        try:
            reservation = service.reserver(usager, datetime.fromisoformat(creneau), motif)
        except CreneauDejaPris:
            return _json(409, {"erreur": "créneau déjà pris"})
        except RefusReservation as refus:
            return _json(422, {"erreur": str(refus)})
        return _json(201, {"id": reservation.id, "creneau": reservation.creneau.isoformat(),
                           "usager": reservation.usager, "motif": reservation.motif})

    def annuler(identifiant: str) -> tuple[int, str, str]:
        if service.annuler(int(identifiant)):
            return 204, "application/json", ""
        return _json(404, {"erreur": "réservation introuvable"})

    def router(requete: dict) -> tuple[int, str, str]:
        methode, chemin = requete["REQUEST_METHOD"], requete["PATH_INFO"]
        if methode == "GET" and chemin == "/health":
            return _json(200, {"statut": "ok", "version": __version__})
        if methode == "GET" and chemin == "/creneaux":
            return creneaux(requete)
        if methode == "POST" and chemin == "/reservations":
            return reserver(requete)
        if methode == "DELETE" and chemin.startswith("/reservations/"):
            return annuler(chemin.removeprefix("/reservations/"))
        return _json(404, {"erreur": "introuvable"})

    def application(requete: dict, demarrer):
        try:
            statut, type_contenu, corps = router(requete)
        except Exception:  # toute erreur imprévue devient une réponse 500
            statut, type_contenu = 500, "text/plain; charset=utf-8"
            corps = traceback.format_exc() if DEBUG else "erreur interne"
        demarrer(STATUTS[statut], [("Content-Type", type_contenu)])
        return [corps.encode("utf-8")]

    return application
