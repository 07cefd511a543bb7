"""Which entities the HTML view opens on (graph/overview.py): the cap, no lone entities, the
strongest relations first, the focus first, the same choice every time."""
from __future__ import annotations

import networkx as nx
import pytest
from html_fixtures import (FAR, FARTHER, HUB, LONERS, NORTH, OVERVIEW_CAP, SOUTH, SPOKES,
                           overview_graph, overview_results, small_graph)

from graph.assemble import assemble
from graph.overview import EntityWeight, entity_weights, overview_nodes


def _drawn_neighbours(graph: nx.MultiDiGraph, chosen: list[str]) -> dict[str, set[str]]:
    keep = set(chosen)
    out: dict[str, set[str]] = {key: set() for key in chosen}
    for u, v, data in graph.edges(data=True):
        if u in keep and v in keep and u != v and data["modality"] != "negated":
            out[u].add(v)
            out[v].add(u)
    return out


def test_a_graph_under_the_cap_is_drawn_whole_with_its_loners():
    graph = small_graph()
    assert overview_nodes(graph, graph.number_of_nodes()) == sorted(graph.nodes)
    assert "wd:Q270" in overview_nodes(graph, 300)     # Warsaw: mentioned, in no relation


def test_weights_count_statements_documents_and_neighbours_of_positive_relations():
    weights = entity_weights(small_graph())
    # Poland: supports x2 (two documents), seeksFrom, provides, leaderOf; the denial not counted
    assert weights["wd:Q36"] == EntityWeight(statements=5, documents=2, neighbours=3)
    assert "wd:Q270" not in weights                    # no relation, no weight


def test_over_the_cap_the_strongest_are_drawn_and_none_alone():
    graph = overview_graph()
    chosen = overview_nodes(graph, OVERVIEW_CAP)
    assert chosen == [HUB.key, SPOKES[0].key, NORTH.key, SOUTH.key, SPOKES[11].key]
    assert not {FAR.key, FARTHER.key} & set(chosen)
    assert not {loner.key for loner in LONERS} & set(chosen)
    assert all(_drawn_neighbours(graph, chosen).values())


@pytest.mark.parametrize("cap", [1, 2, 3, 6, 9, 20, 36])
def test_any_cap_is_kept_and_every_drawn_entity_has_a_drawn_neighbour(cap):
    graph = overview_graph()
    chosen = overview_nodes(graph, cap)
    assert 0 < len(chosen) <= cap and len(set(chosen)) == len(chosen)
    if cap > 1:
        assert all(_drawn_neighbours(graph, chosen).values()), chosen
    else:
        assert chosen == [HUB.key]     # a page of one entity shows the strongest
    assert not {loner.key for loner in LONERS} & set(chosen)   # 37 entities > every cap here


def test_an_entity_whose_neighbours_are_not_drawn_comes_with_its_strongest():
    # without the hub, the traveller ranks first; his relations: the village and spoke 11,
    # one statement each; spoke 11 is mentioned more, so it is the one drawn with him
    graph = overview_graph()
    for key in (HUB.key, NORTH.key, SOUTH.key):
        graph.remove_node(key)
    assert overview_nodes(graph, 3) == [FAR.key, SPOKES[11].key, FARTHER.key]
    # with one place left, an entity none of whose neighbours is drawn is skipped
    graph = overview_graph()
    graph.remove_node(HUB.key)
    assert overview_nodes(graph, 3) == [NORTH.key, SOUTH.key]


def test_the_focus_is_drawn_first():
    chosen = overview_nodes(overview_graph(), OVERVIEW_CAP, first=[FARTHER.key])
    assert chosen[0] == FARTHER.key and len(chosen) == OVERVIEW_CAP


def test_the_choice_does_not_depend_on_input_order():
    results = overview_results()
    assert overview_nodes(assemble(results), 7) == overview_nodes(assemble(reversed(results)), 7)


def test_a_cap_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        overview_nodes(small_graph(), 0)
