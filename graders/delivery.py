"""Indicateurs de livraison : les cinq métriques DORA et la chaîne de valeur d'un service.

Ce sont les calculs de référence des correcteurs : ils relisent les fichiers de données du
module (CSV) et recalculent les valeurs attendues, en Python pur, indépendamment du code
pandas de l'apprenant. Les durées sont en heures (DORA) ou en jours (chaîne de valeur), les
taux en pourcentage (0 à 100).
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import GradingError
from .results import CheckResult, Report, failed, passed, plain

HOUR = 3600.0
DAY = 24 * HOUR

# ---------------------------------------------------------------------------------------------
# Reading the data files
# ---------------------------------------------------------------------------------------------


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Deployment:
    id: str
    at: datetime
    environment: str
    kind: str  # "planifié" or "correctif"
    quality_gate: str  # "OK" or "KO"


@dataclass(frozen=True)
class Change:
    id: str
    deployment: str
    committed: datetime


@dataclass(frozen=True)
class Incident:
    id: str
    start: datetime
    end: datetime
    cause: str
    deployment: str  # "" when no deployment caused it


@dataclass(frozen=True)
class DeliveryLog:
    """Le journal de livraison d'un service : déploiements, changements, incidents."""

    deployments: tuple[Deployment, ...]
    changes: tuple[Change, ...]
    incidents: tuple[Incident, ...]


def read_log(folder: Path | str) -> DeliveryLog:
    """Lire deploiements.csv, changements.csv et incidents.csv d'un dossier de module."""
    folder = Path(folder)
    deployments = tuple(
        Deployment(r["deploiement"], _time(r["date"]), r["environnement"], r["type"],
                   r["quality_gate"]) for r in _rows(folder / "deploiements.csv"))
    changes = tuple(Change(r["changement"], r["deploiement"], _time(r["date_commit"]))
                    for r in _rows(folder / "changements.csv"))
    incidents = tuple(
        Incident(r["incident"], _time(r["debut"]), _time(r["fin"]), r["cause"], r["deploiement"])
        for r in _rows(folder / "incidents.csv"))
    return DeliveryLog(deployments, changes, incidents)


# ---------------------------------------------------------------------------------------------
# The five DORA metrics
# ---------------------------------------------------------------------------------------------

METRICS = ("frequence_par_semaine", "delai_median_heures", "taux_d_echec",
           "retablissement_median_heures", "taux_de_reprise")


def production(log: DeliveryLog, start: str | datetime, end: str | datetime
               ) -> list[Deployment]:
    """Les déploiements en production de la période [start, end[ (dates ISO ou datetime)."""
    start, end = _bound(start), _bound(end)
    return [d for d in log.deployments if d.environment == "prod" and start <= d.at < end]


