"""Dependencies between the modules of an application: call graph, coupling, cycles, and the
decision to extract a module as a service.

Reference computations for the graders; pure functions on plain data (rows of a CSV file as
dictionaries of texts, as `csv.DictReader` or `pandas.DataFrame.to_dict("records")` give).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping

Graph = dict[str, list[str]]
DECISIONS = ("extraire", "cycle", "tables-partagees", "pas-de-raison")


def call_graph(modules: Iterable[str], calls: Iterable[Mapping[str, object]]) -> Graph:
    """Le graphe des appels : pour chaque module, la liste triée des modules qu'il appelle
    (chaque module est une clé, même s'il n'appelle personne)."""
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for call in calls:
        graph.setdefault(str(call["appelant"]), set()).add(str(call["appele"]))
        graph.setdefault(str(call["appele"]), set())
    return {m: sorted(callees) for m, callees in sorted(graph.items())}


def coupling(graph: Graph) -> dict[str, dict[str, float | int]]:
    """Couplage de chaque module : dépendances sortantes (Ce), entrantes (Ca) et instabilité
    Ce / (Ca + Ce) arrondie à 2 décimales (0.0 pour un module isolé)."""
    incoming = {m: 0 for m in graph}
    for callees in graph.values():
        for callee in set(callees):
            incoming[callee] = incoming.get(callee, 0) + 1
    result = {}
    for module, callees in graph.items():
        out, into = len(set(callees)), incoming.get(module, 0)
        result[module] = {"sortant": out, "entrant": into,
                          "instabilite": round(out / (out + into), 2) if out + into else 0.0}
    return result


def strongly_connected(graph: Graph) -> list[list[str]]:
    """Les composantes fortement connexes (algorithme de Tarjan, itératif), chacune triée."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph.get(root, [])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, []))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def in_cycle(graph: Graph) -> list[str]:
    """Les modules qui appartiennent à un cycle de dépendances (composante de plus d'un module,
    ou module qui s'appelle lui-même), triés."""
    found = {m for c in strongly_connected(graph) if len(c) > 1 for m in c}
    found |= {m for m, callees in graph.items() if m in callees}
    return sorted(found)


def shared_tables(modules: Iterable[Mapping[str, object]]) -> dict[str, list[str]]:
    """Pour chaque module, les tables qu'il partage avec au moins un autre module (triées)."""
    owners: dict[str, set[str]] = {}
    uses = {}
    for row in modules:
        used = {t for t in str(row["tables"]).split(";") if t}
        uses[str(row["module"])] = used
        for table in used:
            owners.setdefault(table, set()).add(str(row["module"]))
    return {m: sorted(t for t in used if len(owners[t]) > 1) for m, used in uses.items()}


def split_decisions(modules: list[Mapping[str, object]], graph: Graph) -> dict[str, str]:
    """La décision pour chaque module, dans cet ordre de priorité :

    « cycle » s'il est dans un cycle ; « tables-partagees » s'il partage une table ;
    « extraire » s'il a une raison d'être séparé (commits ≥ 2 × la médiane, ou pic de charge
    ≥ 3 × la médiane) ; sinon « pas-de-raison ».
    """
    cycles, shared = set(in_cycle(graph)), shared_tables(modules)
    commits = statistics.median(int(r["commits_6_mois"]) for r in modules)
    peaks = statistics.median(int(r["pic_requetes_s"]) for r in modules)
    decisions = {}
    for row in modules:
        name = str(row["module"])
        if name in cycles:
            decisions[name] = "cycle"
        elif shared[name]:
            decisions[name] = "tables-partagees"
        elif int(row["commits_6_mois"]) >= 2 * commits or int(row["pic_requetes_s"]) >= 3 * peaks:
            decisions[name] = "extraire"
        else:
            decisions[name] = "pas-de-raison"
    return dict(sorted(decisions.items()))
