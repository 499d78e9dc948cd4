"""Call graph, coupling, cycles and split decisions."""

from __future__ import annotations

from graders import dependencies

CALLS = [{"appelant": "a", "appele": "b"}, {"appelant": "b", "appele": "c"},
         {"appelant": "c", "appele": "a"}, {"appelant": "a", "appele": "b"},
         {"appelant": "d", "appele": "c"}, {"appelant": "e", "appele": "e"}]


def test_the_call_graph_has_every_module_and_sorted_callees():
    graph = dependencies.call_graph(["a", "b", "c", "d", "e", "f"], CALLS)
    assert graph == {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["c"], "e": ["e"], "f": []}


def test_coupling_counts_distinct_modules_and_rounds_instability():
    coupling = dependencies.coupling({"a": ["b", "c"], "b": ["c"], "c": [], "d": []})
    assert coupling["a"] == {"sortant": 2, "entrant": 0, "instabilite": 1.0}
    assert coupling["b"] == {"sortant": 1, "entrant": 1, "instabilite": 0.5}
    assert coupling["c"] == {"sortant": 0, "entrant": 2, "instabilite": 0.0}
    assert coupling["d"] == {"sortant": 0, "entrant": 0, "instabilite": 0.0}
    assert dependencies.coupling({"x": ["y", "z", "z"]})["x"]["sortant"] == 2


def test_cycles_are_strongly_connected_components_and_self_calls():
    graph = dependencies.call_graph(["a", "b", "c", "d", "e", "f"], CALLS)
    assert dependencies.in_cycle(graph) == ["a", "b", "c", "e"]
    assert sorted(map(tuple, dependencies.strongly_connected(graph))) == [
        ("a", "b", "c"), ("d",), ("e",), ("f",)]


def test_a_long_chain_does_not_exhaust_the_stack():
    chain = {f"m{i}": [f"m{i + 1}"] for i in range(5000)} | {"m5000": ["m0"]}
    assert len(dependencies.in_cycle(chain)) == 5001


def test_split_decisions_follow_the_rule_order():
    modules = [
        {"module": "a", "commits_6_mois": 100, "pic_requetes_s": 10, "tables": "t1"},
        {"module": "b", "commits_6_mois": 100, "pic_requetes_s": 10, "tables": "t2;t3"},
        {"module": "c", "commits_6_mois": 1, "pic_requetes_s": 10, "tables": "t3"},
        {"module": "d", "commits_6_mois": 10, "pic_requetes_s": 10, "tables": "t4"},
        {"module": "e", "commits_6_mois": 10, "pic_requetes_s": 90, "tables": "t5"},
        {"module": "f", "commits_6_mois": 10, "pic_requetes_s": 10, "tables": "t6"},
    ]
    graph = {"a": ["f"], "b": [], "c": [], "d": ["e"], "e": ["d"], "f": []}
    assert dependencies.split_decisions(modules, graph) == {
        "a": "extraire", "b": "tables-partagees", "c": "tables-partagees", "d": "cycle",
        "e": "cycle", "f": "pas-de-raison"}
