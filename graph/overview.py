"""Which entities the HTML view draws when it opens: a corpus graph is too big to draw whole.

A browser lays out a few hundred nodes in a second, and tens of thousands not at all, and most
entities of a corpus take part in no relation (they are only mentioned). So a graph with more
entities than the cap opens on an overview: entities ranked by the evidence for their
relations, each drawn entity joined to at least one other drawn one. The page keeps every
entity for its search, which draws any of them with its neighbours on demand.

Pure functions of the assembled graph (graph/assemble.py), deterministic: ties are broken by key.
This module imports nothing heavy, so the command line can read the default cap cheaply.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["DEFAULT_MAX_NODES", "EntityWeight", "entity_weights", "overview_nodes"]

#: Entities drawn when the page opens (`khabar build --html-max-nodes`): about what a browser
#: lays out in a second or two and an analyst can still read.
DEFAULT_MAX_NODES = 300


@dataclass(frozen=True)
class EntityWeight:
    """The evidence for an entity's relations: what ranks it for the overview."""

    statements: int = 0     # statements of its positive relations with other entities
    documents: int = 0      # distinct documents those statements come from
    neighbours: int = 0     # distinct entities it is related to


def _positive_edges(graph: nx.MultiDiGraph) -> Iterable[tuple[str, str, dict]]:
    """Relations between two different entities that are not denials (denials are hidden until
    asked, so they do not earn an entity a place in the overview)."""
    for u, v, data in graph.edges(data=True):
        if u != v and data.get("modality") != "negated":
            yield u, v, data


def entity_weights(graph: nx.MultiDiGraph) -> dict[str, EntityWeight]:
    """EntityWeight of every entity with at least one positive relation to another entity."""
    statements: dict[str, int] = defaultdict(int)
    documents: dict[str, set[str]] = defaultdict(set)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for u, v, data in _positive_edges(graph):
        count = int(data.get("count", len(data.get("statements", []))))
        docs = {st.doc_id for st in data.get("statements", [])}
        for this, other in ((u, v), (v, u)):
            statements[this] += count
            documents[this] |= docs
            neighbours[this].add(other)
    return {key: EntityWeight(statements[key], len(documents[key]), len(neighbours[key]))
            for key in statements}


def _pair_weights(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Entity -> neighbour -> statements between the two, in either direction."""
    pairs: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for u, v, data in _positive_edges(graph):
        count = int(data.get("count", len(data.get("statements", []))))
        pairs[u][v] += count
        pairs[v][u] += count
    return pairs


def overview_nodes(graph: nx.MultiDiGraph, max_nodes: int,
                   first: Iterable[str] = ()) -> list[str]:
    """The keys of the entities to draw, in the order they were chosen.

    A graph with at most `max_nodes` entities is drawn whole, entities without relations
    included. A larger one: the entities of `first` (e.g. the focus of `khabar view`), then
    the others by weight (statements, then documents, then neighbours, then mentions, then
    key), skipping entities without a positive relation. An entity none of whose neighbours is
    drawn yet comes with its strongest neighbour, so nothing drawn stands alone; where only one
    place is left such an entity is skipped (a cap of 1 draws the strongest entity alone).
    """
    if max_nodes < 1:
        raise ValueError(f"the HTML view needs room for at least 1 entity, not {max_nodes}")
    if graph.number_of_nodes() <= max_nodes:
        return sorted(graph.nodes)
    weights = entity_weights(graph)
    pairs = _pair_weights(graph)

    def rank(key: str) -> tuple:
        w = weights.get(key, EntityWeight())
        return (-w.statements, -w.documents, -w.neighbours,
                -int(graph.nodes[key].get("mentions", 0)), key)

    chosen: dict[str, None] = {}   # an ordered set
    for key in first:
        if key in graph and len(chosen) < max_nodes:
            chosen[key] = None
    for key in sorted(weights, key=rank):
        if len(chosen) >= max_nodes:
            break
        if key in chosen:
            continue
        if any(other in chosen for other in pairs[key]):
            chosen[key] = None
        elif not chosen and max_nodes == 1:
            chosen[key] = None
        elif len(chosen) + 2 <= max_nodes:
            strongest = min(pairs[key], key=lambda other: (-pairs[key][other], rank(other)))
            chosen[key] = None
            chosen[strongest] = None
    return list(chosen)
