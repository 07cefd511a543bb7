"""The RDF model: plain triples for positive relations only, a statement node with full
provenance for every relation, entities in the default graph and one named graph per document,
and an ontology that defines every class and relation the data uses."""
from __future__ import annotations

import hashlib

import pytest
from graph_fixtures import DOC_A, ENTITIES, N_NEGATED, N_PLAIN, N_STATEMENTS, small_graph
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from graph.namespaces import (KH, NIF, PROV, SDO, SKOS, WD, document_iri, entity_iri,
                              span_iri, statement_iri)
from graph.rdf import ONTOLOGY_PATH, SHAPES_PATH, quads, to_dataset, to_rdf

VOCAB = ["leaderOf", "locatedIn", "capitalOf", "meetsWith", "cooperatesWith", "tensionWith",
         "conflictWith", "seeksFrom", "seeks", "provides", "supports", "develops", "pressures",
         "warnsAgainst", "distancesFrom", "sanctions", "memberOf"]
SYMMETRIC = {"meetsWith", "cooperatesWith", "tensionWith", "conflictWith"}


@pytest.fixture(scope="module")
def g() -> Graph:
    return to_rdf(small_graph())


def _ent(name: str) -> URIRef:
    return entity_iri(ENTITIES[name].key)


def _statement(g: Graph, subj: str, pred: str, obj: str) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.predicate, KH[pred])
                  if (s, RDF.subject, _ent(subj)) in g and (s, RDF.object, _ent(obj)) in g)


def test_every_positive_relation_is_one_plain_triple(g):
    plain = {(s, p, o) for s, p, o in g if p in {KH[v] for v in VOCAB}}
    assert len(plain) == N_PLAIN
    assert (_ent("rus"), KH.seeksFrom, _ent("prk")) in plain
    assert (_ent("rus"), KH.provides, _ent("food")) in plain          # possible: still plain


def test_negated_relation_is_only_a_statement_node(g):
    assert (_ent("chn"), KH.sanctions, _ent("prk")) not in g
    [node] = _statement(g, "chn", "sanctions", "prk")
    assert (node, KH.modality, KH.negated) in g
    assert len(set(g.subjects(KH.modality, KH.negated))) == N_NEGATED
    assert len(set(g.subjects(RDF.type, KH.Statement))) == N_STATEMENTS


def test_statement_node_carries_its_provenance(g):
    [node] = _statement(g, "rus", "seeks", "ammo")
    assert (node, RDF.type, KH.Statement) in g
    assert (node, KH.modality, KH.asserted) in g
    assert (node, KH.rule, Literal("seek.verb")) in g
    assert (node, KH.confidence, Literal("0.9", datatype=XSD.decimal)) in g
    assert (node, PROV.wasAttributedTo, _ent("reuters")) in g
    assert (node, KH.time, Literal("2023", datatype=XSD.gYear)) in g
    assert (node, PROV.hadPrimarySource, document_iri("summit-a")) in g
    sentence = DOC_A.split("\n")[2]
    assert (node, KH.quote, Literal(sentence, lang="ar")) in g
    [derived] = g.objects(node, PROV.wasDerivedFrom)
    assert (derived, RDF.type, NIF.Sentence) in g and (derived, KH.sentenceIndex, Literal(2)) in g
    assert (derived, NIF.anchorOf, Literal(sentence)) in g
    assert (node, PROV.wasGeneratedBy, None) in g


@pytest.mark.parametrize("prop, words", [(KH.trigger, "تسعى"), (KH.subjectSpan, "روسيا"),
                                         (KH.objectSpan, "الذخائر")])
def test_spans_are_code_point_offsets_into_the_original_text(g, prop, words):
    [node] = _statement(g, "rus", "seeks", "ammo")
    [span] = g.objects(node, prop)
    begin = int(g.value(span, NIF.beginIndex))
    end = int(g.value(span, NIF.endIndex))
    assert DOC_A[begin:end] == words == str(g.value(span, NIF.anchorOf))
    assert span == span_iri("summit-a", begin, end)
    assert g.value(span, NIF.referenceContext) == document_iri("summit-a")
    doc = document_iri("summit-a")
    assert g.value(doc, NIF.isString) is None         # the text is in documents.jsonl, once
    assert int(g.value(doc, NIF.endIndex)) == len(DOC_A)
    assert str(g.value(doc, KH.contentHash)) == hashlib.sha256(DOC_A.encode()).hexdigest()


