"""Ephemeral preview environments: live checks and the cost of always-on vs ephemeral.

A preview environment ("environnement de revue") serves one merge request: created when the
merge request opens, destroyed when it closes, and at the latest after a maximum lifetime.
In the sandbox it is a set of objects of the module's namespace that carry the label
`cpn.kit/preview: mr-<n>` (on the platform, it would be a namespace of its own).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from kubernetes import client

from . import conformity
from .errors import GradingError
from .results import CheckResult, Report, failed, passed, plain

PREVIEW_LABEL = "cpn.kit/preview"
EXPIRY_ANNOTATION = "cpn.kit/expire-le"
_KINDS = ("Deployment", "ReplicaSet", "Pod", "Service", "ConfigMap")


def preview_objects(api: client.ApiClient, namespace: str, preview: str) -> list[str]:
    """Les objets (« Kind/nom ») qui portent le label d'un environnement de revue."""
    selector = f"{PREVIEW_LABEL}={preview}"
    apps, core = client.AppsV1Api(api), client.CoreV1Api(api)
    listings = {
        "Deployment": apps.list_namespaced_deployment,
        "ReplicaSet": apps.list_namespaced_replica_set,
        "Pod": core.list_namespaced_pod,
        "Service": core.list_namespaced_service,
        "ConfigMap": core.list_namespaced_config_map,
    }
    return [f"{kind}/{item.metadata.name}" for kind in _KINDS
            for item in listings[kind](namespace, label_selector=selector).items]


def preview_gone(api: client.ApiClient, namespace: str, preview: str) -> CheckResult:
    """Plus aucun objet de l'environnement de revue dans le namespace."""
    what = f"environnement « {preview} » détruit"
    left = preview_objects(api, namespace, preview)
    if left:
        shown = ", ".join(left[:6]) + (" …" if len(left) > 6 else "")
        return failed(what, f"aucun objet portant {PREVIEW_LABEL}={preview}", shown,
                      "Supprimez chaque sorte d'objet (Deployment, Service, ConfigMap) par "
                      "sélecteur de label ; les pods disparaissent avec leur Deployment.")
    return passed(what)


def preview_present(api: client.ApiClient, namespace: str, preview: str) -> CheckResult:
    """L'environnement de revue existe encore (son Deployment au moins)."""
    what = f"environnement « {preview} » conservé"
    kinds = {name.split("/")[0] for name in preview_objects(api, namespace, preview)}
    if "Deployment" not in kinds:
        return failed(what, "son Deployment toujours présent", "il a été supprimé",
                      "Ne supprimez que les environnements dont la date d'expiration est "
                      "passée.", final=True)
    return passed(what)


def _expiry(obj: Mapping) -> datetime | None:
    text = ((obj.get("metadata") or {}).get("annotations") or {}).get(EXPIRY_ANNOTATION)
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _labels(obj: Mapping) -> dict:
    return (obj.get("metadata") or {}).get("labels") or {}


def _selection(selector: Mapping, pod_labels: Mapping, preview: str) -> str | None:
    """What is wrong with a selector meant to choose the pods of one preview environment."""
    if selector.get(PREVIEW_LABEL) != preview:
        return (f"le sélecteur {dict(selector)} ne contient pas {PREVIEW_LABEL}: {preview} : "
                "il choisirait aussi les pods des autres environnements")
    if any(pod_labels.get(k) != v for k, v in selector.items()):
        return f"le sélecteur {dict(selector)} ne correspond pas aux labels des pods {pod_labels}"
    return None


def preview_conformity(api: client.ApiClient, namespace: str, preview: str,
                       environment: str = "prod") -> CheckResult:
    """Conformité au CCT des seuls objets de l'environnement de revue (le namespace peut en
    contenir d'autres, par exemple en mode cohorte)."""
    objects = [o for o in conformity.live_objects(api, namespace)
               if _labels(o).get(PREVIEW_LABEL) == preview]
    what = f"conformité au CCT de l'environnement « {preview} »"
    if not objects:
        return failed(what, f"des objets portant {PREVIEW_LABEL}={preview}", "aucun objet",
                      "Créez l'environnement avec session.apply(...).", final=True)
    return conformity.evaluate(objects, environment).check(what)


