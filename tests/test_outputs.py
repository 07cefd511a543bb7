"""Outputs sized for archives: the formats a build writes (every one for a few articles, a
corpus set above 100, any on request), gzip-compressed files that rdflib, pyoxigraph, networkx
and `khabar query` still read, each document's text stored once (documents.jsonl) with every
span's offsets cutting its text out of it, and RDF written a chunk at a time."""
from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from graph_fixtures import small_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from test_corpus_helpers import run_cli, saudi_lines, write_jsonl

from graph import rdf
from graph.documents import read_documents
from graph.exporters import EXPORTERS, write_all
from graph.formats import (CORPUS_FORMATS, FORMATS, SMALL_BUILD, FormatError, default_formats,
                           format_files, parse_formats)
from graph.namespaces import document_iri
from khabar.commands.query import load_store, run_query

RDF = {"graph.ttl": "turtle", "graph.nt": "nt", "graph.jsonld": "json-ld",
       "graph.trig": "trig", "graph.nq": "nquads"}
OX = {"graph.ttl": ox.RdfFormat.TURTLE, "graph.nt": ox.RdfFormat.N_TRIPLES,
      "graph.jsonld": ox.RdfFormat.JSON_LD, "graph.trig": ox.RdfFormat.TRIG,
      "graph.nq": ox.RdfFormat.N_QUADS}


def test_formats_cover_every_writer_and_parse():
    assert format_files(FORMATS) == set(EXPORTERS)
    assert default_formats(1) == default_formats(SMALL_BUILD) == tuple(FORMATS)
    assert default_formats(SMALL_BUILD + 1) == CORPUS_FORMATS
    assert parse_formats("ttl, TRIG,.nq,ttl") == ("ttl", "trig", "nq")
    assert parse_formats("all") == tuple(FORMATS)
    with pytest.raises(FormatError, match="xml"):
        parse_formats("ttl,xml")
    with pytest.raises(FormatError, match="rdfxml"):
        format_files(["ttl", "rdfxml"])          # the Python API checks names too


# --- gzip: what each tool needs ---------------------------------------------------------------

@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    """The small graph in every format, plain and gzipped."""
    plain, packed = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("packed")
    write_all(small_graph(), plain, formats=FORMATS)
    write_all(small_graph(), packed, formats=FORMATS, gzip=True)
    return plain, packed


def test_gzip_writes_every_file_but_the_page_and_the_ontology(both):
    plain, packed = both
    names = {p.relative_to(packed).as_posix() for p in packed.rglob("*") if p.is_file()}
    assert names == {n if n in ("graph.html", "ontology.ttl") else f"{n}.gz"
                     for n in EXPORTERS}
    for name in EXPORTERS:
        if name not in ("graph.html", "ontology.ttl"):
            with gzip.open(packed / f"{name}.gz", "rb") as fh:
                assert fh.read() == (plain / name).read_bytes(), name


def test_gzip_files_are_byte_stable(both, tmp_path):
    _, packed = both
    write_all(small_graph(), tmp_path, formats=FORMATS, gzip=True)
    for path in packed.rglob("*.gz"):
        assert path.read_bytes() == (tmp_path / path.relative_to(packed)).read_bytes(), path


@pytest.mark.parametrize("name", sorted(RDF))
def test_gzipped_rdf_round_trips_in_rdflib_and_pyoxigraph(both, name):
    """rdflib and pyoxigraph read a .gz through gzip.open (neither opens it by path)."""
    model = rdf.quads(small_graph())
    _, packed = both
    with gzip.open(packed / f"{name}.gz") as fh:
        if name in ("graph.trig", "graph.nq"):
            ds = rdflib.Dataset()
            ds.parse(fh, format=RDF[name])
            got = {(s, p, o, None if c == DATASET_DEFAULT_GRAPH_ID else c)
                   for s, p, o, c in ds.quads()}
            assert got == {(s, p, o, g) for g, triples in model.items() for s, p, o in triples}
        else:
            assert set(rdflib.Graph().parse(fh, format=RDF[name])) == \
                set(rdf.to_rdf(small_graph()))
    store = ox.Store()
    with gzip.open(packed / f"{name}.gz") as fh:
        store.load(input=fh, format=OX[name])
    assert len(store) == (sum(len(t) for t in model.values()) if name in ("graph.trig", "graph.nq")
                          else len(rdf.to_rdf(small_graph())))


@pytest.mark.parametrize("name, reader", [("graph.graphml", nx.read_graphml),
                                          ("graph.gexf", nx.read_gexf)])
def test_networkx_reads_gzipped_graphml_and_gexf_by_path(both, name, reader):
    plain, packed = both
    back, ref = reader(packed / f"{name}.gz"), reader(plain / name)
    assert sorted(back.nodes(data=True)) == sorted(ref.nodes(data=True))
    assert sorted(back.edges(data=True), key=str) == sorted(ref.edges(data=True), key=str)
    assert back.number_of_edges() == small_graph().number_of_edges()


@pytest.mark.parametrize("name", ["nodes.csv", "edges.csv", "neo4j/nodes.csv",
                                  "neo4j/relationships.csv", "documents.jsonl"])
def test_gzipped_tables_read_back(both, name):
    plain, packed = both
    with gzip.open(packed / f"{name}.gz", "rt", encoding="utf-8", newline="") as fh:
        text = fh.read()
    assert list(csv.reader(io.StringIO(text))) == \
        list(csv.reader(io.StringIO((plain / name).read_text(encoding="utf-8"))))


