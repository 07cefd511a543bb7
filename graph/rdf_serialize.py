"""Fast, byte-stable, streamed serialisation of the RDF model (graph/rdf.py) through pyoxigraph.

rdflib's writers are pure Python (a minute for 170k triples on the 2-core machine) and iterate
sets in hash order; pyoxigraph's are Rust and write triples in the order given. The model comes
in chunks (`graph.rdf.chunks`: the default graph in batches of entities, then one chunk per
document), each written and dropped before the next is built, so a writer holds one chunk at a
time however many documents the graph has. Within a chunk, triples are sorted (subject, rdf:type
first, predicate, object); no subject straddles two chunks, so each subject is one block of
Turtle and one run of lines in N-Triples. Prefixes are declared by us in a fixed order
(pyoxigraph would print them in hash order).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef

from graph.atomic import atomic_open
from graph.namespaces import PREFIXES
from graph.rdf import chunks

__all__ = ["write_rdf", "FORMATS", "HEADER", "TURTLE_PREFIXES"]

#: Prefixes for Turtle and TriG. Not khd:, khr:, gn:, whose IRIs have "/", "#", "=" or "," in
#: the local part (spans are ``<document#char=3,9>``) and would print as ``khd:x\#char\=3\,9``.
TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p not in ("khd", "khr", "gn")}
#: The prefix declarations every Turtle and TriG file starts with.
HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(TURTLE_PREFIXES.items()))

#: name -> (pyoxigraph format, flat graph or dataset, prefixed with HEADER)
FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, True, True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, True, False),
    "trig": (ox.RdfFormat.TRIG, False, True),
    "nquads": (ox.RdfFormat.N_QUADS, False, False),
}


class _Terms:
    """rdflib term -> (pyoxigraph term, sort key), each built once per distinct term."""

    def __init__(self) -> None:
        self.memo: dict = {}

    def __call__(self, term) -> tuple[object, str]:
        found = self.memo.get(term)
        if found is None:
            if isinstance(term, URIRef):
                found = (ox.NamedNode(str(term)), str(term))
            elif isinstance(term, Literal):
                if term.language:
                    node = ox.Literal(str(term), language=term.language)
                elif term.datatype is not None:
                    node = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
                else:
                    node = ox.Literal(str(term))
                found = (node, f"\x01{term}\x00{term.language or ''}\x00{term.datatype or ''}")
            else:
                raise TypeError(f"the model has no blank nodes; got {term!r}")
            self.memo[term] = found
        return found


def _sorted(triples: Iterable, terms: _Terms) -> list[tuple]:
    rdf_type = RDF.type            # rdflib builds a new URIRef on every attribute access
    rows = []
    for s, p, o in triples:
        (so, sk), (po, pk), (oo, ok) = terms(s), terms(p), terms(o)
        rows.append(((sk, p != rdf_type, pk, ok), so, po, oo))
    rows.sort(key=lambda row: row[0])
    return rows


def _blocks(data: bytes) -> str:
    """pyoxigraph's Turtle or TriG without its prefix lines, with a blank line after each
    subject's block (literals are written on one line, escaping line breaks, so a line ending
    in " ." ends a block)."""
    lines = data.decode("utf-8").split("\n")
    at = 0
    while at < len(lines) and lines[at].startswith("@prefix "):
        at += 1
    return "".join(line + ("\n\n" if line.endswith(" .") else "\n")
                   for line in lines[at:] if line)


def write_rdf(graph: nx.MultiDiGraph, path: Path, name: str) -> None:
    """Write the model as `name` (a key of FORMATS) to `path` (gzip-compressed if it ends in
    .gz), one chunk at a time."""
    fmt, flat, header = FORMATS[name]
    prefixes = TURTLE_PREFIXES if header else None
    with atomic_open(path, "w", newline="\n") as fh:
        if header:
            fh.write(HEADER + "\n")
        for graph_name, triples in chunks(graph, flat=flat):
            rows = _sorted(triples, _Terms())
            if flat:
                items = [ox.Triple(s, p, o) for _, s, p, o in rows]
            else:
                g = ox.DefaultGraph() if graph_name is None else ox.NamedNode(str(graph_name))
                items = [ox.Quad(s, p, o, g) for _, s, p, o in rows]
            data = ox.serialize(items, format=fmt, prefixes=prefixes)
            fh.write(_blocks(data) if header else data.decode("utf-8"))