def check_manifests(manifests: object, mr: int, max_hours: float,
                    now: datetime | None = None) -> Report:
    """Les manifestes d'un environnement de revue, tels que la fonction de l'apprenant les rend.

    Un ConfigMap « rdv-mr-<n>-config », un Deployment et un Service « rdv-mr-<n> », tous avec
    le label cpn.kit/preview: mr-<n> et l'annotation d'expiration (maintenant + durée de vie) ;
    un Deployment de 2 réplicas et un Service qui ne choisissent que les pods de cet
    environnement ; le tout conforme au CCT.
    """
    what, preview, name = f"environnement de revue de la MR {mr}", f"mr-{mr}", f"rdv-mr-{mr}"
    try:
        objects = plain(manifests, what)
    except GradingError as error:
        return Report.of([failed(what, "une liste de manifestes (dictionnaires)", error.message)])
    if not isinstance(objects, list) or not all(isinstance(o, dict) for o in objects):
        return Report.of([failed(what, "une liste de manifestes (dictionnaires)",
                                 type(objects).__name__)])
    kinds = sorted(str(o.get("kind")) for o in objects)
    if kinds != ["ConfigMap", "Deployment", "Service"]:
        return Report.of([failed(what, "un ConfigMap, un Deployment et un Service", str(kinds),
                                 "Renvoyez la liste [configmap, deployment, service].")])
    by_kind = {o["kind"]: o for o in objects}
    problems = []
    expected_names = {"ConfigMap": f"{name}-config", "Deployment": name, "Service": name}
    now = now or datetime.now(UTC)
    for kind, wanted in expected_names.items():
        obj = by_kind[kind]
        found = (obj.get("metadata") or {}).get("name")
        if found != wanted:
            problems.append(f"{kind} nommé « {found} » au lieu de « {wanted} »")
        if _labels(obj).get(PREVIEW_LABEL) != preview:
            problems.append(f"{kind} sans le label {PREVIEW_LABEL}: {preview}")
        expiry = _expiry(obj)
        if expiry is None or abs((expiry - now - timedelta(hours=max_hours)).total_seconds()) > 600:
            problems.append(f"{kind} : annotation {EXPIRY_ANNOTATION} absente ou éloignée de "
                            f"maintenant + {max_hours:g} h")
    deployment, service = by_kind["Deployment"], by_kind["Service"]
    spec = deployment.get("spec") or {}
    pod_labels = ((spec.get("template") or {}).get("metadata") or {}).get("labels") or {}
    if spec.get("replicas") != 2:
        problems.append(f"Deployment : {spec.get('replicas')} réplica(s) au lieu de 2")
    for kind, selector in (("Deployment", (spec.get("selector") or {}).get("matchLabels") or {}),
                           ("Service", (service.get("spec") or {}).get("selector") or {})):
        problem = _selection(selector, pod_labels, preview)
        if problem:
            problems.append(f"{kind} : {problem}")
    results = [failed(what, "des objets propres à cet environnement, repérables et datés",
                      "\n              ".join(problems),
                      "Chaque nom, label et sélecteur dépend du numéro de la MR.")
               if problems else passed(what)]
    results.append(conformity.evaluate(objects).check(f"conformité au CCT ({what})"))
    return Report.of(results)


def check_duration(seconds: object, what: str, api: client.ApiClient | None = None,
                   namespace: str = "", deployment: str = "") -> CheckResult:
    """Une durée mesurée en secondes (float), plausible ; si le Deployment existe encore, pas
    plus longue que le temps écoulé depuis sa création (à 3 s près)."""
    if type(seconds) is not float:
        return failed(what, "un nombre de secondes (float, par exemple time.monotonic() - debut)",
                      f"{type(seconds).__name__} : {seconds!r}")
    if not 0 < seconds <= 90:
        return failed(what, "entre 0 et 90 secondes", f"{seconds:.3f}",
                      "Mesurez en secondes avec time.monotonic(), avant et après l'attente.")
    if api is not None:
        found = client.AppsV1Api(api).list_namespaced_deployment(
            namespace, field_selector=f"metadata.name={deployment}").items
        if found:
            born = found[0].metadata.creation_timestamp
            elapsed = (datetime.now(UTC) - born).total_seconds()
            ready = [c.last_transition_time for c in (found[0].status.conditions or [])
                     if c.type == "Available" and c.status == "True"]
            if seconds > elapsed + 3:
                return failed(what, f"au plus {elapsed:.0f} s (l'âge du Deployment)",
                              f"{seconds:.1f} s", "Ne mesurez que la création elle-même.")
            if ready and seconds < (ready[0] - born).total_seconds() - 1:
                return failed(what, "une mesure qui va jusqu'à la disponibilité des pods",
                              f"{seconds:.1f} s",
                              "Arrêtez le chronomètre après l'attente (wait_for), pas avant.")
    return passed(what)