def test_resolution_steps_are_published(g):
    [node] = _statement(g, "rus", "supports", "prk")
    [step] = g.objects(node, KH.resolution)
    assert (step, KH.role, Literal("subject")) in g
    assert (step, KH.method, Literal("pronoun:previous-subject")) in g


def test_entities_have_labels_types_links(g):
    putin = _ent("putin")
    assert (putin, RDF.type, KH.Person) in g
    assert (putin, RDFS.label, Literal("فلاديمير بوتين", lang="ar")) in g
    assert (putin, RDFS.label, Literal("Vladimir Putin", lang="en")) in g
    assert (putin, SKOS.prefLabel, Literal("فلاديمير بوتين", lang="ar")) in g
    assert (putin, SKOS.altLabel, Literal("بوتين", lang="ar")) in g
    assert (putin, OWL.sameAs, WD.Q7747) in g
    assert (putin, SDO.jobTitle, Literal("الرئيس الروسي", lang="ar")) in g
    assert (putin, SDO.affiliation, _ent("rus")) in g
    assert (_ent("mow"), SDO.sameAs, URIRef("https://sws.geonames.org/524901/")) in g
    assert (document_iri("summit-a"), SDO.mentions, putin) in g
    assert (document_iri("summit-a"), RDF.type, SDO.NewsArticle) in g


def test_no_blank_nodes(g):
    from rdflib import BNode
    assert not any(isinstance(t, BNode) for triple in g for t in triple)


def test_named_graph_per_document():
    model = quads(small_graph())
    assert set(model) == {None, document_iri("summit-a"), document_iri("aid-b")}
    default, doc_a = model[None], model[document_iri("summit-a")]
    putin = _ent("putin")
    assert (putin, RDFS.label, Literal("فلاديمير بوتين", lang="ar")) in default
    assert not any(p == KH.meetsWith for _, p, _ in default)
    assert (putin, KH.meetsWith, _ent("kim")) in doc_a
    stmt_a = {s for s, p, o in doc_a if p == RDF.type and o == KH.Statement}
    stmt_b = {s for s, p, o in model[document_iri("aid-b")] if p == RDF.type and o == KH.Statement}
    assert len(stmt_a) == 5 and len(stmt_b) == 4
    # the relation both documents state is a plain triple in each document's graph
    both = (_ent("rus"), KH.seeksFrom, _ent("prk"))
    assert both in doc_a and both in model[document_iri("aid-b")]
    ds = to_dataset(small_graph())
    assert len(list(ds.quads())) == sum(len(t) for t in model.values())


def test_statement_ids_are_stable():
    one = {s for s, _, _ in to_rdf(small_graph()) if str(s).startswith(str(statement_iri("")))}
    two = {s for s, _, _ in to_rdf(small_graph()) if str(s).startswith(str(statement_iri("")))}
    assert one == two and len({s for s in one if "-r" not in str(s)}) == N_STATEMENTS


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH)


@pytest.mark.parametrize("name", VOCAB)
def test_ontology_defines_each_relation(ontology, name):
    prop = KH[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    langs = {o.language for o in ontology.objects(prop, RDFS.label)}
    assert {"ar", "en"} <= langs
    assert ontology.value(prop, RDFS.comment) is not None
    assert ontology.value(prop, RDFS.domain) is not None
    assert ontology.value(prop, RDFS.range) is not None
    assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == (name in SYMMETRIC)


def test_ontology_defines_everything_the_data_uses(ontology, g):
    defined = set(ontology.subjects(RDF.type, None))
    used_kh = {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(KH)}
    assert used_kh <= defined, sorted(used_kh - defined)
    for cls in ("Person", "State", "City", "Region", "Organisation", "Thing", "Programme",
                "Document", "Sentence", "Statement"):
        assert (KH[cls], RDF.type, OWL.Class) in ontology
        assert {o.language for o in ontology.objects(KH[cls], RDFS.label)} >= {"ar", "en"}


def test_every_entity_type_of_the_records_is_a_class(ontology):
    from extract.records import ENTITY_TYPES
    shapes = Graph().parse(SHAPES_PATH).serialize(format="nt")
    for name in ENTITY_TYPES:
        assert (KH[name], RDFS.subClassOf, KH.Entity) in ontology or \
            (KH[name], RDFS.subClassOf, KH.Thing) in ontology, name
        assert f"<{KH[name]}>" in shapes, name       # allowed by the entity shape
