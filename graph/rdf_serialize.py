"""Fast, byte-stable serialisation of the RDF model (graph/rdf.py) through pyoxigraph.

rdflib's writers are pure Python (a minute for 170k triples on the 2-core machine) and iterate
sets in hash order; pyoxigraph's are Rust and write triples in the order given. So the model's
triples are sorted here (graph: default first, then named graphs by IRI; then subject, rdf:type
first, predicate, object) and handed over once; prefixes are declared by us in a fixed order
(pyoxigraph would print them in hash order).
"""
from __future__ import annotations

import weakref
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef

from graph.namespaces import PREFIXES
from graph.rdf import quads

__all__ = ["turtle", "trig", "ntriples", "nquads", "HEADER", "TURTLE_PREFIXES"]

#: Prefixes for Turtle and TriG. Not khd:, khr:, gn:, whose IRIs have "/", "#", "=" or "," in
#: the local part (spans are ``<document#char=3,9>``) and would print as ``khd:x\#char\=3\,9``.
TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p not in ("khd", "khr", "gn")}
#: The prefix declarations every Turtle and TriG file starts with.
HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(TURTLE_PREFIXES.items()))


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


#: graph -> {"flat" | "dataset": (the model it was made from, sorted triples or quads)}:
#: Turtle and N-Triples share one list, TriG and N-Quads the other; gone with the graph.
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _cached(graph: nx.MultiDiGraph, kind: str, model: dict) -> list | None:
    found = _cache.get(graph, {}).get(kind)
    return found[1] if found is not None and found[0] is model else None


def _flat(graph: nx.MultiDiGraph) -> list[ox.Triple]:
    model = quads(graph)
    out = _cached(graph, "flat", model)
    if out is None:
        union = set().union(*model.values())
        out = [ox.Triple(s, p, o) for _, s, p, o in _sorted(union, _Terms())]
        _cache.setdefault(graph, {})["flat"] = (model, out)
    return out


def _dataset(graph: nx.MultiDiGraph) -> list[ox.Quad]:
    model = quads(graph)
    cached = _cached(graph, "dataset", model)
    if cached is not None:
        return cached
    terms = _Terms()
    out = []
    for name in sorted(model, key=lambda n: (n is not None, str(n))):
        g = ox.DefaultGraph() if name is None else ox.NamedNode(str(name))
        out += [ox.Quad(s, p, o, g) for _, s, p, o in _sorted(model[name], terms)]
    _cache.setdefault(graph, {})["dataset"] = (model, out)
    return out


def _with_header(data: bytes) -> str:
    """Our prefix header, then the body with a blank line after each subject's block (pyoxigraph
    writes literals on one line, escaping line breaks, so a line ending in " ." ends a block)."""
    lines = data.decode("utf-8").split("\n")
    at = 0
    while at < len(lines) and lines[at].startswith("@prefix "):
        at += 1
    body = "".join(line + ("\n\n" if line.endswith(" .") else "\n")
                   for line in lines[at:] if line)
    return HEADER + "\n" + body


def turtle(graph: nx.MultiDiGraph) -> str:
    return _with_header(ox.serialize(_flat(graph), format=ox.RdfFormat.TURTLE,
                                     prefixes=TURTLE_PREFIXES))


def trig(graph: nx.MultiDiGraph) -> str:
    return _with_header(ox.serialize(_dataset(graph), format=ox.RdfFormat.TRIG,
                                     prefixes=TURTLE_PREFIXES))


def _sorted_lines(data: bytes) -> str:
    lines = sorted({line for line in data.decode("utf-8").split("\n") if line.strip()})
    return "".join(line + "\n" for line in lines)


def ntriples(graph: nx.MultiDiGraph) -> str:
    """Canonical N-Triples, one triple a line, lines sorted."""
    return _sorted_lines(ox.serialize(_flat(graph), format=ox.RdfFormat.N_TRIPLES))


def nquads(graph: nx.MultiDiGraph) -> str:
    return _sorted_lines(ox.serialize(_dataset(graph), format=ox.RdfFormat.N_QUADS))
