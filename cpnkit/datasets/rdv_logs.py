"""Jeu de données du module « logs-et-monitoring-bases » : une heure de journaux de RDV Préfecture.

Trois fichiers au format CRI (celui des journaux de conteneurs sur un nœud Kubernetes :
« horodatage flux F message »), un par conteneur, écrits dans notebooks/logs-et-monitoring-bases/ :

- api.log : l'API (conteneur « api ») : une ligne JSON par requête HTTP, des événements de
  l'application, et quelques traces Python brutes (sur stderr, pas en JSON) ;
- web.log : le frontal web (conteneur « web ») ;
- rappels.log : le service d'envoi des rappels (conteneur « worker »).

Entre 10 h 36 et 10 h 44 (UTC), le fournisseur de SMS ne répond plus : les réservations échouent
(503) et les rappels ne partent plus. Tirage avec une graine fixe : régénérer donne exactement
les mêmes fichiers.

    python -m cpnkit.datasets.rdv_logs notebooks/logs-et-monitoring-bases
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .common import write

MODULE = "logs-et-monitoring-bases"
SEED = 20261208
START = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
MINUTES = 60
INCIDENT = range(36, 45)  # minutes after START when the SMS provider is down

Line = tuple[datetime, str, str]  # (time, stream, message)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _record(moment: datetime, level: str, service: str, message: str, **fields) -> Line:
    data = {"time": _stamp(moment), "level": level, "service": service, "message": message}
    data.update(fields)
    return moment, "stdout", json.dumps(data, ensure_ascii=False)


def _moment(rng: random.Random, minute: int) -> datetime:
    return START + timedelta(minutes=minute, milliseconds=rng.randrange(60_000))


def _request_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(32):08x}"


def api_lines(rng: random.Random) -> list[Line]:
    """L'API : requêtes HTTP, événements, traces Python brutes pendant l'incident."""
    lines = [_record(START + timedelta(milliseconds=480), "info", "rdv-api",
                     "démarrage de rdv-api 1.4.2", version="1.4.2")]
    routes = [("GET", "/creneaux", 50), ("POST", "/reservations", 30), ("GET", "/health", 10),
              ("DELETE", "/reservations", 10)]
    for minute in range(MINUTES):
        incident = minute in INCIDENT
        for _ in range(rng.randint(5, 9)):
            method, path, _weight = rng.choices(routes, weights=[r[2] for r in routes])[0]
            if method == "DELETE":
                path = f"/reservations/{rng.randint(1000, 9999)}"
            failing = 0.6 if incident and method == "POST" else 0.05 if incident else 0.01
            draw = rng.random()
            if draw < failing:
                status = 503 if method == "POST" and incident else rng.choice([500, 502])
            elif draw < failing + 0.06:
                status = {"POST": rng.choice([409, 422]), "DELETE": 404}.get(method, 400)
            else:
                status = {"POST": 201, "DELETE": 204}.get(method, 200)
            slow = incident and method == "POST"
            duration = round(rng.uniform(2900, 3100) if slow else rng.lognormvariate(3.6, 0.4))
            level = "error" if status >= 500 else "warning" if status >= 400 else "info"
            message = "requête en échec" if status >= 500 else "requête traitée"
            lines.append(_record(_moment(rng, minute), level, "rdv-api", message,
                                 request_id=_request_id(rng), method=method, path=path,
                                 status=status, duration_ms=duration))
        if incident and minute % 2 == 0:
            lines.append(_record(_moment(rng, minute), "error", "rdv-api",
                                 "fournisseur SMS injoignable : délai de 3 s dépassé",
                                 dependency="sms"))
    lines.append(_record(START + timedelta(minutes=50, seconds=12), "warning", "rdv-api",
                         "pool de connexions à la base presque plein", used=18, size=20))
    for minute in (38, 41):
        moment = _moment(rng, minute)
        for text in ("Traceback (most recent call last):",
                     '  File "/app/rdv/notifications.py", line 42, in envoyer_sms',
                     "    reponse = passerelle.envoyer(message, timeout=3)",
                     "TimeoutError: la passerelle SMS n'a pas répondu en 3 s"):
            lines.append((moment, "stderr", text))
    return lines


def web_lines(rng: random.Random) -> list[Line]:
    """Le frontal web : pages et fichiers statiques, quelques 404, des 502 pendant l'incident."""
    lines = []
    pages = ["/", "/rendez-vous", "/rendez-vous/confirmation", "/static/app.js",
             "/static/dsfr.min.css"]
    for minute in range(MINUTES):
        for _ in range(rng.randint(3, 6)):
            path = rng.choice(pages)
            draw = rng.random()
            status = (502 if minute in INCIDENT and path.startswith("/rendez-vous")
                      and draw < 0.3 else 404 if draw > 0.97 else 200)
            level = "error" if status >= 500 else "warning" if status >= 400 else "info"
            message = "erreur de l'API en amont" if status >= 500 else "page servie"
            lines.append(_record(_moment(rng, minute), level, "rdv-web", message,
                                 method="GET", path=path, status=status,
                                 duration_ms=round(rng.lognormvariate(2.5, 0.5))))
    return lines


def reminder_lines(rng: random.Random) -> list[Line]:
    """L'envoi des rappels : un à trois par minute, en échec pendant l'incident."""
    lines = []
    for minute in range(MINUTES):
        for _ in range(rng.randint(1, 3)):
            moment = _moment(rng, minute)
            reservation = rng.randint(1000, 9999)
            if minute in INCIDENT:
                lines.append(_record(moment, "error", "rdv-rappels", "échec d'envoi du rappel",
                                     reservation=reservation, canal="sms", tentative=1))
                lines.append(_record(moment + timedelta(milliseconds=5), "warning",
                                     "rdv-rappels", "nouvel essai dans 30 s",
                                     reservation=reservation))
            else:
                canal = rng.choice(["sms", "sms", "courriel"])
                lines.append(_record(moment, "info", "rdv-rappels", "rappel envoyé",
                                     reservation=reservation, canal=canal))
    return lines


def cri(lines: list[Line]) -> str:
    """Lines in the CRI log format, sorted by time."""
    ordered = sorted(lines, key=lambda line: line[0])
    return "".join(f"{moment.strftime('%Y-%m-%dT%H:%M:%S.%f')}000Z {stream} F {message}\n"
                   for moment, stream, message in ordered)


def generate() -> dict[str, str]:
    """Les trois journaux au format CRI (nom -> contenu), toujours identiques."""
    rng = random.Random(SEED)
    return {name: cri(make(rng)) for name, make in (
        ("api.log", api_lines), ("web.log", web_lines), ("rappels.log", reminder_lines))}


def write_files(folder: Path | None = None) -> Path:
    """Écrire les journaux dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
