"""TriG: the dataset with one named graph per document (see graph/rdf.py for what goes where).

A named graph per document lets a triple store replace or drop one article's statements with a
single Graph Store request, without touching what other articles say.

rdflib's TriG writer orders graphs and subjects by hash, so the same graph would give different
bytes from run to run; instead each graph is written with the (sorted, deterministic) Turtle
writer and wrapped in its graph block: the default graph first, then named graphs by IRI.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef

from graph.namespaces import PREFIXES, bind_prefixes
from graph.rdf import quads
from khabar.atomic import write_text

__all__ = ["write_trig", "to_trig"]


def _block(name: URIRef | None, triples: set) -> str:
    g = Graph()
    bind_prefixes(g.namespace_manager)
    for triple in triples:
        g.add(triple)
    body = g.serialize(format="turtle")
    lines = [line for line in body.splitlines() if not line.startswith("@prefix")]
    # no re-indenting: long literals (a document's text) span lines and must stay byte-exact
    inner = "\n".join(lines).strip("\n")
    head = "{" if name is None else f"<{name}> {{"
    return f"{head}\n{inner}\n}}\n"


def to_trig(graph: nx.MultiDiGraph) -> str:
    data = quads(graph)
    order = sorted(data, key=lambda name: (name is not None, str(name)))
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    return header + "".join("\n" + _block(name, data[name]) for name in order if data[name])


def write_trig(graph: nx.MultiDiGraph, path: Path) -> None:
    write_text(path, to_trig(graph))
