"""Every RDF file parses back, with rdflib and with pyoxigraph, to exactly the model's
triples/quads, and the same graph always gives byte-identical files (even under another
PYTHONHASHSEED, which changes rdflib's set and dict iteration order)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from graph_fixtures import ROOT, small_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.exporters import EXPORTERS, write_all
from graph.rdf import quads, to_rdf

RDF_FILES = {"graph.ttl": "turtle", "graph.nt": "nt", "graph.jsonld": "json-ld",
             "graph.trig": "trig", "graph.nq": "nquads"}
DATASETS = {"graph.trig", "graph.nq"}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rdf")
    write_all(small_graph(), folder, only=list(RDF_FILES) + ["ontology.ttl"])
    return folder


def test_formats_are_registered():
    assert set(RDF_FILES) | {"ontology.ttl"} <= set(EXPORTERS)


@pytest.mark.parametrize("name", sorted(RDF_FILES))
def test_round_trip_rdflib(out, name):
    model = quads(small_graph())
    if name in DATASETS:
        ds = rdflib.Dataset()
        ds.parse(out / name, format=RDF_FILES[name])
        got = {(s, p, o, None if c == DATASET_DEFAULT_GRAPH_ID else c) for s, p, o, c in ds.quads()}
        want = {(s, p, o, g) for g, triples in model.items() for s, p, o in triples}
    else:
        got = set(rdflib.Graph().parse(out / name, format=RDF_FILES[name]))
        want = set(to_rdf(small_graph()))
    assert got == want


@pytest.mark.parametrize("name", sorted(RDF_FILES))
def test_round_trip_pyoxigraph(out, name):
    store = ox.Store()
    store.load(path=str(out / name))
    model = quads(small_graph())
    if name in DATASETS:
        assert len(store) == sum(len(t) for t in model.values())
        named = {g.value for g in store.named_graphs()}
        assert named == {str(g) for g in model if g is not None}
    else:
        assert len(store) == len(to_rdf(small_graph()))


def _runs(keys: list[str]) -> list[str]:
    return [k for i, k in enumerate(keys) if i == 0 or k != keys[i - 1]]


def test_line_formats_keep_subjects_and_graphs_together(out):
    """Written a chunk at a time, yet each subject is one run of lines (N-Triples), each
    document's graph one run (N-Quads), and no line repeats."""
    lines = (out / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == len(to_rdf(small_graph()))
    subjects = _runs([line.split(" ", 1)[0] for line in lines])
    assert len(subjects) == len(set(subjects))
    quads_ = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert len(quads_) == len(set(quads_))
    in_order = [str(q.graph_name) for q in ox.parse(path=str(out / "graph.nq"),
                                                      format=ox.RdfFormat.N_QUADS)]
    graphs = _runs(in_order)
    assert len(graphs) == len(set(graphs)) == 3          # default graph, then two documents


def test_arabic_is_written_as_text_not_escapes(out):
    for name in RDF_FILES:
        text = (out / name).read_text(encoding="utf-8")
        assert "فلاديمير بوتين" in text, name


def test_json_ld_uses_a_compact_context(out):
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    ctx = doc["@context"]
    assert ctx["seeksFrom"] == {"@id": "kh:seeksFrom", "@type": "@id"}
    putin = next(n for n in doc["@graph"] if n["id"] == "khe:Q7747")
    assert putin["label"] == {"ar": "فلاديمير بوتين", "en": "Vladimir Putin"}
    assert putin["sameAs"] == "wd:Q7747" and putin["type"] == "kh:Person"
    ids = [n["id"] for n in doc["@graph"]]
    assert len(ids) == len(set(ids))


def test_same_graph_same_bytes(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    write_all(small_graph(), first)
    write_all(small_graph(), second)
    for path in sorted(p for p in first.rglob("*") if p.is_file()):
        twin = second / path.relative_to(first)
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_same_bytes_under_another_hash_seed(tmp_path):
    """rdflib iterates sets: a different hash seed must not change any output file."""
    code = ("import sys; sys.path.insert(0, 'tests'); from pathlib import Path; "
            "from graph_fixtures import small_graph; from graph.exporters import write_all; "
            "write_all(small_graph(), Path(sys.argv[1]))")
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], cwd=ROOT, env=env,
                       check=True, timeout=120)
    for path in sorted(p for p in (tmp_path / "1").rglob("*") if p.is_file()):
        twin = tmp_path / "2" / path.relative_to(tmp_path / "1")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_awkward_text_survives_every_format(tmp_path):
    """Quotes, backslashes, a line ending in " .", CR, tabs and U+2028, as a document's text
    (in documents.jsonl) and its title (in every RDF file)."""
    from extract.records import Document, DocumentResult
    from graph.assemble import assemble
    from graph.documents import read_documents
    from graph.namespaces import NIF, SDO, document_iri

    text = 'قال "نعم" .\nسطر \\ ثان .\r\n\tثالث\u2028رابع """ .'
    graph = assemble([DocumentResult(Document(id="odd", text=text, title=text))])
    write_all(graph, tmp_path, only=list(RDF_FILES) + ["documents.jsonl"])
    for name, fmt in RDF_FILES.items():
        data = rdflib.Dataset(default_union=True)
        data.parse(tmp_path / name, format=fmt)
        assert str(data.value(document_iri("odd"), SDO.headline)) == text, name
        assert data.value(document_iri("odd"), NIF.isString) is None, name
    [record] = read_documents(tmp_path / "documents.jsonl")
    assert record["text"] == text and record["iri"] == str(document_iri("odd"))
