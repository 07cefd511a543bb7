"""Property-graph exports read back with the tools analysts use (networkx for GraphML and GEXF,
csv for the tables and the neo4j-admin import files) match the networkx graph: same nodes, same
edges, typed attributes, Arabic intact, lists flattened."""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from graph_fixtures import ENTITIES, small_graph

from graph.exporters import EXPORTERS, write_all
from graph.neo4j import NODE_HEADER, RELATIONSHIP_HEADER, relationship_type

FILES = ["graph.graphml", "graph.gexf", "nodes.csv", "edges.csv", "neo4j/nodes.csv",
         "neo4j/relationships.csv"]
RUS, PRK = ENTITIES["rus"].key, ENTITIES["prk"].key


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return small_graph()


@pytest.fixture(scope="module")
def out(tmp_path_factory, graph) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    write_all(graph, folder, only=FILES)
    return folder


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_registered():
    assert set(FILES) <= set(EXPORTERS)


@pytest.mark.parametrize("name, reader", [("graph.graphml", nx.read_graphml),
                                          ("graph.gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back(out, graph, name, reader):
    back = reader(out / name)
    assert back.is_directed() and back.is_multigraph()
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    for key, data in graph.nodes(data=True):
        node = back.nodes[key]
        assert node["label"] == data["label"]                  # Arabic intact
        assert node["type"] == data["type"]
        assert node["mentions"] == data["mentions"] and isinstance(node["mentions"], int)
        assert node["aliases"] == " | ".join(data["aliases"])
        assert node["documents"] == " | ".join(sorted(data["documents"]))
    pairs = sorted((u, v, d["predicate"], d["modality"], d["count"])
                   for u, v, d in graph.edges(data=True))
    back_pairs = sorted((u, v, d["predicate"], d["modality"], d["count"])
                        for u, v, d in back.edges(data=True))
    assert back_pairs == pairs
    seeks_from = [d for u, v, d in back.edges(data=True)
                  if (u, v, d["predicate"]) == (RUS, PRK, "seeksFrom")]
    assert len(seeks_from) == 1
    edge = seeks_from[0]
    assert edge["count"] == 2 and isinstance(edge["confidence"], float)
    assert edge["documents"] == "aid-b | summit-a"
    assert len(edge["statements"].split(" | ")) == 2


def test_arabic_is_not_escaped(out):
    for name in ("graph.graphml", "graph.gexf"):
        text = (out / name).read_text(encoding="utf-8")
        assert "كوريا الشمالية" in text and "&#" not in text, name


def test_gexf_is_gephi_shaped(out):
    text = (out / "graph.gexf").read_text(encoding="utf-8")
    assert 'xmlns="http://www.gexf.net/1.2draft"' in text and "lastmodifieddate" not in text
    back = nx.read_gexf(out / "graph.gexf")
    assert {d["weight"] for _, _, d in back.edges(data=True)} == {1.0, 2.0}


def test_csv_tables_match_graph(out, graph):
    nodes = _csv(out / "nodes.csv")
    assert [r["Id"] for r in nodes] == sorted(graph.nodes)
    by_id = {r["Id"]: r for r in nodes}
    assert by_id[RUS]["Label"] == "روسيا" and by_id[RUS]["wikidata"].endswith("/Q159")
    assert int(by_id[RUS]["mentions"]) == graph.nodes[RUS]["mentions"]
    edges = _csv(out / "edges.csv")
    assert len(edges) == graph.number_of_edges()
    assert len({r["Id"] for r in edges}) == len(edges)
    meets = next(r for r in edges if r["Label"] == "meetsWith")
    assert meets["Type"] == "Undirected"
    denied = next(r for r in edges if r["Label"] == "sanctions")
    assert denied["modality"] == "negated" and denied["Type"] == "Directed"
    assert "الصين" in denied["evidence"]
    assert sum(int(r["Weight"]) for r in edges) == 9


def test_neo4j_admin_import_headers(out, graph):
    nodes = _csv(out / "neo4j/nodes.csv")
    rels = _csv(out / "neo4j/relationships.csv")
    assert list(nodes[0]) == NODE_HEADER and list(rels[0]) == RELATIONSHIP_HEADER
    assert {r["id:ID"] for r in nodes} == set(graph.nodes)
    assert all(r[":LABEL"].startswith("Entity;") for r in nodes)
    assert len(rels) == graph.number_of_edges()
    ids = {r["id:ID"] for r in nodes}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    types = {r[":TYPE"] for r in rels}
    assert {"SEEKS_FROM", "MEETS_WITH", "NOT_SANCTIONS"} <= types and "SANCTIONS" not in types
    seek = next(r for r in rels if r[":TYPE"] == "SEEKS_FROM")
    assert seek["documents:string[]"].split(";") == ["aid-b", "summit-a"]
    assert int(seek["count:int"]) == 2
    putin = next(r for r in nodes if r["id:ID"] == ENTITIES["putin"].key)
    assert putin["aliases:string[]"] == "بوتين" and putin[":LABEL"] == "Entity;Person"


def test_relationship_type():
    assert relationship_type("seeksFrom", "asserted") == "SEEKS_FROM"
    assert relationship_type("warnsAgainst", "possible") == "WARNS_AGAINST"
    assert relationship_type("sanctions", "negated") == "NOT_SANCTIONS"


def test_neo4j_values_have_no_line_breaks(tmp_path):
    """neo4j-admin reads one record per line unless told otherwise: quotes lose their breaks."""
    graph = small_graph()
    for _, _, data in graph.edges(data=True):
        data["statements"] = [replace(st, quote=replace(st.quote, text=st.quote.text.replace(
            " ", "\n", 1))) for st in data["statements"]]
    EXPORTERS["neo4j/relationships.csv"](graph, tmp_path / "r.csv")
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == graph.number_of_edges() + 1