def _bound(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def deployment_frequency(log: DeliveryLog, start: str | datetime, end: str | datetime) -> float:
    """Nombre moyen de déploiements en production par semaine sur la période."""
    days = (_bound(end) - _bound(start)).total_seconds() / DAY
    return len(production(log, start, end)) / (days / 7)


def lead_times(log: DeliveryLog, start: str | datetime, end: str | datetime) -> list[float]:
    """Délai de chaque changement livré dans la période : du commit à la production (heures)."""
    shipped = {d.id: d.at for d in production(log, start, end)}
    return [(shipped[c.deployment] - c.committed).total_seconds() / HOUR
            for c in log.changes if c.deployment in shipped]


def failed_deployments(log: DeliveryLog, start: str | datetime, end: str | datetime
                       ) -> set[str]:
    """Les déploiements en production de la période qui ont causé au moins un incident."""
    ids = {d.id for d in production(log, start, end)}
    return {i.deployment for i in log.incidents if i.deployment in ids}


def recovery_times(log: DeliveryLog, start: str | datetime, end: str | datetime) -> list[float]:
    """Durée (heures) des incidents causés par un déploiement de la période ; les pannes qui
    ne viennent pas d'un déploiement (hébergeur, service externe) ne comptent pas."""
    ids = {d.id for d in production(log, start, end)}
    return [(i.end - i.start).total_seconds() / HOUR for i in log.incidents if i.deployment in ids]


def dora_metrics(log: DeliveryLog, start: str | datetime, end: str | datetime
                 ) -> dict[str, float | None]:
    """Les cinq métriques DORA de la période [start, end[.

    - fréquence : déploiements en production par semaine ;
    - délai : médiane, en heures, du commit à la production, sur les changements livrés ;
    - taux d'échec : part (%) des déploiements en production qui ont causé un incident ;
    - rétablissement : médiane, en heures, de la durée des incidents causés par un déploiement
      (None quand il n'y en a pas) ;
    - taux de reprise : part (%) des déploiements en production qui sont des correctifs non
      planifiés.
    """
    deployed = production(log, start, end)
    leads, recoveries = lead_times(log, start, end), recovery_times(log, start, end)
    return {
        "frequence_par_semaine": deployment_frequency(log, start, end),
        "delai_median_heures": statistics.median(leads) if leads else None,
        "taux_d_echec": _percent(len(failed_deployments(log, start, end)), len(deployed)),
        "retablissement_median_heures": statistics.median(recoveries) if recoveries else None,
        "taux_de_reprise": _percent(sum(d.kind == "correctif" for d in deployed), len(deployed)),
    }


def failure_rate_by_gate(log: DeliveryLog, start: str | datetime, end: str | datetime
                         ) -> dict[str, float]:
    """Taux d'échec (%) des déploiements en production selon l'état du quality gate."""
    failed = failed_deployments(log, start, end)
    result = {}
    for gate in ("OK", "KO"):
        group = [d for d in production(log, start, end) if d.quality_gate == gate]
        result[gate] = _percent(sum(d.id in failed for d in group), len(group))
    return result


def incidents_after_failed_gate(log: DeliveryLog, start: str | datetime,
                                end: str | datetime) -> int:
    """Nombre d'incidents causés par des déploiements partis avec un quality gate KO."""
    ko = {d.id for d in production(log, start, end) if d.quality_gate == "KO"}
    return sum(i.deployment in ko for i in log.incidents)


# ---------------------------------------------------------------------------------------------
# Performance levels (grid of the kit, read from the DORA 2024 report)
# ---------------------------------------------------------------------------------------------

LEVELS = ("élite", "élevé", "moyen", "faible")


@dataclass(frozen=True)
class Band:
    """The limits between levels for one metric, best level first."""

    limits: tuple[float, float, float]
    higher_is_better: bool
    strict: bool  # a value equal to a limit is in the worse level

    def level(self, value: float) -> str:
        for name, limit in zip(LEVELS, self.limits, strict=False):
            if self.higher_is_better and value >= limit:
                return name
            if not self.higher_is_better and (value < limit if self.strict else value <= limit):
                return name
        return LEVELS[-1]


BANDS = {
    # at least once a day, once a week, once a month (7/30 a week)
    "frequence_par_semaine": Band((7.0, 1.0, 7 / 30), higher_is_better=True, strict=False),
    # under a day, a week, a month (30 days)
    "delai_median_heures": Band((24.0, 168.0, 720.0), higher_is_better=False, strict=True),
    # at most 5 %, 10 %, 20 %
    "taux_d_echec": Band((5.0, 10.0, 20.0), higher_is_better=False, strict=False),
    # under an hour, a day, a week
    "retablissement_median_heures": Band((1.0, 24.0, 168.0), higher_is_better=False,
                                         strict=True),
}


def level(metric: str, value: float) -> str:
    """Le niveau (« élite », « élevé », « moyen », « faible ») d'une valeur de métrique.

    Grille du kit, tirée du rapport DORA 2024 : le taux de reprise n'y a pas de niveaux.
    """
    if metric not in BANDS:
        raise KeyError(f"pas de niveaux publiés pour la métrique « {metric} »")
    return BANDS[metric].level(value)


def levels(metrics: dict[str, float | None]) -> dict[str, str]:
    """Le niveau de chaque métrique qui en a un (celles qui valent None sont omises)."""
    return {name: level(name, value) for name, value in metrics.items()
            if name in BANDS and value is not None}


# ---------------------------------------------------------------------------------------------
# Value stream: lead time, work and waiting time, rework
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """One pass of a work item through an activity of the value stream."""

    ticket: str
    step: int  # the activity's position in the stream (1 = first)
    activity: str
    start: datetime
    end: datetime
    wait: float  # days waited before this pass (0 for the ticket's first pass)
    back: bool  # True when the ticket came back to an earlier activity (rework)
    sent_back_by: str  # the activity that sent the ticket back, when back is True

    @property
    def work(self) -> float:
        return (self.end - self.start).total_seconds() / DAY


def read_passages(path: Path | str) -> list[Passage]:
    """Lire un journal d'événements (ticket, etape, activite, debut, fin) en passages
    ordonnés, avec l'attente avant chaque passage et les retours en arrière."""
    by_ticket: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _rows(Path(path)):
        by_ticket[row["ticket"]].append(row)
    passages = []
    for ticket, rows in by_ticket.items():
        rows.sort(key=lambda r: r["debut"])
        previous = None
        for row in rows:
            start, step = _time(row["debut"]), int(row["etape"])
            wait = (start - previous.end).total_seconds() / DAY if previous else 0.0
            back = previous is not None and step < previous.step
            passage = Passage(ticket, step, row["activite"], start, _time(row["fin"]), wait,
                              back, previous.activity if back else "")
            passages.append(passage)
            previous = passage
    return passages


def _tickets(passages: list[Passage]) -> dict[str, list[Passage]]:
    grouped: dict[str, list[Passage]] = defaultdict(list)
    for passage in passages:
        grouped[passage.ticket].append(passage)
    return grouped


def ticket_lead_times(passages: list[Passage]) -> dict[str, float]:
    """Délai de bout en bout de chaque ticket (jours) : du début de sa première activité à
    la fin de sa dernière."""
    return {ticket: (max(p.end for p in ps) - min(p.start for p in ps)).total_seconds() / DAY
            for ticket, ps in _tickets(passages).items()}


def ticket_work_times(passages: list[Passage]) -> dict[str, float]:
    """Temps de travail effectif de chaque ticket (jours) : somme de ses passages."""
    return {ticket: sum(p.work for p in ps) for ticket, ps in _tickets(passages).items()}


def flow_efficiency(passages: list[Passage]) -> float:
    """Efficacité du flux (%) : temps de travail total / délai total, sur tous les tickets."""
    return 100.0 * sum(ticket_work_times(passages).values()) / sum(
        ticket_lead_times(passages).values())


def waiting_by_activity(passages: list[Passage]) -> dict[str, float]:
    """Attente cumulée (jours) avant chaque activité, tous tickets et passages confondus."""
    totals: dict[str, float] = defaultdict(float)
    for passage in passages:
        totals[passage.activity] += passage.wait
    return dict(totals)


def rework_rate(passages: list[Passage]) -> float:
    """Part (%) des tickets revenus au moins une fois en arrière (reprise)."""
    tickets = _tickets(passages)
    reworked = sum(any(p.back for p in ps) for ps in tickets.values())
    return _percent(reworked, len(tickets))


def sent_back_by_activity(passages: list[Passage]) -> dict[str, int]:
    """Nombre de renvois en arrière déclenchés par chaque activité (celles qui en ont fait)."""
    return dict(Counter(p.sent_back_by for p in passages if p.back))


def lead_times_without(passages: list[Passage], removed: dict[str, float]) -> dict[str, float]:
    """Délai de chaque ticket (jours) si l'attente avant certaines activités diminuait :
    `removed` donne, par activité, la part de l'attente supprimée (1.0 = toute)."""
    leads = ticket_lead_times(passages)
    for passage in passages:
        leads[passage.ticket] -= passage.wait * removed.get(passage.activity, 0.0)
    return leads


def read_practices(path: Path | str) -> dict[str, dict[str, str]]:
    """Lire un catalogue de pratiques : identifiant -> activité visée et problème traité."""
    return {r["pratique"]: {"activite": r["activite"], "probleme": r["probleme"]}
            for r in _rows(Path(path))}


_ARTICLE = {"attente": "l'attente", "reprise": "la reprise"}


def problems_to_solve(passages: list[Passage], waits: int = 2) -> dict[str, str]:
    """Les problèmes que montrent les données : les `waits` activités précédées de la plus
    longue attente (« attente ») et l'activité qui renvoie le plus de tickets en arrière
    (« reprise »)."""
    waiting = waiting_by_activity(passages)
    targets = {a: "attente" for a in sorted(waiting, key=lambda a: -waiting[a])[:waits]}
    sent_back = sent_back_by_activity(passages)
    if sent_back:
        targets.setdefault(max(sent_back, key=lambda a: sent_back[a]), "reprise")
    return targets


def check_practices(proposals: object, passages: list[Passage],
                    catalogue: dict[str, dict[str, str]]) -> Report:
    """Vérifier des propositions {activité: pratique} : une pour chaque problème que montrent
    les données, chacune visant cette activité et ce problème-là."""
    targets = problems_to_solve(passages)
    try:
        value = plain(proposals, "vos propositions")
    except GradingError as error:
        return Report.of([failed("propositions", "un dictionnaire {activité: pratique}",
                                 error.message)])
    if not isinstance(value, dict):
        return Report.of([failed("propositions", "un dictionnaire {activité: pratique}",
                                 type(value).__name__)])
    results = [_fact(sorted(value) == sorted(targets), "une proposition par problème mesuré",
                     ", ".join(sorted(targets)), ", ".join(sorted(value)) or "aucune",
                     "Les deux plus longues attentes et l'activité qui renvoie le plus de "
                     "tickets en arrière.")]
    for activity, problem in targets.items():
        practice = value.get(activity)
        entry = catalogue.get(practice) if isinstance(practice, str) else None
        results.append(_fact(
            entry is not None and entry == {"activite": activity, "probleme": problem},
            f"« {activity} » : une pratique contre {_ARTICLE[problem]}",
            f"une pratique du catalogue qui agit sur « {activity} » contre {_ARTICLE[problem]}",
            repr(practice), "Lisez les colonnes activite et probleme du catalogue."))
    return Report.of(results)


def _fact(ok: bool, what: str, expected: str, found: str, hint: str) -> CheckResult:
    return passed(what) if ok else failed(what, expected, found, hint)
