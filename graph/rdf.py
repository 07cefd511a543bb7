"""The RDF model of a khabar graph: entities, plain triples, and a provenance node per statement.

Where things go (one *quad* layout, serialised by every RDF exporter):

- the **default graph** holds what is merged across documents: each entity's types, labels
  (rdfs:label and skos:prefLabel in Arabic and English, skos:altLabel for merged aliases),
  owl:sameAs Wikidata, GeoNames, job title and affiliation;
- **one named graph per document**, named by the document's IRI, holds everything that document
  says: its metadata (schema:NewsArticle, nif:Context with its extent and kh:contentHash), the
  plain triple ``subject kh:predicate object`` of each of its non-negated statements, and each
  statement's node with its provenance. Replacing or deleting a document in a triple store is
  one Graph Store request on that graph.

The documents' full text is not in the RDF files: it is stored once, in ``documents.jsonl``
(graph/documents.py), one line per document keyed by the same IRI, and kh:contentHash (SHA-256
of the text) ties the two. Each statement still carries what is needed to check it without the
text: the quote (its sentence) and NIF spans with offsets and their own text (nif:anchorOf).
`khabar query`, `serve` and `push` load the text back as ``doc nif:isString text`` in the
document's graph, which restores the model written before the text moved out.

A statement node (``kh:Statement``, a subclass of rdf:Statement and prov:Entity) carries
rdf:subject/predicate/object, kh:modality (kh:asserted / kh:possible / kh:negated),
kh:confidence, kh:rule, kh:quote (the sentence), kh:time, prov:wasAttributedTo (the source the
text credits), prov:wasDerivedFrom (the sentence), prov:hadPrimarySource (the document),
prov:wasGeneratedBy (the extraction activity), kh:trigger / kh:subjectSpan / kh:objectSpan (NIF
strings with code-point offsets) and kh:resolution nodes. Negated statements get no plain triple.
No blank nodes anywhere: every node has an IRI minted from stable keys, so outputs are
deterministic and re-loads replace rather than duplicate.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from decimal import Decimal
from pathlib import Path

import networkx as nx
from rdflib import OWL as _OWL
from rdflib import RDF as _RDF
from rdflib import RDFS as _RDFS
from rdflib import XSD as _XSD
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from extract.records import Document, Span, Statement
from graph import namespaces as ns
from graph.namespaces import (agent_iri, bind_prefixes, document_iri, entity_iri, extraction_iri,
                              resolution_iri, span_iri, statement_iri)

__all__ = ["quads", "to_dataset", "to_rdf", "ONTOLOGY_PATH", "SHAPES_PATH", "VERSION"]

ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")
SHAPES_PATH = Path(__file__).with_name("shapes.ttl")
VERSION = "0.1.0"

Triple = tuple[Node, Node, Node]


class _Memo:
    """A namespace whose terms are built once: rdflib makes a new URIRef on every access, which
    was a third of the model's build time."""

    def __init__(self, namespace: ns.Namespace) -> None:
        self._namespace = namespace
        self._terms: dict[str, URIRef] = {}

    def __getitem__(self, name: str) -> URIRef:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = self._namespace[name]
        return term

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]


GN, KH, NIF, PROV, SDO, SKOS, WD = (_Memo(n) for n in (ns.GN, ns.KH, ns.NIF, ns.PROV, ns.SDO,
                                                       ns.SKOS, ns.WD))
