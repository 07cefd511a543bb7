"""Focused subgraphs of a corpus graph: a graph of thousands of nodes is unreadable whole.

Pure functions from an assembled graph (graph/assemble.py) to a smaller graph of the same shape,
so any writer (the HTML view above all) can draw it. Each result is a new graph; node and edge
attributes are copied, and ``graph.graph["documents"]`` / ``["sentences"]`` keep only the
documents the subgraph still refers to.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import networkx as nx

__all__ = ["FocusError", "find_entity", "neighbourhood", "top_by_degree", "by_relation",
           "by_document"]


class FocusError(ValueError):
    """The focus names nothing in the graph; the message says what would."""


def _norm(text: str) -> str:
    """Loose match key: case, Unicode form, Arabic diacritics and tatweel do not matter."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u0640", "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).strip()


def _names(key: str, data: dict) -> set[str]:
    names = {key, data.get("label", ""), data.get("label_en", ""), data.get("qid", "")}
    names.update(data.get("aliases", []))
    return {_norm(n) for n in names if n}


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node key named by `name`: its key, QID, Arabic or English label, or an alias.

    Failing an exact match, whole words of a name match ("Putin" finds "Vladimir Putin").
    Several matches: the most mentioned wins (then the smallest key, for determinism).
    """
    wanted = _norm(name)
    if not wanted:
        raise FocusError("an entity name is needed")
    matches = [k for k, d in graph.nodes(data=True) if wanted in _names(k, d)]
    if not matches:
        padded = f" {wanted} "
        matches = [k for k, d in graph.nodes(data=True)
                   if any(padded in f" {n} " for n in _names(k, d))]
    if not matches:
        near = sorted(k for k, d in graph.nodes(data=True)
                      if any(wanted in n for n in _names(k, d)))[:5]
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise FocusError(f"no entity named {name!r} in the graph{hint}")
    return min(matches, key=lambda k: (-graph.nodes[k].get("mentions", 0), k))


def _restrict_documents(sub: nx.MultiDiGraph, source: nx.MultiDiGraph,
                        keep: Iterable[str] | None = None) -> nx.MultiDiGraph:
    if keep is None:
        ids: set[str] = set()
        for _, data in sub.nodes(data=True):
            ids.update(data.get("documents", []))
        for _, _, data in sub.edges(data=True):
            ids.update(st.doc_id for st in data.get("statements", []))
    else:
        ids = set(keep)
    docs = source.graph.get("documents", {})
    sents = source.graph.get("sentences", {})
    sub.graph = dict(source.graph)
    sub.graph["documents"] = {k: v for k, v in docs.items() if k in ids}
    sub.graph["sentences"] = {k: v for k, v in sents.items() if k in ids}
    return sub


def _induced(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    sub = nx.MultiDiGraph()
    keep = set(nodes)
    sub.add_nodes_from((k, dict(d)) for k, d in graph.nodes(data=True) if k in keep)
    sub.add_edges_from((u, v, k, dict(d)) for u, v, k, d in graph.edges(keys=True, data=True)
                       if u in keep and v in keep)
    return _restrict_documents(sub, graph)


def neighbourhood(graph: nx.MultiDiGraph, key: str, hops: int = 2) -> nx.MultiDiGraph:
    """The entity `key` and everything within `hops` relations of it, in either direction."""
    if key not in graph:
        raise FocusError(f"no entity {key!r} in the graph")
    if hops < 0:
        raise FocusError("--hops must be 0 or more")
    lengths = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), key,
                                                    cutoff=hops)
    return _induced(graph, lengths)


def top_by_degree(graph: nx.MultiDiGraph, n: int) -> nx.MultiDiGraph:
    """The `n` entities with the most distinct neighbours (ties: most mentions, then key)."""
    if n < 1:
        raise FocusError("--top must be 1 or more")
    undirected = nx.Graph(graph)
    undirected.remove_edges_from(nx.selfloop_edges(undirected))
    ranked = sorted(graph.nodes, key=lambda k: (-undirected.degree(k),
                                                -graph.nodes[k].get("mentions", 0), k))
    return _induced(graph, ranked[:n])


def by_relation(graph: nx.MultiDiGraph, predicate: str) -> nx.MultiDiGraph:
    """Every edge with `predicate` (negated ones included) and the entities they join."""
    edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)
             if d.get("predicate") == predicate]
    if not edges:
        present = sorted({d.get("predicate", "") for _, _, d in graph.edges(data=True)})
        raise FocusError(f"no {predicate!r} relation in the graph; present: "
                         + (", ".join(present) or "none"))
    sub = nx.MultiDiGraph()
    for u, v, _, _ in edges:
        for node in (u, v):
            if node not in sub:
                sub.add_node(node, **dict(graph.nodes[node]))
    sub.add_edges_from((u, v, k, dict(d)) for u, v, k, d in edges)
    return _restrict_documents(sub, graph)


def by_document(graph: nx.MultiDiGraph, doc_id: str) -> nx.MultiDiGraph:
    """The entities one document mentions and the statements it makes (its evidence only)."""
    if doc_id not in graph.graph.get("documents", {}):
        raise FocusError(f"no document {doc_id!r} in the graph")
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((k, dict(d)) for k, d in graph.nodes(data=True)
                       if doc_id in d.get("documents", []))
    for u, v, k, d in graph.edges(keys=True, data=True):
        evidence = [st for st in d.get("statements", []) if st.doc_id == doc_id]
        if not evidence:
            continue
        for node in (u, v):
            if node not in sub:
                sub.add_node(node, **dict(graph.nodes[node]))
        data = dict(d, statements=evidence, count=len(evidence),
                    confidence=max(st.confidence for st in evidence))
        positive = [st.modality for st in evidence if st.modality != "negated"]
        if positive:
            data["modality"] = "asserted" if "asserted" in positive else "possible"
        sub.add_edge(u, v, k, **data)
    return _restrict_documents(sub, graph, keep=[doc_id])
