"""The example queries, the scorer and the SHACL shapes on the real seed build.

These check rows that any correct extraction of the seed article must produce (Russia seeks
weapons from North Korea, North Korea seeks food aid from Russia, Foreign Policy is credited
with Russia's need for military resources, ...), so they fail when extraction regresses; the
RDF side itself is covered on hand-made data in test_rdf*.py and test_sparql.py.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyshacl
import pytest
from graph_fixtures import ROOT
from rdflib import Graph

from graph.rdf import ONTOLOGY_PATH, SHAPES_PATH
from khabar.build import build
from khabar.commands.query import load_store, rows, run_query

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "eval" / "gold" / "putin-kim-vladivostok.json"
RDF_OUTPUTS = ["graph.ttl", "graph.trig", "graph.nt", "graph.nq", "graph.jsonld", "ontology.ttl"]
NEGATION = re.compile(r"(^|\s)(لم|لن|لا|ليس|ليست|غير|نفى|نفت|دون)(\s|$)")


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    report = build([ROOT / "seeds"], out, quiet=True, use_cache=False, only=RDF_OUTPUTS)
    assert report.results and not report.errors
    return out


@pytest.fixture(scope="module")
def store(seed_out):
    return load_store(seed_out)


def run(store, name: str, **params: str) -> list[dict[str, str]]:
    text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    names, body = rows(run_query(store, text, params))
    return [dict(zip(names, row, strict=True)) for row in body]


def test_russia_seeks_weapons_from_north_korea(store):
    got = run(store, "who-seeks-what-from-whom")
    assert any(r["seeker"] == "روسيا" and "الأسلحة" in r["thing"]
               and r["askedOf"] == "كوريا الشمالية" for r in got), got


def test_north_korea_seeks_food_aid_from_russia(store):
    got = run(store, "who-seeks-what-from-whom")
    assert any(r["seeker"] == "كوريا الشمالية" and "غذائية" in r["thing"]
               and r["askedOf"] == "روسيا" for r in got), got


def test_relations_of_russia(store):
    got = {(r["direction"], r["relation"], r["other"]) for r in run(store, "entity-relations")}
    assert ("out", "seeksFrom", "كوريا الشمالية") in got
    assert ("in", "leaderOf", "فلاديمير بوتين") in got
    assert {("out", "cooperatesWith", "كوريا الشمالية"),
            ("in", "cooperatesWith", "كوريا الشمالية")} & got
    assert {("out", "conflictWith", "أوكرانيا"), ("in", "conflictWith", "أوكرانيا")} & got
    north_korea = {(r["direction"], r["relation"], r["other"])
                   for r in run(store, "entity-relations", entity="wd:Q423")}
    assert ("out", "seeksFrom", "روسيا") in north_korea


def test_foreign_policy_is_credited(store):
    got = run(store, "relations-by-attribution")
    assert any("فورين بوليسي" in r["source"] and r["subject"] == "روسيا"
               and r["relation"] == "seeks" and "الموارد العسكرية" in r["object"] for r in got), got


def test_hedged_provisions_are_possible(store):
    got = {r["relation"]: r for r in run(store, "possible-vs-asserted")}
    # "مخاوف من أن روسيا قد تقدم ..." / "قد تدعم ... من خلال توفير": feared, not stated
    assert int(got["provides"]["possible"]) >= 2 and got["provides"]["asserted"] == "0"
    assert int(got["leaderOf"]["asserted"]) >= 2                     # Putin and Kim


def test_entities_by_type_with_wikidata(store):
    got = {(r["type"], r["label"]): r for r in run(store, "entities-by-type")}
    assert got[("Person", "فلاديمير بوتين")]["wikidata"] == "wd:Q7747"
    assert got[("State", "روسيا")]["wikidata"] == "wd:Q159"
    assert got[("State", "كوريا الشمالية")]["wikidata"] == "wd:Q423"
    assert ("City", "فلاديفوستوك") in got


def test_statements_per_document(store):
    [row] = run(store, "statements-per-document")
    assert row["document"] == "putin-kim-vladivostok.ar"
    total = int(row["statements"])
    assert total >= 20
    assert total == int(row["asserted"]) + int(row["possible"]) + int(row["negated"])


def test_dated_and_negated_rows_are_grounded(store):
    dated = run(store, "relations-in-time")
    assert any(r["time"] == "2019" for r in dated)
    assert all(r["time"] in r["quote"] for r in dated)
    assert all(NEGATION.search(r["quote"]) for r in run(store, "negated-relations"))


def _score(path: Path) -> dict:
    done = subprocess.run([sys.executable, str(SCORER), str(path), str(GOLD), "--json"],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval is not available")
def test_every_rdf_format_scores_the_same(seed_out):
    scores = {name: _score(seed_out / name)["f1"]
              for name in ("graph.ttl", "graph.trig", "graph.nt", "graph.nq", "graph.jsonld")}
    assert len(set(scores.values())) == 1, scores


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval is not available")
@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
def test_seed_score_acceptance(seed_out, name):
    result = _score(seed_out / name)
    assert result["f1"] >= 0.80, result


def test_seed_output_conforms_to_shapes(seed_out):
    data = Graph().parse(seed_out / "graph.ttl")
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=Graph().parse(SHAPES_PATH), ont_graph=Graph().parse(ONTOLOGY_PATH),
        advanced=True, inference="none")
    assert conforms, text