# Cost of always-on vs ephemeral ------------------------------------------------------------

def read_merge_requests(path: str | Path) -> list[dict]:
    """Lire les merge requests (CSV) : dates converties, None pour une MR encore ouverte."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{**row, "ouverte_le": datetime.fromisoformat(row["ouverte_le"]),
             "fermee_le": datetime.fromisoformat(row["fermee_le"]) if row["fermee_le"] else None}
            for row in rows]


def read_price_grid(path: str | Path) -> dict:
    """Lire la grille tarifaire du kit (YAML)."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def lifetimes(merge_requests: Iterable[Mapping], end: datetime,
              max_hours: float) -> list[tuple[datetime, datetime]]:
    """Vie de l'environnement de chaque MR : de l'ouverture à la fermeture, au plus
    `max_hours` heures, et au plus tard à `end` (fin de la période)."""
    spans = []
    for mr in merge_requests:
        start = mr["ouverte_le"]
        stop = min(mr["fermee_le"] or end, start + timedelta(hours=max_hours), end)
        spans.append((start, stop))
    return spans


def peak(spans: Iterable[tuple[datetime, datetime]]) -> int:
    """Le plus grand nombre d'environnements vivants en même temps.

    Un environnement vit de son début (inclus) à sa fin (exclue) : à un même instant, une
    destruction passe avant une création.
    """
    events = sorted([(stop, -1) for _, stop in spans] + [(start, 1) for start, _ in spans])
    alive = highest = 0
    for _, change in events:
        alive += change
        highest = max(highest, alive)
    return highest


def hourly_cost(grid: Mapping) -> float:
    """Coût d'une heure d'un environnement de revue (euros), d'après ses composants."""
    prices = grid["prix"]
    parts = grid["environnement_revue"]["composants"]
    return (sum(p["vcpu"] for p in parts) * prices["vcpu_heure"]
            + sum(p["memoire_gio"] for p in parts) * prices["gio_heure"])


def costs(merge_requests: Iterable[Mapping], grid: Mapping) -> dict[str, float | int]:
    """Toujours allumé ou éphémère, pour le même service (un environnement par MR ouverte).

    - heures_env : heures de vie cumulées des environnements éphémères ;
    - pic : environnements simultanés au plus fort (autant d'environnements permanents
      seraient nécessaires pour le même service) ;
    - cout_ephemere : heures_env × coût horaire + créations × minutes de CI × prix de la minute ;
    - cout_toujours_allume : pic × heures de la période × coût horaire ;
    - economie_pct : part du coût toujours allumé économisée. Montants arrondis au centime.
    """
    merge_requests = list(merge_requests)
    period = grid["periode"]
    start = datetime.fromisoformat(str(period["debut"]))
    end = datetime.fromisoformat(str(period["fin"]))
    spans = lifetimes(merge_requests, end, grid["duree_vie_max_h"])
    hours = sum((stop - begin).total_seconds() for begin, stop in spans) / 3600
    rate = hourly_cost(grid)
    creations = len(merge_requests) * grid["environnement_revue"]["creation_minutes_ci"] * grid[
        "prix"]["minute_ci"]
    ephemeral = hours * rate + creations
    highest = peak(spans)
    always_on = highest * (end - start).total_seconds() / 3600 * rate
    return {"heures_env": round(hours, 1), "pic": highest,
            "cout_ephemere": round(ephemeral, 2), "cout_toujours_allume": round(always_on, 2),
            "economie_pct": round(100 * (1 - ephemeral / always_on), 1)}
