"""JSON-LD with a compact, readable @context: ``"label": {"ar": "روسيا", "en": "Russia"}``.

The context (graph/jsonld_context.json) names every property the model uses with a short term,
coerces IRI-valued ones (``"seeksFrom": "khe:Q423"``) and uses language maps for labels, so web
developers can read the file as plain JSON and linked-data tools as RDF. The file holds the flat
graph (the same triples as graph.ttl); use graph.trig or graph.nq for the graph per document.

Written here rather than by rdflib's serializer, which orders nodes by hash and cannot use terms
with coercion: keys and values sorted, nodes sorted by IRI within each chunk of the model (the
entities, then each document's nodes: graph/rdf.py), so output is byte-stable and written a
chunk at a time.
"""
from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, XSD, Literal, URIRef

from graph.namespaces import PREFIXES
from graph.atomic import atomic_open
from graph.rdf import chunks

__all__ = ["write_jsonld", "to_jsonld", "CONTEXT_PATH"]

CONTEXT_PATH = Path(__file__).with_name("jsonld_context.json")
_TYPE, _STRING, _INTEGER = RDF.type, XSD.string, XSD.integer   # rdflib builds these per access


@lru_cache(maxsize=1)
def _context() -> dict[str, Any]:
    return json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]


@lru_cache(maxsize=1 << 16)
def _compact(iri: str) -> str:
    """A prefixed name for `iri` where one of our prefixes covers it (longest namespace wins)."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")) and len(iri) > len(ns):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


@cache
def _terms() -> dict[str, tuple[str, dict[str, Any]]]:
    """Expanded property IRI -> (term, its definition)."""
    out = {}
    for term, definition in _context().items():
        if term in PREFIXES or term.startswith("@") or definition in ("@id", "@type"):
            continue
        spec = definition if isinstance(definition, dict) else {"@id": definition}
        prefix, _, local = spec["@id"].partition(":")
        out[PREFIXES[prefix] + local] = (term, spec)
    return out


def _value_object(obj: Any) -> Any:
    if isinstance(obj, URIRef):
        return {"@id": _compact(str(obj))}
    if obj.language:
        return {"@value": str(obj), "@language": obj.language}
    if obj.datatype in (None, _STRING):
        return str(obj)
    if obj.datatype == _INTEGER:
        return int(obj)
    return {"@value": str(obj), "@type": _compact(str(obj.datatype))}


def _place(node: dict[str, Any], pred: URIRef, obj: Any) -> None:
    """Put one (pred, obj) on a node object, using the term's coercion where the value fits."""
    term, spec = _terms().get(str(pred), (None, {}))
    if term and spec.get("@type") == "@id" and isinstance(obj, URIRef):
        node.setdefault(term, []).append(_compact(str(obj)))
    elif term and spec.get("@container") == "@language" and isinstance(obj, Literal) \
            and obj.language:
        node.setdefault(term, {}).setdefault(obj.language, []).append(str(obj))
    elif term and "@type" in spec and isinstance(obj, Literal) \
            and obj.datatype is not None and _compact(str(obj.datatype)) == spec["@type"]:
        node.setdefault(term, []).append(str(obj))
    elif term and len(spec) == 1 and not (isinstance(obj, URIRef)):
        node.setdefault(term, []).append(_value_object(obj))
    else:
        node.setdefault(_compact(str(pred)), []).append(_value_object(obj))


def _tidy(values: Any) -> Any:
    """Sorted values; a single value without its list."""
    if isinstance(values, dict):
        return {k: _tidy(v) for k, v in sorted(values.items())}
    ordered = sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return ordered[0] if len(ordered) == 1 else ordered


def _nodes(triples) -> list[dict[str, Any]]:
    """One chunk's node objects, sorted by IRI, keys and values sorted."""
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in triples:
        node = nodes.setdefault(str(s), {})
        if p == _TYPE and isinstance(o, URIRef):
            node.setdefault("type", []).append(_compact(str(o)))
        else:
            _place(node, p, o)
    return [{"id": _compact(iri), **{key: _tidy(values) for key, values in
                                      sorted(nodes[iri].items())}} for iri in sorted(nodes)]


def to_jsonld(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The whole document in memory (small graphs and tests; `write_jsonld` streams)."""
    return {"@context": _context(),
            "@graph": [n for _, triples in chunks(graph, flat=True) for n in _nodes(triples)]}


def _indented(value: Any, depth: int) -> str:
    """`value` as json.dumps(indent=1) prints it `depth` levels down in an enclosing dump."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + " " * depth)


def write_jsonld(graph: nx.MultiDiGraph, path: Path) -> None:
    """The same bytes as ``json.dumps(to_jsonld(graph), indent=1)``, written a chunk at a
    time (graph/rdf.py), so the whole graph is never held as JSON."""
    with atomic_open(path, "w", newline="\n") as fh:
        fh.write('{\n "@context": ' + _indented(_context(), 1) + ',\n "@graph": [')
        first = True
        for _, triples in chunks(graph, flat=True):
            for node in _nodes(triples):
                fh.write(("\n  " if first else ",\n  ") + _indented(node, 2))
                first = False
        fh.write("\n ]\n}\n" if not first else "]\n}\n")
