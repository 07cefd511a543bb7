"""Build the RDF graph: entities, plain relation triples, and one provenance node per statement.

Modelling (see README, "RDF model"): each positive statement gives a plain triple
``subject kh:predicate object`` that any SPARQL user or the scorer can read directly, and every
statement (negated ones included, which get *no* plain triple) is also a ``kh:Statement`` node
in the style of RDF reification (rdf:subject/predicate/object) carrying its provenance with
PROV-O (prov:wasDerivedFrom the sentence, prov:wasAttributedTo the credited source) and the
extraction details (rule, confidence, modality, quote and offsets).
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace

from graph.assemble import statements
from graph.namespaces import GN, KH, WD, document_iri, entity_iri, sentence_iri, statement_iri
from khabar.atomic import atomic_path

PROV = Namespace("http://www.w3.org/ns/prov#")
SDO = Namespace("http://schema.org/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    g = Graph()
    for prefix, ns in (("kh", KH), ("khr", entity_iri("wd:Q1")[:-len("entity/Q1")]),
                       ("wd", WD), ("prov", PROV), ("schema", SDO), ("skos", SKOS),
                       ("owl", OWL), ("gn", GN)):
        g.bind(prefix, ns)
    for key, data in graph.nodes(data=True):
        node = entity_iri(key)
        g.add((node, RDF.type, KH[data["type"]]))
        g.add((node, RDFS.label, Literal(data["label"], lang="ar")))
        g.add((node, SKOS.prefLabel, Literal(data["label"], lang="ar")))
        for alias in data["aliases"]:
            g.add((node, SKOS.altLabel, Literal(alias, lang="ar")))
        if data["label_en"]:
            g.add((node, RDFS.label, Literal(data["label_en"], lang="en")))
        if data["qid"]:
            g.add((node, OWL.sameAs, WD[data["qid"]]))
        if data["geonames"]:
            g.add((node, SDO.sameAs, GN[f"{data['geonames']}/"]))
    for doc_id, doc in graph.graph["documents"].items():
        d = document_iri(doc_id)
        g.add((d, RDF.type, SDO.NewsArticle))
        g.add((d, SDO.identifier, Literal(doc_id)))
        if doc.title:
            g.add((d, SDO.headline, Literal(doc.title, lang="ar")))
    for u, v, data in graph.edges(data=True):
        if data["modality"] != "negated":
            g.add((entity_iri(u), KH[data["predicate"]], entity_iri(v)))
    for st in statements(graph):
        s = statement_iri(st.id)
        g.add((s, RDF.type, KH.Statement))
        g.add((s, RDF.subject, entity_iri(st.subject)))
        g.add((s, RDF.predicate, KH[st.predicate]))
        g.add((s, RDF.object, entity_iri(st.object)))
        g.add((s, KH.modality, Literal(st.modality)))
        g.add((s, KH.confidence, Literal(round(st.confidence, 3), datatype=XSD.decimal)))
        g.add((s, KH.rule, Literal(st.rule)))
        g.add((s, KH.quote, Literal(st.quote.text, lang="ar")))
        g.add((s, PROV.wasDerivedFrom, sentence_iri(st.doc_id, st.sentence)))
        g.add((sentence_iri(st.doc_id, st.sentence), SDO.isPartOf, document_iri(st.doc_id)))
        if st.attribution:
            g.add((s, PROV.wasAttributedTo, entity_iri(st.attribution)))
        if st.time:
            g.add((s, KH.time, Literal(st.time)))
    return g


def write_turtle(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_path(path) as tmp:
        to_rdf(graph).serialize(destination=str(tmp), format="turtle", encoding="utf-8")
