"""The project's namespaces and IRI minting.

IRIs are minted from stable keys (entity keys, document ids, statement ids, code-point offsets),
never from raw text, so the same input always gives the same IRIs and a re-run replaces data
instead of duplicating it in a triple store.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import NamespaceManager

__all__ = ["KH", "KHR", "KHE", "KHD", "KHS", "WD", "GN", "PROV", "SDO", "SKOS", "NIF",
           "ONTOLOGY_GRAPH", "PREFIXES", "bind_prefixes", "entity_iri", "document_iri",
           "span_iri", "statement_iri", "resolution_iri", "extraction_iri", "agent_iri"]

KH = Namespace("https://w3id.org/khabar/ontology#")      # classes and properties
KHR = Namespace("https://w3id.org/khabar/resource/")     # everything the data mints:
KHE = Namespace(KHR + "entity/")                          # entities
KHD = Namespace(KHR + "document/")                        # documents (and their graphs)
KHS = Namespace(KHR + "statement/")                       # statement nodes
WD = Namespace("http://www.wikidata.org/entity/")
GN = Namespace("https://sws.geonames.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SDO = Namespace("http://schema.org/")                     # the form schema.org's own dumps use
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

#: The named graph that `khabar serve` and `khabar push` put the ontology in.
ONTOLOGY_GRAPH = URIRef("https://w3id.org/khabar/ontology")

#: Prefix -> namespace, in the order every serialisation declares them.
PREFIXES: dict[str, str] = {
    "kh": str(KH), "khe": str(KHE), "khd": str(KHD), "khs": str(KHS), "khr": str(KHR),
    "wd": str(WD), "gn": str(GN), "prov": str(PROV),
    "schema": str(SDO), "skos": str(SKOS), "nif": str(NIF), "owl": str(OWL), "rdf": str(RDF),
    "rdfs": str(RDFS), "xsd": str(XSD),
}

_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def bind_prefixes(manager: NamespaceManager) -> None:
    """Bind exactly our prefixes (replacing rdflib's defaults, so output stays small and stable)."""
    for prefix, ns in PREFIXES.items():
        manager.bind(prefix, URIRef(ns), override=True, replace=True)


@lru_cache(maxsize=1 << 16)
@lru_cache(maxsize=1 << 17)
def entity_iri(key: str) -> URIRef:
    """Entities linked to Wikidata get ``entity/Q159``; others a hash of their key."""
    if key.startswith("wd:"):
        return KHE[_SAFE.sub('', key[3:])]
    kind, _, _ = key.partition(":")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return KHE[f"{_SAFE.sub('', kind).lower() or 'x'}-{digest}"]


@lru_cache(maxsize=1 << 16)
def document_iri(doc_id: str) -> URIRef:
    """A document's IRI; it also names the document's graph in TriG."""
    safe = _SAFE.sub("-", doc_id).strip("-")[:60] or "doc"
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
    return KHD[f"{safe}-{digest}"]


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    """A stretch of a document's text, in NIF's RFC 5147 style (offsets in code points)."""
    return URIRef(f"{document_iri(doc_id)}#char={start},{end}")


def statement_iri(statement_id: str) -> URIRef:
    return KHS[statement_id]


def resolution_iri(statement_id: str, index: int) -> URIRef:
    """One step of how a statement's argument was resolved (a pronoun, an ellipsis...)."""
    return URIRef(f"{KHS[statement_id]}-r{index}")


def extraction_iri(doc_id: str) -> URIRef:
    """The PROV activity that read one document and generated its statements."""
    return URIRef(f"{document_iri(doc_id)}/extraction")


def agent_iri(version: str) -> URIRef:
    return KHR[f"agent/khabar-{_SAFE.sub('-', version) or 'dev'}"]
