"""Un client de test : appelle l'application WSGI comme un navigateur, sans serveur ni réseau."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Reponse:
    """Une réponse HTTP : le code de statut et le corps JSON décodé."""

    statut: int
    json: object


class ClientDeTest:
    """Exemples : `ClientDeTest(app).get("/creneaux", jour="2026-12-03")`,
    `ClientDeTest(app).post("/reservations", {...})`."""

    def __init__(self, app) -> None:
        self.app = app

    def _appel(self, methode: str, chemin: str, requete: str = "", corps: bytes = b"") -> Reponse:
        environ = {"REQUEST_METHOD": methode, "PATH_INFO": chemin, "QUERY_STRING": requete,
                   "CONTENT_LENGTH": str(len(corps)), "CONTENT_TYPE": "application/json",
                   "wsgi.input": io.BytesIO(corps), "SERVER_NAME": "test", "SERVER_PORT": "80",
                   "wsgi.url_scheme": "http"}
        statut = []
        morceaux = self.app(environ, lambda ligne, entetes: statut.append(int(ligne[:3])))
        return Reponse(statut[0], json.loads(b"".join(morceaux) or b"null"))

    def get(self, chemin: str, **parametres: str) -> Reponse:
        return self._appel("GET", chemin, urlencode(parametres))

    def post(self, chemin: str, donnees: object) -> Reponse:
        return self._appel("POST", chemin, corps=json.dumps(donnees).encode("utf-8"))
