"""SHACL (graph/shapes.ttl, checked with pyshacl): every entity has an Arabic label and a type;
every statement has its provenance, with a quote found in its document's text and spans whose
offsets cut their text out of the document; no denial leaks out as a plain triple. The text
comes from documents.jsonl, loaded as nif:isString the way khabar query, serve and push do."""
from __future__ import annotations

import pyshacl
import pytest
from graph_fixtures import ENTITIES, small_graph
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.documents import read_documents
from graph.exporters import write_all
from graph.namespaces import KH, NIF, entity_iri
from graph.rdf import ONTOLOGY_PATH, SHAPES_PATH, to_rdf


def validate(data: Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=Graph().parse(SHAPES_PATH), ont_graph=Graph().parse(ONTOLOGY_PATH),
        advanced=True, inference="none")
    return conforms, text


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> list[tuple]:
    """``doc nif:isString text`` for each document, read from the documents.jsonl written."""
    folder = tmp_path_factory.mktemp("documents")
    write_all(small_graph(), folder, only=["documents.jsonl"])
    return [(URIRef(r["iri"]), NIF.isString, Literal(r["text"]))
            for r in read_documents(folder / "documents.jsonl")]


@pytest.fixture
def data(texts) -> Graph:
    graph = to_rdf(small_graph())
    for triple in texts:
        graph.add(triple)
    return graph


def test_output_conforms(data):
    conforms, text = validate(data)
    assert conforms, text


def test_output_without_the_texts_conforms():
    """The RDF files alone (no documents.jsonl loaded) are valid: text checks wait for it."""
    conforms, text = validate(to_rdf(small_graph()))
    assert conforms, text


def test_each_broken_rule_is_caught(data):
    """One validation with one fault per rule (pyshacl takes seconds per run)."""
    china = entity_iri(ENTITIES["chn"].key)
    data.remove((china, RDFS.label, Literal("الصين", lang="ar")))
    data.remove((entity_iri(ENTITIES["arms"].key), RDF.type, None))
    first, second = sorted(data.subjects(RDF.type, KH.Statement))[:2]
    data.remove((first, KH.quote, None))
    data.add((first, KH.quote, Literal("جملة لا ترد في المقال", lang="ar")))
    data.remove((second, KH.rule, None))
    span = next(data.subjects(NIF.anchorOf, Literal("تسعى")))
    begin = data.value(span, NIF.beginIndex)
    data.remove((span, NIF.beginIndex, begin))
    data.add((span, NIF.beginIndex, Literal(int(begin) + 1, datatype=begin.datatype)))
    data.add((china, KH.sanctions, entity_iri(ENTITIES["prk"].key)))
    conforms, text = validate(data)
    assert not conforms
    for message in ("an entity needs an Arabic rdfs:label", "an entity needs a type",
                    "the statement's quote is not found in its document's text",
                    "the span's offsets do not cut its anchorOf text out of the document",
                    "a negated statement is published as a plain triple",
                    "Path: kh:rule"):
        assert message in text, message
