"""Couplage entre services : métriques, cycles, empreinte de test, proposition de découplage.

Un graphe de dépendances est une liste d'arêtes (appelant, appelé, type). Le type dit la
force du lien : « sync » (appel HTTP synchrone), « bdd » (lecture directe de la base d'un
autre service) sont des couplages forts ; « async » (événement publié puis consommé) est un
couplage faible. Calculs de référence des correcteurs, en Python pur.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import GradingError
from .results import CheckResult, Report, failed, passed

KINDS = ("sync", "async", "bdd")
STRONG = ("sync", "bdd")


@dataclass(frozen=True)
class Edge:
    caller: str
    callee: str
    kind: str


def read_graph(path: Path | str) -> list[Edge]:
    """Lire un fichier de dépendances (colonnes appelant, appele, type)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [Edge(r["appelant"], r["appele"], r["type"]) for r in csv.DictReader(handle)]


def services_of(edges: Iterable[Edge]) -> list[str]:
    """Les services cités par les arêtes, triés."""
    return sorted({e.caller for e in edges} | {e.callee for e in edges})


def coupling(edges: list[Edge], services: Iterable[str] | None = None) -> dict[str, dict]:
    """Couplage afférent Ca (qui dépend de moi), efférent Ce (de qui je dépends) et
    instabilité I = Ce / (Ca + Ce) de chaque service ; I vaut 0 pour un service isolé.

    Toute dépendance compte, quel que soit son type ; plusieurs liens entre deux mêmes
    services comptent une fois.
    """
    services = list(services) if services is not None else services_of(edges)
    pairs = {(e.caller, e.callee) for e in edges}
    result = {}
    for service in services:
        ca = sum(1 for _, callee in pairs if callee == service)
        ce = sum(1 for caller, _ in pairs if caller == service)
        result[service] = {"Ca": ca, "Ce": ce, "I": ce / (ca + ce) if ca + ce else 0.0}
    return result


def strong_successors(edges: Iterable[Edge]) -> dict[str, set[str]]:
    """Pour chaque service, les services dont il dépend par un couplage fort."""
    successors: dict[str, set[str]] = {}
    for edge in edges:
        if edge.kind in STRONG:
            successors.setdefault(edge.caller, set()).add(edge.callee)
    return successors


def reachable(successors: dict[str, set[str]], start: str) -> set[str]:
    """Tous les services atteignables depuis `start` en suivant les dépendances (sans lui,
    sauf s'il est sur un cycle)."""
    seen: set[str] = set()
    stack = list(successors.get(start, ()))
    while stack:
        service = stack.pop()
        if service not in seen:
            seen.add(service)
            stack.extend(successors.get(service, ()))
    return seen


def in_cycles(edges: list[Edge]) -> list[str]:
    """Les services pris dans au moins un cycle de couplages forts, triés."""
    successors = strong_successors(edges)
    return sorted(s for s in services_of(edges) if s in reachable(successors, s))


def test_footprint(edges: list[Edge], services: Iterable[str] | None = None) -> dict[str, int]:
    """Nombre d'autres services à démarrer pour tester chaque service : ceux dont il dépend,
    directement ou non, par un couplage fort (un événement se simule, un appel non)."""
    successors = strong_successors(edges)
    services = list(services) if services is not None else services_of(edges)
    return {s: len(reachable(successors, s) - {s}) for s in services}


def unstable_dependencies(edges: list[Edge]) -> list[list[str]]:
    """Les dépendances qui vont vers un service plus instable que l'appelant (principe des
    dépendances stables), sous la forme [appelant, appelé], triées."""
    metrics = coupling(edges)
    pairs = sorted({(e.caller, e.callee) for e in edges})
    return [[a, b] for a, b in pairs if metrics[a]["I"] < metrics[b]["I"]]


# ---------------------------------------------------------------------------------------------
# Decoupling proposal
# ---------------------------------------------------------------------------------------------


def apply_proposal(edges: list[Edge], proposal: list[dict]) -> list[Edge]:
    """Appliquer une proposition : une liste de changements
    {"appelant": …, "appele": …, "par": "async" | "sync"} qui remplacent le type d'une
    dépendance existante. Renvoie le nouveau graphe ; refuse un changement impossible."""
    if not isinstance(proposal, list):
        raise GradingError("La proposition doit être une liste de changements.",
                           "Par exemple [{\"appelant\": \"a\", \"appele\": \"b\", "
                           "\"par\": \"async\"}].")
    changed = list(edges)
    for number, change in enumerate(proposal, start=1):
        if not isinstance(change, dict) or set(change) != {"appelant", "appele", "par"}:
            raise GradingError(
                f"Changement n° {number} : il faut exactement les clés appelant, appele, par.",
                "Chaque changement est un dictionnaire de ces trois clés.")
        if change["par"] not in ("async", "sync"):
            raise GradingError(f"Changement n° {number} : « par » vaut « async » ou « sync ».")
        matching = [i for i, e in enumerate(changed)
                    if (e.caller, e.callee) == (change["appelant"], change["appele"])]
        if not matching:
            raise GradingError(
                f"Changement n° {number} : pas de dépendance {change['appelant']} → "
                f"{change['appele']} dans le graphe.",
                "On ne peut changer que le type d'une dépendance qui existe.")
        for index in matching:
            changed[index] = Edge(change["appelant"], change["appele"], change["par"])
    return changed


def check_proposal(edges: list[Edge], proposal: list[dict], focus: str,
                   max_changes: int) -> Report:
    """Vérifier une proposition de découplage sur le graphe transformé : plus de cycle, plus
    de base partagée, `focus` plus facile à tester qu'avant, au plus `max_changes`
    changements."""
    try:
        after = apply_proposal(edges, proposal)
    except GradingError as error:
        return Report.of([failed("proposition applicable", "des changements valides",
                                 error.message, error.hint or "")])
    cycles = in_cycles(after)
    shared = sorted({f"{e.caller} → {e.callee}" for e in after if e.kind == "bdd"})
    before_fp, after_fp = test_footprint(edges)[focus], test_footprint(after)[focus]
    return Report.of([
        _check(len(proposal) <= max_changes, f"au plus {max_changes} changements",
               f"{len(proposal)} changements",
               "Chaque changement coûte : gardez ceux qui cassent un cycle ou une base partagée."),
        _check(not cycles, "plus aucun cycle de couplages forts",
               f"services encore en cycle : {', '.join(cycles)}",
               "Rendez asynchrone l'un des appels de chaque cycle."),
        _check(not shared, "plus aucune base de données partagée",
               f"encore : {', '.join(shared)}",
               "Un service lit la base d'un autre : remplacez par un appel d'API ou un "
               "événement."),
        _check(after_fp < before_fp, f"« {focus} » plus facile à tester",
               f"{after_fp} services à démarrer (avant : {before_fp})",
               "Regardez les dépendances fortes qu'il atteint, directement ou non."),
    ])


def _check(ok: bool, what: str, found: str, hint: str) -> CheckResult:
    return passed(what) if ok else failed(what, "oui", found, hint)
