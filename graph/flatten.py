"""Flatten the networkx graph for property-graph formats (GraphML, GEXF, CSV, Neo4j).

GraphML and GEXF accept only scalar attributes (networkx refuses lists), and analysts' tools want
typed columns: strings, integers and floats. Lists become ``" | "``-joined strings, statement
evidence is summarised on its edge (count, documents, rules, first quote), and nodes and edges
are added in sorted order so every writer's output is byte-stable.
"""
from __future__ import annotations

import networkx as nx

from graph.namespaces import entity_iri

__all__ = ["flat_graph", "SEP", "SYMMETRIC"]

SEP = " | "
SYMMETRIC = frozenset({"meetsWith", "cooperatesWith", "tensionWith", "conflictWith"})


def _join(values) -> str:
    return SEP.join(dict.fromkeys(str(v) for v in values if v))


def _node(key: str, data: dict) -> dict:
    qid = data.get("qid", "")
    return {
        "label": data.get("label", ""), "label_en": data.get("label_en", ""),
        "type": data.get("type", ""), "qid": qid,
        "wikidata": f"http://www.wikidata.org/entity/{qid}" if qid else "",
        "geonames": data.get("geonames", ""), "iri": str(entity_iri(key)),
        "aliases": _join(data.get("aliases", ())),
        "mentions": int(data.get("mentions", 0)),
        "documents": _join(sorted(data.get("documents", ()))),
        "n_documents": len(data.get("documents", ())),
        "source": data.get("source", ""), "job_title": data.get("job_title", ""),
        "affiliation": data.get("affiliation", ""),
    }


def _edge(data: dict) -> dict:
    sts = sorted(data.get("statements", ()), key=lambda s: (s.doc_id, s.sentence, s.trigger.start))
    return {
        "label": data["predicate"], "predicate": data["predicate"],
        "modality": data["modality"], "count": int(data["count"]),
        "weight": float(data["count"]), "confidence": round(float(data["confidence"]), 3),
        "symmetric": data["predicate"] in SYMMETRIC,
        "documents": _join(sorted({s.doc_id for s in sts})),
        "statements": _join(s.id for s in sts),
        "rules": _join(sorted({s.rule for s in sts})),
        "attribution": _join(sorted({s.attribution for s in sts})),
        "time": _join(sorted({s.time for s in sts})),
        "evidence": sts[0].quote.text if sts else "",
    }


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar, typed attributes only, nodes and edges in sorted order."""
    flat = nx.MultiDiGraph()
    for key in sorted(graph.nodes):
        flat.add_node(key, **_node(key, graph.nodes[key]))
    for u, v, k in sorted(graph.edges(keys=True)):
        flat.add_edge(u, v, key=k, **_edge(graph.edges[u, v, k]))
    return flat
