"""Assemble per-document results into one networkx graph.

One node per real entity: results are merged by entity key, which is the Wikidata QID where the
entity is linked, else its type and normalised label, so the same entity from many documents is
one node with mention and document counts. One edge per (subject, predicate, object, polarity):
positive statements (asserted or possible) share an edge, negated ones get their own edge so
that no exporter can mistake a denial for a fact. Every statement stays on its edge as evidence.

Node attributes: label, label_en, type, qid, geonames, aliases (list), mentions (int),
documents (list of doc ids), source, job_title, affiliation.
Edge attributes (MultiDiGraph, key ``predicate`` or ``predicate|negated``): predicate,
modality (asserted if any evidence is asserted, else possible, or negated), count (number of
statements), confidence (max), statements (list of Statement).
Graph attributes: documents (dict id -> Document), sentences (dict doc id -> list of Span).
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from extract.records import DocumentResult, Entity, Statement

__all__ = ["assemble", "edge_key", "statements"]


def edge_key(statement: Statement) -> str:
    return statement.predicate + ("|negated" if statement.modality == "negated" else "")


def _merge_entity(graph: nx.MultiDiGraph, entity: Entity) -> None:
    if entity.key not in graph:
        graph.add_node(entity.key, label=entity.label, label_en=entity.label_en, type=entity.type,
                       qid=entity.qid, geonames=entity.geonames, aliases=[], mentions=0,
                       documents=[], source=entity.source, job_title=entity.job_title,
                       affiliation=entity.affiliation)
    node = graph.nodes[entity.key]
    for attr in ("label_en", "qid", "geonames", "job_title", "affiliation"):
        if not node[attr] and getattr(entity, attr):
            node[attr] = getattr(entity, attr)
    for alias in (entity.label, *entity.aliases):
        if alias != node["label"] and alias not in node["aliases"]:
            node["aliases"].append(alias)


def assemble(results: Iterable[DocumentResult]) -> nx.MultiDiGraph:
    """Merge document results, in the order given, into one graph."""
    graph = nx.MultiDiGraph(documents={}, sentences={})
    for result in results:
        doc = result.document
        graph.graph["documents"][doc.id] = doc
        graph.graph["sentences"][doc.id] = list(result.sentences)
        for entity in result.entities:
            _merge_entity(graph, entity)
        for mention in result.mentions:
            node = graph.nodes[mention.entity]
            node["mentions"] += 1
            if doc.id not in node["documents"]:
                node["documents"].append(doc.id)
        for st in result.statements:
            key = edge_key(st)
            if graph.has_edge(st.subject, st.object, key):
                data = graph.edges[st.subject, st.object, key]
                data["statements"].append(st)
                data["count"] += 1
                data["confidence"] = max(data["confidence"], st.confidence)
                if st.modality == "asserted":
                    data["modality"] = "asserted"
            else:
                graph.add_edge(st.subject, st.object, key, predicate=st.predicate,
                               modality=st.modality, count=1, confidence=st.confidence,
                               statements=[st])
    for _, data in graph.nodes(data=True):
        data["aliases"].sort()
    return graph


def statements(graph: nx.MultiDiGraph) -> list[Statement]:
    """Every statement in the graph, in a stable order."""
    out = [st for _, _, data in graph.edges(data=True) for st in data["statements"]]
    return sorted(out, key=lambda s: (s.doc_id, s.sentence, s.trigger.start, s.subject,
                                      s.predicate, s.object, s.modality))
