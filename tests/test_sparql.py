"""`khabar query` and the example queries in queries/, on the hand-made graph: each query's
rows exactly, the output formats, and clear one-line errors (exit 2) for bad queries."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from graph_fixtures import ROOT, run_khabar, small_graph

from graph.exporters import write_all
from khabar.commands.query import QueryError, load_store, rows, run_query

QUERIES = ROOT / "queries"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sparql")
    write_all(small_graph(), folder, only=["graph.trig", "graph.ttl", "graph.jsonld",
                                           "ontology.ttl"])
    return folder


@pytest.fixture(scope="module")
def store(out):
    return load_store(out)


def run(store, name: str, **params: str) -> list[list[str]]:
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    return rows(run_query(store, text, params))[1]


def test_at_least_six_documented_queries():
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 6
    for path in files:
        head = path.read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("# ") and len(head) > 20, path.name


def test_who_seeks_what_from_whom(store):
    got = [r[:5] for r in run(store, "who-seeks-what-from-whom")]
    assert got == [["روسيا", "الأسلحة", "كوريا الشمالية", "aid-b", "asserted"],
                   ["روسيا", "الذخائر", "كوريا الشمالية", "summit-a", "asserted"]]


def test_entity_relations_default_and_param(store):
    got = [(r[1], r[2], r[3], r[4], r[5]) for r in run(store, "entity-relations")]
    assert got == [("in", "leaderOf", "فلاديمير بوتين", "asserted", "summit-a"),
                   ("out", "provides", "مساعدات غذائية", "possible", "aid-b"),
                   ("out", "seeks", "الأسلحة", "asserted", "aid-b"),
                   ("out", "seeks", "الذخائر", "asserted", "summit-a"),
                   ("out", "seeksFrom", "كوريا الشمالية", "asserted", "aid-b"),
                   ("out", "seeksFrom", "كوريا الشمالية", "asserted", "summit-a"),
                   ("out", "supports", "كوريا الشمالية", "asserted", "aid-b")]
    china = run(store, "entity-relations", entity="wd:Q148")
    assert [(r[1], r[2], r[3], r[4]) for r in china] == [
        ("out", "sanctions", "كوريا الشمالية", "negated")]
    assert china[0][7] == "ولم تفرض الصين عقوبات على كوريا الشمالية."


def test_relations_by_attribution(store):
    got = [r[:5] for r in run(store, "relations-by-attribution")]
    assert got == [["وكالة رويترز", "روسيا", "seeks", "الذخائر", "asserted"],
                   ["وكالة رويترز", "روسيا", "seeksFrom", "كوريا الشمالية", "asserted"]]


def test_possible_vs_asserted(store):
    got = {r[0]: r[1:] for r in run(store, "possible-vs-asserted")}
    assert got["seeks"] == ["2", "0", "0", "2"]
    assert got["provides"] == ["0", "1", "0", "1"]
    assert got["sanctions"] == ["0", "0", "1", "1"]
    assert sum(int(r[3]) for r in got.values()) == 9


def test_entities_by_type(store):
    got = run(store, "entities-by-type")
    assert len(got) == 10
    assert ["State", "روسيا", "Russia", "wd:Q159", "4"] in got
    assert ["Organisation", "وكالة رويترز", "", "", "1"] in got
    assert [r[0] for r in got] == sorted(r[0] for r in got)


def test_statements_per_document(store):
    got = [r[:6] for r in run(store, "statements-per-document")]
    assert got == [["summit-a", "قمة في موسكو", "5", "4", "0", "1"],
                   ["aid-b", "مساعدات ودعم", "4", "3", "1", "0"]]


def test_negated_relations(store):
    assert run(store, "negated-relations") == [
        ["الصين", "sanctions", "كوريا الشمالية", "ولم تفرض الصين عقوبات على كوريا الشمالية."]]


def test_relations_in_time(store):
    got = [r[:5] for r in run(store, "relations-in-time")]
    assert got == [["2023", "روسيا", "seeks", "الذخائر", "asserted"],
                   ["2023", "روسيا", "seeksFrom", "كوريا الشمالية", "asserted"]]


@pytest.mark.parametrize("name", ["graph.ttl", "graph.jsonld"])
def test_queries_work_on_flat_files_too(out, name):
    store = load_store(out / name)
    assert len(run(store, "who-seeks-what-from-whom")) == 2


def test_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError) as info:
        run_query(store, "SELECT ?s WHERE { ?s ?p ")
    assert info.value.code == 2 and "syntax error" in str(info.value)


def test_cli_table_csv_json(out):
    text = "SELECT ?o WHERE { khe:Q7747 kh:meetsWith ?o }"
    table = run_khabar("query", str(out), text)
    assert table.returncode == 0, table.stderr
    assert "khe:Q56226" in table.stdout and "(1 row)" in table.stdout
    as_csv = run_khabar("query", str(out / "graph.ttl"), text, "--format", "csv")
    assert as_csv.stdout.splitlines() == ["o", "khe:Q56226"]
    as_json = run_khabar("query", str(out / "graph.trig"), text, "--format", "json")
    data = json.loads(as_json.stdout)
    assert data["results"]["bindings"][0]["o"]["value"].endswith("/entity/Q56226")


def test_cli_file_and_ask(out):
    done = run_khabar("query", str(out), "--file", str(QUERIES / "negated-relations.rq"))
    assert done.returncode == 0 and "الصين" in done.stdout
    ask = run_khabar("query", str(out), "ASK { ?s kh:sanctions ?o }")
    assert ask.stdout.strip() == "false"          # the only sanctions statement is a denial


@pytest.mark.parametrize("args, words", [
    (["SELECT ?s WHERE { ?s ?p "], "SPARQL syntax error"),
    (["--format", "xml", "ASK {}"], "unknown --format"),
    ([], "either as text or with --file"),
    (["--param", "oops", "ASK {}"], "expected NAME=VALUE"),
])
def test_cli_errors_are_one_line_exit_2(out, args, words):
    done = run_khabar("query", str(out), *args)
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_cli_missing_graph(tmp_path):
    done = run_khabar("query", str(tmp_path / "none.ttl"), "ASK {}")
    assert done.returncode == 2 and "no such file" in done.stderr
    empty = run_khabar("query", str(tmp_path), "ASK {}")
    assert empty.returncode == 2 and "khabar build" in empty.stderr


def test_cli_unparseable_graph(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    done = run_khabar("query", str(bad), "ASK {}")
    assert done.returncode == 1 and "cannot load" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_cli_construct_prints_n_triples(out):
    import rdflib
    done = run_khabar("query", str(out), "CONSTRUCT { ?s kh:seeks ?o } WHERE { ?s kh:seeks ?o }")
    assert done.returncode == 0, done.stderr
    parsed = rdflib.Graph().parse(data=done.stdout, format="nt")
    assert len(parsed) == 2
