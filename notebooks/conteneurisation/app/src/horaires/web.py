"""L'application : GET /horaires?prefecture=75 renvoie les horaires d'accueil en JSON.

Servie en production par gunicorn : `gunicorn --bind 0.0.0.0:8080 horaires.web:application`.
La configuration vient de l'environnement (facteur III) ; les journaux vont sur la sortie
standard, en JSON (facteur XI).
"""

import json
import os
import sys
from urllib.parse import parse_qs

HORAIRES = {
    "75": {"lundi-vendredi": "9h-16h"},
    "13": {"lundi-jeudi": "8h30-15h30", "vendredi": "8h30-12h"},
    "2A": {"lundi-vendredi": "8h30-12h, 13h30-16h"},
}


def journal(**champs):
    print(json.dumps(champs, ensure_ascii=False), file=sys.stdout, flush=True)


def application(environ, start_response):
    chemin = environ.get("PATH_INFO", "/")
    if chemin in ("/health", "/sante"):
        statut, corps = "200 OK", {"statut": "ok", "version": os.environ.get("VERSION", "dev")}
    elif chemin == "/horaires":
        code = parse_qs(environ.get("QUERY_STRING", "")).get("prefecture", [""])[0]
        if code in HORAIRES:
            statut, corps = "200 OK", {"prefecture": code, "horaires": HORAIRES[code]}
        else:
            statut, corps = "404 Not Found", {"erreur": f"préfecture inconnue : {code}"}
    else:
        statut, corps = "404 Not Found", {"erreur": "chemin inconnu"}
    journal(niveau="info", chemin=chemin, statut=statut[:3])
    donnees = json.dumps(corps, ensure_ascii=False).encode("utf-8")
    start_response(statut, [("Content-Type", "application/json; charset=utf-8")])
    return [donnees]