# rdflib's own vocabularies look each term up on every access too
OWL, RDF, RDFS, XSD = (_Memo(n) for n in (_OWL, _RDF, _RDFS, _XSD))
_YEAR = re.compile(r"^\d{4}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_NON_NEGATIVE = XSD.nonNegativeInteger


@lru_cache(maxsize=1 << 16)
def _offset(value: int) -> Literal:
    """A character offset (xsd:nonNegativeInteger). Offsets repeat across spans and documents,
    and building an rdflib Literal from an int was the largest cost of writing the RDF."""
    return Literal(value, datatype=_NON_NEGATIVE)


@lru_cache(maxsize=1 << 12)
def _small(value: int | str) -> Literal:
    """A literal from a small vocabulary (sentence indices, counts, rule and method names)."""
    return Literal(value)


@lru_cache(maxsize=1 << 12)
def _confidence(value: float) -> Literal:
    return Literal(Decimal(f"{value:.3f}").normalize(), datatype=XSD.decimal)


def _time_literal(value: str) -> Literal:
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def _entity_triples(key: str, data: dict) -> list[Triple]:
    node = entity_iri(key)
    label = Literal(data["label"], lang="ar")
    out: list[Triple] = [
        (node, RDF.type, KH[data["type"]]),
        (node, RDFS.label, label),
        (node, SKOS.prefLabel, label),
        (node, KH.mentionCount, _small(int(data.get("mentions", 0)))),
    ]
    out += [(node, SKOS.altLabel, Literal(alias, lang="ar")) for alias in data.get("aliases", ())]
    if data.get("label_en"):
        label_en = Literal(data["label_en"], lang="en")
        out += [(node, RDFS.label, label_en), (node, SKOS.prefLabel, label_en)]
    if data.get("qid"):
        out.append((node, OWL.sameAs, WD[data["qid"]]))
    if data.get("geonames"):
        out.append((node, SDO.sameAs, GN[f"{data['geonames']}/"]))
    if data.get("source"):
        out.append((node, KH.foundBy, _small(data["source"])))
    if data.get("job_title"):
        out.append((node, SDO.jobTitle, Literal(data["job_title"], lang="ar")))
    if data.get("affiliation"):
        out.append((node, SDO.affiliation, entity_iri(data["affiliation"])))
    return out


def _document_triples(doc: Document, agent: URIRef) -> list[Triple]:
    d = document_iri(doc.id)
    activity = extraction_iri(doc.id)
    out: list[Triple] = [
        (d, RDF.type, KH.Document), (d, RDF.type, SDO.NewsArticle), (d, RDF.type, NIF.Context),
        (d, SDO.identifier, Literal(doc.id)),
        (d, SDO.inLanguage, Literal("ar")),
        (d, NIF.beginIndex, _offset(0)),
        (d, NIF.endIndex, _offset(len(doc.text))),
        (d, KH.contentHash, Literal(doc.content_hash)),
        (activity, RDF.type, PROV.Activity),
        (activity, PROV.used, d),
        (activity, PROV.wasAssociatedWith, agent),
    ]
    if doc.title:
        out.append((d, SDO.headline, Literal(doc.title, lang="ar")))
    if doc.url:
        out.append((d, SDO.url, URIRef(doc.url) if doc.url.startswith(("http://", "https://"))
                    else Literal(doc.url)))
    if doc.source:
        out.append((d, SDO.publisher, Literal(doc.source)))
    if doc.date:
        out.append((d, SDO.datePublished, _time_literal(doc.date)))
    return out


def _span_triples(doc_id: str, span: Span, kind: URIRef) -> tuple[URIRef, list[Triple]]:
    node = span_iri(doc_id, span.start, span.end)
    return node, [
        (node, RDF.type, kind),
        (node, NIF.beginIndex, _offset(span.start)),
        (node, NIF.endIndex, _offset(span.end)),
        (node, NIF.anchorOf, Literal(span.text)),
        (node, NIF.referenceContext, document_iri(doc_id)),
    ]


def _statement_triples(st: Statement, plain: bool = True) -> list[Triple]:
    s = statement_iri(st.id)
    sentence, out = _span_triples(st.doc_id, st.quote, KH.Sentence)
    out += [
        (sentence, RDF.type, NIF.Sentence),
        (sentence, KH.sentenceIndex, _small(st.sentence)),
        (s, RDF.type, KH.Statement),
        (s, RDF.subject, entity_iri(st.subject)),
        (s, RDF.predicate, KH[st.predicate]),
        (s, RDF.object, entity_iri(st.object)),
        (s, KH.modality, KH[st.modality]),
        (s, KH.confidence, _confidence(st.confidence)),
        (s, KH.rule, _small(st.rule)),
        (s, KH.quote, Literal(st.quote.text, lang="ar")),
        (s, PROV.wasDerivedFrom, sentence),
        (s, PROV.hadPrimarySource, document_iri(st.doc_id)),
        (s, PROV.wasGeneratedBy, extraction_iri(st.doc_id)),
    ]
    for prop, span in ((KH.trigger, st.trigger), (KH.subjectSpan, st.subject_span),
                       (KH.objectSpan, st.object_span)):
        node, triples = _span_triples(st.doc_id, span, NIF.Phrase)
        out += triples
        out.append((s, prop, node))
    if st.attribution:
        out.append((s, PROV.wasAttributedTo, entity_iri(st.attribution)))
    if st.time:
        out.append((s, KH.time, _time_literal(st.time)))
    for index, (role, method) in enumerate(st.resolution):
        r = resolution_iri(st.id, index)
        out += [(s, KH.resolution, r), (r, RDF.type, KH.Resolution),
                (r, KH.role, _small(role)), (r, KH.method, _small(method))]
    if plain and st.modality != "negated":
        out.append((entity_iri(st.subject), KH[st.predicate], entity_iri(st.object)))
    return out


#: Entities per chunk of the default graph: bounds what a writer holds at once.
ENTITY_BATCH = 2_000

Chunk = tuple[URIRef | None, set[Triple]]


def _by_document(graph: nx.MultiDiGraph) -> tuple[dict[str, list[Statement]], dict[str, list[str]]]:
    """Each document's statements and the entities it mentions (references, not copies)."""
    said: dict[str, list[Statement]] = {}
    for _, _, data in graph.edges(data=True):
        for st in data["statements"]:
            said.setdefault(st.doc_id, []).append(st)
    mentioned: dict[str, list[str]] = {}
    for key, data in graph.nodes(data=True):
        for doc_id in data.get("documents", ()):
            mentioned.setdefault(doc_id, []).append(key)
    return said, mentioned


def _plain_triples(graph: nx.MultiDiGraph, key: str) -> list[Triple]:
    """The plain triples whose subject is entity `key`: every relation with positive evidence."""
    return [(entity_iri(key), KH[data["predicate"]], entity_iri(v))
            for _, v, data in graph.out_edges(key, data=True) if data["modality"] != "negated"]


def default_chunks(graph: nx.MultiDiGraph, plain: bool = False) -> Iterator[Chunk]:
    """The default graph (the software agent, then the entities in IRI order), in batches of
    ENTITY_BATCH entities; with `plain`, each entity's plain triples go with it (flat graph)."""
    agent = agent_iri(VERSION)
    yield None, {(agent, RDF.type, PROV.SoftwareAgent),
                 (agent, RDFS.label, Literal(f"khabar {VERSION}"))}
    keys = sorted(graph.nodes, key=lambda k: str(entity_iri(k)))
    for at in range(0, len(keys), ENTITY_BATCH):
        triples: set[Triple] = set()
        for key in keys[at:at + ENTITY_BATCH]:
            triples.update(_entity_triples(key, graph.nodes[key]))
            if plain:
                triples.update(_plain_triples(graph, key))
        yield None, triples


def document_chunks(graph: nx.MultiDiGraph, plain: bool = True) -> Iterator[Chunk]:
    """One chunk per document, in IRI order: its graph (metadata, mentions, statements), built
    when asked for. Without `plain` the plain triples are left out (the flat graph has them
    with their subject entity, see `default_chunks`)."""
    agent = agent_iri(VERSION)
    said, mentioned = _by_document(graph)
    documents = graph.graph.get("documents", {})
    for doc_id in sorted(documents, key=lambda d: str(document_iri(d))):
        d = document_iri(doc_id)
        triples = set(_document_triples(documents[doc_id], agent))
        triples.update((d, SDO.mentions, entity_iri(key)) for key in mentioned.get(doc_id, ()))
        for st in said.get(doc_id, ()):
            triples.update(_statement_triples(st, plain))
        yield d, triples


def chunks(graph: nx.MultiDiGraph, flat: bool = False) -> Iterator[Chunk]:
    """The whole model, a bounded piece at a time: the default graph's chunks, then each
    document's graph. Subjects never straddle chunks: entity IRIs are in the default graph's
    chunks only (with `flat`, with their plain triples), and everything a document's chunk
    describes is minted from that document (its IRI, spans, statements). Writers stream these,
    so what they hold at once is one chunk, whatever the number of documents."""
    yield from default_chunks(graph, plain=flat)
    yield from document_chunks(graph, plain=not flat)


def quads(graph: nx.MultiDiGraph) -> dict[URIRef | None, set[Triple]]:
    """The whole model in memory, as graph name (None for the default graph) -> triples
    (for tests and small graphs; writers stream `chunks`)."""
    out: dict[URIRef | None, set[Triple]] = {}
    for name, triples in chunks(graph):
        out.setdefault(name, set()).update(triples)
    return out


def to_dataset(graph: nx.MultiDiGraph) -> Dataset:
    """The model as an RDF dataset: entities in the default graph, one named graph per document."""
    ds = Dataset()
    bind_prefixes(ds.namespace_manager)
    for name in sorted(quads(graph).items(), key=lambda kv: (kv[0] is not None, str(kv[0]))):
        target = ds.default_graph if name[0] is None else ds.graph(name[0])
        for triple in name[1]:
            target.add(triple)
    return ds


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """The same model flattened into one graph (for Turtle, N-Triples, JSON-LD)."""
    g = Graph()
    bind_prefixes(g.namespace_manager)
    for _, triples in chunks(graph, flat=True):
        for triple in triples:
            g.add(triple)
    return g
