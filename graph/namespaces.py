"""The project's namespaces. IRIs are minted from stable keys (see `iri_for`), never from raw text."""
from __future__ import annotations

import hashlib
import re

from rdflib import Namespace, URIRef

KH = Namespace("https://w3id.org/khabar/ontology#")      # classes and properties
KHR = Namespace("https://w3id.org/khabar/resource/")     # entities, documents, statements
WD = Namespace("http://www.wikidata.org/entity/")
GN = Namespace("https://sws.geonames.org/")

_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def entity_iri(key: str) -> URIRef:
    """Entities linked to Wikidata get ``entity/Q159``; others a hash of their key."""
    if key.startswith("wd:"):
        return KHR[f"entity/{key[3:]}"]
    kind, _, _ = key.partition(":")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return KHR[f"entity/{_SAFE.sub('', kind).lower() or 'x'}-{digest}"]


def document_iri(doc_id: str) -> URIRef:
    safe = _SAFE.sub("-", doc_id).strip("-")[:60] or "doc"
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
    return KHR[f"document/{safe}-{digest}"]


def sentence_iri(doc_id: str, index: int) -> URIRef:
    return URIRef(f"{document_iri(doc_id)}/sentence/{index}")


def statement_iri(statement_id: str) -> URIRef:
    return KHR[f"statement/{statement_id}"]
