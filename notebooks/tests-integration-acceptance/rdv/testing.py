"""Un client de test : appeler l'application WSGI comme le ferait un navigateur, sans réseau."""

from __future__ import annotations

import io
import json as json_module
from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults


@dataclass(frozen=True)
class Reponse:
    statut: int
    entetes: dict
    texte: str

    def json(self) -> object:
        return json_module.loads(self.texte)


class Client:
    """`Client(application).get("/health")` renvoie une `Reponse` (statut, entêtes, texte)."""

    def __init__(self, application) -> None:
        self.application = application

    def requete(self, methode: str, chemin: str, corps: str | bytes = b"") -> Reponse:
        donnees = corps.encode("utf-8") if isinstance(corps, str) else corps
        chemin, _, requete = chemin.partition("?")
        environ = {"REQUEST_METHOD": methode, "PATH_INFO": chemin, "QUERY_STRING": requete,
                   "CONTENT_LENGTH": str(len(donnees)), "CONTENT_TYPE": "application/json",
                   "wsgi.input": io.BytesIO(donnees)}
        setup_testing_defaults(environ)
        recu = {}

        def demarrer(statut, entetes, exc_info=None):
            recu["statut"], recu["entetes"] = int(statut.split()[0]), dict(entetes)

        texte = b"".join(self.application(environ, demarrer)).decode("utf-8")
        return Reponse(recu["statut"], recu["entetes"], texte)

    def get(self, chemin: str) -> Reponse:
        return self.requete("GET", chemin)

    def post(self, chemin: str, json: object | None = None, texte: str = "") -> Reponse:
        return self.requete("POST", chemin, json_module.dumps(json) if json is not None else texte)

    def delete(self, chemin: str) -> Reponse:
        return self.requete("DELETE", chemin)
