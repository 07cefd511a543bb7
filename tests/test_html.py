"""The HTML writer without a browser: determinism, escaping, self-containment, highlighting."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from extract.records import Span
from graph.assemble import assemble
from graph.exporters import EXPORTERS, write_all
from extract.records import ENTITY_TYPES
from graph.html import (AGGREGATE_FROM, DOCUMENT_COLUMNS, NODE_COLUMNS, highlight_segments,
                        page_data, relation_labels, render_html, type_styles, write_html)
from graph.overview import overview_nodes
from html_fixtures import (IMG, OVERVIEW_CAP, SCRIPT, hostile_graph, hostile_results,
                           overview_graph, small_graph, small_results)

ONTOLOGY = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "ONTOLOGY.md"
DATA_BLOCK = re.compile(r'<script type="application/json" id="khabar-data">(.*?)</script>', re.S)


def _inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.S)


def test_same_graph_gives_byte_identical_page():
    assert render_html(small_graph()) == render_html(small_graph())
    # input order does not leak into the page either
    assert render_html(assemble(reversed(small_results()))) == render_html(small_graph())
    overview = render_html(overview_graph(), OVERVIEW_CAP)
    assert overview == render_html(overview_graph(), OVERVIEW_CAP) != render_html(overview_graph())


def test_registered_as_graph_html_and_written_atomically(tmp_path):
    assert EXPORTERS["graph.html"] is write_html
    target = tmp_path / "graph.html"
    write_html(small_graph(), target)
    assert target.read_text(encoding="utf-8") == render_html(small_graph())
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_page_is_self_contained():
    html = render_html(small_graph())
    assert "{{" not in html
    # nothing is loaded from anywhere: no external script, stylesheet, image or font
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html)
    assert "bootstrap" not in html.lower()
    assert "@import" not in html and "url(http" not in html
    scripts = _inline_scripts(html)
    assert len(scripts) == 2 and "vis-network" in scripts[0] and "khabar-data" in scripts[1]


def test_csp_allows_exactly_the_two_inline_scripts():
    html = render_html(small_graph())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    hashes = re.findall(r"'sha256-([^']+)'", csp)
    expected = [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
                for s in _inline_scripts(html)]
    assert hashes == expected


def test_hostile_text_never_appears_as_markup():
    html = render_html(hostile_graph())
    block = DATA_BLOCK.search(html).group(1)
    assert "<" not in block and ">" not in block
    # outside the data block the page holds only our own markup
    outside = html.replace(block, "")
    assert SCRIPT not in outside and IMG not in outside and "alert(1)" not in outside
    assert len(re.findall(r"^<script", outside, re.M)) == 3
    # and nothing is lost: the block parses back to exactly the data
    assert json.loads(block) == page_data(hostile_graph())


def _rows(table: dict[str, list]) -> list[dict]:
    """A column table of the page data back to one dict per row."""
    return [dict(zip(table, values)) for values in zip(*table.values())]


def test_page_data_content():
    data = page_data(small_graph())
    nodes, documents = _rows(data["nodes"]), _rows(data["documents"])
    assert [n["id"] for n in nodes] == sorted(n["id"] for n in nodes)
    ukraine = next(n for n in nodes if n["id"] == "wd:Q212")
    assert (ukraine["label"], ukraine["label_en"], ukraine["type"], ukraine["qid"]) == \
        ("أوكرانيا", "Ukraine", "State", "Q212")
    assert [documents[i]["id"] for i in ukraine["documents"]] == ["kyiv-warsaw", "warsaw-aid"]
    supports = next(e for e in data["edges"] if e["predicate"] == "supports")
    assert supports["count"] == 2 and len(supports["evidence"]) == 2
    assert [documents[ev["doc"]]["id"] for ev in supports["evidence"]] == \
        ["kyiv-warsaw", "warsaw-aid"]
    assert {e["modality"] for e in data["edges"]} == {"asserted", "possible", "negated"}
    assert [r["id"] for r in data["relations"]][:2] == ["leaderOf", "meetsWith"]
    assert documents[0]["title"] == "زيلينسكي في وارسو"
    # under the cap the page opens on the whole graph, entities without relations included
    assert data["drawn"] == [n["id"] for n in nodes]


def test_entities_and_documents_ship_as_column_tables():
    data = page_data(overview_graph(), max_nodes=OVERVIEW_CAP)
    assert tuple(data["nodes"]) == NODE_COLUMNS and tuple(data["documents"]) == DOCUMENT_COLUMNS
    assert len({len(column) for column in data["nodes"].values()}) == 1
    # the key of a column is written once, not once per entity
    block = DATA_BLOCK.search(render_html(overview_graph(), OVERVIEW_CAP)).group(1)
    assert block.count('"label_en":') == 1


def test_an_overview_ships_every_entity_and_relation_but_draws_the_cap():
    graph = overview_graph()
    data = page_data(graph, max_nodes=OVERVIEW_CAP)
    assert data["drawn"] == overview_nodes(graph, OVERVIEW_CAP)
    assert sorted(data["nodes"]["id"]) == sorted(graph.nodes) and len(graph) > OVERVIEW_CAP
    assert len(data["edges"]) == graph.number_of_edges()
    assert all(e["evidence"] for e in data["edges"])     # on-demand edges keep their evidence
    assert data["overview"] == {"max_nodes": OVERVIEW_CAP}
    assert data["layout"]["aggregate_from"] == AGGREGATE_FROM
    assert page_data(graph, max_nodes=len(graph))["drawn"] == sorted(graph.nodes)


def test_write_all_passes_the_cap_to_the_html_writer(tmp_path):
    written = write_all(overview_graph(), tmp_path, only=["graph.html"],
                        options={"graph.html": {"max_nodes": 7}})
    assert written == [tmp_path / "graph.html"]
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert json.loads(DATA_BLOCK.search(html).group(1))["drawn"] == \
        overview_nodes(overview_graph(), 7)


def test_evidence_highlights_the_mentions_by_offset():
    data = page_data(small_graph())
    seeks = next(e for e in data["edges"] if e["predicate"] == "seeksFrom")
    (evidence,) = seeks["evidence"]
    marked = {role: text for text, role in evidence["segments"] if role}
    assert marked == {"subject": "أوكرانيا", "trigger": "تطلب من", "object": "بولندا"}
    assert "".join(t for t, _ in evidence["segments"]) == \
        "وقالت وكالة رويترز إن أوكرانيا قد تطلب من بولندا المزيد من الأسلحة."
    assert evidence["attribution"] == "wd:Q130879"


def test_highlight_segments_offsets_are_code_points():
    # a character outside the BMP before the mention: one code point, two UTF-16 units
    quote = Span(100, 114, "🙂 روسيا والصين")
    subject = Span(102, 107, "روسيا")
    assert highlight_segments(quote, [("subject", subject)]) == \
        [["🙂 ", ""], ["روسيا", "subject"], [" والصين", ""]]


def test_highlight_segments_falls_back_to_text_then_gives_up():
    quote = Span(0, 11, "قال الرئيس.")
    wrong_offsets = Span(40, 46, "الرئيس")
    assert highlight_segments(quote, [("trigger", wrong_offsets)]) == \
        [["قال ", ""], ["الرئيس", "trigger"], [".", ""]]
    assert highlight_segments(quote, [("object", Span(40, 43, "غير"))]) == [["قال الرئيس.", ""]]


def test_empty_graph_still_renders():
    html = render_html(assemble([]))
    data = json.loads(DATA_BLOCK.search(html).group(1))
    assert data["nodes"]["id"] == [] and data["edges"] == [] and data["drawn"] == []


def test_relation_labels_come_from_the_ontology():
    labels = relation_labels()
    assert len(labels) == 17
    for predicate, label in labels.items():
        assert re.search("[\u0600-\u06ff]", label["ar"]), predicate
        assert label["en"] and " " not in predicate, predicate
    assert labels["meetsWith"]["en"] == "meets with"   # the ontology's label, not the local name
    symmetric = {p for p, label in labels.items() if label["symmetric"]}
    assert symmetric == {"meetsWith", "cooperatesWith", "tensionWith", "conflictWith"}


@pytest.mark.skipif(not ONTOLOGY.exists(), reason="shared/eval/ONTOLOGY.md not present")
def test_the_view_knows_every_evaluation_predicate():
    predicates = re.findall(r"^\| (\w+) \|", ONTOLOGY.read_text(encoding="utf-8"), re.M)
    assert sorted(p for p in predicates if p != "predicate") == sorted(relation_labels())


def test_hostile_results_are_valid_records():
    (result,) = hostile_results()
    for st in result.statements:
        assert result.document.text[st.quote.start:st.quote.end] == st.quote.text


def test_every_entity_type_has_a_shape_colour_and_arabic_name():
    styles = type_styles()
    assert set(styles) == set(ENTITY_TYPES)
    assert styles["State"]["ar"] == "دولة"      # the ontology's class label
    for name, style in styles.items():
        assert re.search("[\u0600-\u06ff]", style["ar"]), name
        assert style["shape"] and re.fullmatch(r"#[0-9a-f]{6}", style["color"]), name
    # shape and colour together tell every type apart
    assert len({(s["shape"], s["color"]) for s in styles.values()}) == len(styles)