def test_khabar_query_reads_a_gzipped_folder_with_its_texts(both):
    plain, packed = both
    for folder in (plain, packed):
        store = load_store(folder)
        rows = run_query(store, "SELECT ?d ?text { ?d nif:isString ?text }")
        texts = {str(r["d"].value): r["text"].value for r in rows}
        assert texts == {r["iri"]: r["text"] for r in read_documents(
            next(folder.glob("documents.jsonl*")))}, folder
        assert len(texts) == 2


# --- chunks: what the writers stream ----------------------------------------------------------

def test_chunks_never_split_a_subject_nor_repeat_a_triple(monkeypatch):
    monkeypatch.setattr(rdf, "ENTITY_BATCH", 3)          # several entity batches
    graph = small_graph()
    triples = {}
    for flat in (False, True):
        pieces = list(rdf.chunks(graph, flat=flat))
        assert len(pieces) == 1 + 4 + 2                   # agent, 10 entities by 3, 2 documents
        owner: dict = {}
        for i, (name, chunk) in enumerate(pieces):
            for s, _, _ in chunk:
                key = s if flat else (name, s)            # a subject's triples in one graph
                assert owner.setdefault(key, i) == i, key  # are in one chunk
        union = {(None if flat else name, t) for name, chunk in pieces for t in chunk}
        assert sum(len(chunk) for _, chunk in pieces) == len(union)     # nothing twice
        triples[flat] = {t for _, t in union}
    # the flat graph takes plain triples from the edges, the dataset from each statement
    assert triples[True] == triples[False]


def test_default_graph_then_documents_in_iri_order():
    names = [name for name, _ in rdf.chunks(small_graph())]
    docs = [n for n in names if n is not None]
    assert names[:len(names) - len(docs)] == [None] * (len(names) - len(docs))
    assert docs == sorted(docs, key=str) == sorted(
        document_iri(d) for d in ("summit-a", "aid-b"))


# --- a real corpus build: defaults, gzip, stale files, texts and offsets ----------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path, list[dict]]:
    """101 real articles: one more than a small build."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = saudi_lines(SMALL_BUILD + 1)
    path = write_jsonl(folder / "saudi.jsonl.gz", lines)
    return path, folder / "out", [json.loads(line) for line in lines]


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and ".cache" not in p.parts}


def test_a_corpus_build_writes_the_corpus_set_then_any_format_on_request(corpus):
    path, out, records = corpus
    first = run_cli("build", str(path), "-o", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    assert _files(out) == format_files(CORPUS_FORMATS)
    assert "--formats all" in first.stderr
    trig_plain = rdflib.Dataset()
    trig_plain.parse(out / "graph.trig", format="trig")

    again = run_cli("build", str(path), "-o", str(out), "--quiet", "--formats", "all", "--gzip")
    assert again.returncode == 0, again.stderr
    assert _files(out) == {n if n in ("graph.html", "ontology.ttl") else f"{n}.gz"
                           for n in format_files(FORMATS)}
    assert "removed an earlier build's outputs" in again.stderr and "graph.trig," in again.stderr
    trig_packed = rdflib.Dataset()
    with gzip.open(out / "graph.trig.gz") as fh:
        trig_packed.parse(fh, format="trig")
    assert set(trig_packed.quads()) == set(trig_plain.quads())

    count = run_cli("query", str(out), "SELECT (COUNT(?t) AS ?n) { ?d nif:isString ?t }",
                    "--format", "csv")
    assert count.returncode == 0 and count.stdout.split() == ["n", str(len(records))]


def test_every_span_cuts_its_text_out_of_documents_jsonl(corpus):
    """What an analyst needs to check a statement survives the text's move: the quote and
    offsets in the RDF, the text in documents.jsonl, tied by IRI and content hash."""
    path, out, records = corpus
    if not (out / "documents.jsonl.gz").exists():
        assert run_cli("build", str(path), "-o", str(out), "--quiet", "--formats",
                       "trig").returncode == 0
    store = load_store(out)
    docs = list(read_documents(next(out.glob("documents.jsonl*"))))
    assert [d["id"] for d in docs] == [r["id"] for r in records]
    assert all(d["text"] == r["content"] and d["length"] == len(d["text"])
               for d, r in zip(docs, records))
    hashes = {str(r["d"].value): r["h"].value for r in run_query(
        store, "SELECT ?d ?h { ?d kh:contentHash ?h }")}
    assert hashes == {d["iri"]: d["content_hash"] for d in docs}
    spans = list(run_query(store, """
        SELECT ?b ?e ?anchor ?text {
            ?span nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor ;
                  nif:referenceContext ?doc . ?doc nif:isString ?text }"""))
    assert len(spans) > 100
    for row in spans:
        begin, end = int(row["b"].value), int(row["e"].value)
        assert row["text"].value[begin:end] == row["anchor"].value
    quotes = list(run_query(store, """
        SELECT ?quote ?text { ?st kh:quote ?quote ; prov:hadPrimarySource ?doc .
                              ?doc nif:isString ?text }"""))
    assert quotes and all(r["quote"].value in r["text"].value for r in quotes)


def test_unknown_format_is_one_line(tmp_path):
    run = run_cli("build", "--formats", "ttl,rdfxml", "-o", str(tmp_path / "out"))
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "khabar: --formats: unknown format rdfxml: choose from "
        f"{','.join(FORMATS)} (comma-separated), or all"]
    assert not (tmp_path / "out").exists()
