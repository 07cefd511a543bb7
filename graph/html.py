"""The interactive HTML view: one self-contained, offline page for reading an Arabic news graph.

Why a page of our own rather than pyvis' ``generate_html``: pyvis' template loads Bootstrap from
a CDN even with inlined resources. We inline pyvis' bundled vis-network build instead, so the page
works with no network at all, and keep every string from the news in one JSON data block that
the viewer script (``templates/viewer.js``) reads with ``JSON.parse`` and puts on screen with
``textContent`` only, so no text from an article can become markup or script. A
Content-Security-Policy that names the hashes of the page's two scripts backs this up: nothing
else runs, and nothing is fetched.

A corpus graph is too big to draw whole, so the page draws an overview of at most `max_nodes`
entities (chosen in graph/overview.py) and ships every other entity compactly, as columns of
names for the search box, which draws any of them with its neighbours on demand; every relation
ships with its evidence (a corpus has few relations and many entities). Documents are shipped
once, in columns, and referred to by their index.

The output is deterministic: nodes and edges sorted, JSON keys sorted, no timestamps, and a fixed
layout seed, so the same graph always gives a byte-identical file.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from extract.records import Span, Statement
from graph.namespaces import KH
from graph.overview import DEFAULT_MAX_NODES, overview_nodes
from graph.rdf import ONTOLOGY_PATH
from graph.atomic import write_text

__all__ = ["page_data", "render_html", "write_html", "highlight_segments", "LAYOUT_SEED",
           "AGGREGATE_FROM", "DEFAULT_MAX_NODES", "NODE_COLUMNS", "DOCUMENT_COLUMNS"]

#: vis-network's random seed for the initial layout: the same graph is drawn the same way.
LAYOUT_SEED = 7
#: Two entities joined by this many visible relations or more (denials aside: they keep their
#: own dotted line) are drawn with one line that counts them (its panel lists each with its
#: evidence): from three on, parallel curves and their labels overlap, most of all at hubs.
AGGREGATE_FROM = 3
#: The columns of the entity and document tables in the page data, in this order.
NODE_COLUMNS = ("id", "label", "label_en", "type", "qid", "aliases", "mentions", "documents",
                "job_title", "affiliation")
DOCUMENT_COLUMNS = ("id", "title", "source", "url", "date")
#: The vis-network build that pyvis ships (standalone: includes vis-data's DataSet).
VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")

_HERE = Path(__file__).parent
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_FALLBACK_RELATION = {"color": "#777777", "symmetric": False}
_FALLBACK_TYPE = {"shape": "dot", "color": "#bab0ac"}


class HtmlViewError(RuntimeError):
    """The page cannot be built (a resource of the viewer is missing)."""


@lru_cache(maxsize=1)
def _vis_js() -> str:
    resource = resources.files("pyvis").joinpath(*VIS_JS)
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError as err:  # pragma: no cover - depends on the installed pyvis
        raise HtmlViewError(f"vis-network not found in pyvis at {'/'.join(VIS_JS)}; "
                            "reinstall pyvis>=0.3.2") from err


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    return (_HERE / "templates" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _json_file(*parts: str) -> dict[str, Any]:
    return json.loads((_HERE.joinpath(*parts)).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")


def _labels(ontology: rdflib.Graph, name: str) -> dict[str, str]:
    """Language -> rdfs:label of the ontology term `name`."""
    return {lit.language: str(lit) for lit in ontology.objects(KH[name], RDFS.label)
            if isinstance(lit, rdflib.Literal)}


@lru_cache(maxsize=1)
def relation_labels() -> dict[str, dict[str, Any]]:
    """Predicate -> {ar, en, symmetric, color}, in legend order.

    Names, labels and symmetry come from the ontology (``graph/ontology.ttl``), the one place
    the vocabulary is defined; only the colours (``templates/relation_colors.json``) are the
    view's own.
    """
    ontology = _ontology()
    relations = {}
    for name, color in _json_file("templates", "relation_colors.json").items():
        labels = _labels(ontology, name)
        relations[name] = {
            "ar": labels.get("ar", name), "en": labels.get("en", name), "color": color,
            "symmetric": (KH[name], RDF.type, OWL.SymmetricProperty) in ontology,
        }
    return relations


@lru_cache(maxsize=1)
def type_styles() -> dict[str, dict[str, Any]]:
    """Entity type -> {ar, en, shape, color}, in legend order: the Arabic name from the
    ontology's class label, shape and colour from ``templates/entity_types.json``."""
    ontology = _ontology()
    styles = {}
    for name, style in _json_file("templates", "entity_types.json").items():
        styles[name] = {"ar": _labels(ontology, name).get("ar", name), "en": name, **style}
    return styles


def highlight_segments(quote: Span, marks: list[tuple[str, Span]]) -> list[list[str]]:
    """Cut the sentence into ``[text, role]`` runs; role is "" or the name of the mark.

    Offsets are code points into the document, so the cutting happens here (Python strings
    are code points; JavaScript's are UTF-16). Later marks win where marks overlap. A span
    whose offsets disagree with the quote is found by its text instead, or left unmarked.
    """
    text = quote.text
    roles = [""] * len(text)
    for role, span in marks:
        start, end = span.start - quote.start, span.end - quote.start
        if not (0 <= start < end <= len(text)) or (span.text and text[start:end] != span.text):
            found = text.find(span.text) if span.text else -1
            if found < 0:
                continue
            start, end = found, found + len(span.text)
        roles[start:end] = [role] * (end - start)
    runs: list[list[str]] = []
    for char, role in zip(text, roles):
        if runs and runs[-1][1] == role:
            runs[-1][0] += char
        else:
            runs.append([char, role])
    return runs


def _statement_order(st: Statement) -> tuple:
    return (st.doc_id, st.sentence, st.trigger.start, st.subject, st.predicate, st.object,
            st.modality, st.rule)


def _evidence(st: Statement, doc_index: dict[str, int]) -> dict[str, Any]:
    marks = [("trigger", st.trigger), ("subject", st.subject_span), ("object", st.object_span)]
    return {
        "doc": doc_index.get(st.doc_id, -1), "sentence": st.sentence, "modality": st.modality,
        "attribution": st.attribution, "rule": st.rule, "confidence": round(st.confidence, 3),
        "time": st.time, "segments": highlight_segments(st.quote, marks),
    }


def _node(key: str, data: dict[str, Any], doc_index: dict[str, int]) -> dict[str, Any]:
    return {
        "id": key,
        "label": data.get("label") or data.get("label_en") or key,
        "label_en": data.get("label_en", ""),
        "type": data.get("type", "Other"),
        "qid": data.get("qid", ""),
        "aliases": list(data.get("aliases", [])),
        "mentions": int(data.get("mentions", 0)),
        "documents": sorted(doc_index[d] for d in data.get("documents", []) if d in doc_index),
        "job_title": data.get("job_title", ""),
        "affiliation": data.get("affiliation", ""),
    }


def _columns(rows: list[dict[str, Any]], names: tuple[str, ...]) -> dict[str, list[Any]]:
    """Rows as one list per column: tens of thousands of entities without their keys repeated."""
    return {name: [row[name] for row in rows] for name in names}


def _present(table: dict[str, dict[str, Any]], used: set[str],
             fallback: dict[str, Any]) -> list[dict[str, Any]]:
    """Entries of `table` that the graph uses, in the table's order, then unknown ones sorted."""
    known = [{"id": name, **table[name]} for name in table if name in used]
    unknown = [{"id": name, "ar": name, "en": name, **fallback}
               for name in sorted(used - set(table))]
    return known + unknown


def page_data(graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES,
              first: tuple[str, ...] = ()) -> dict[str, Any]:
    """Everything the viewer shows, as plain JSON-ready values in a stable order.

    ``nodes`` and ``documents`` are column tables (NODE_COLUMNS, DOCUMENT_COLUMNS); evidence
    and entities name documents by their row. ``drawn`` lists the entities the page opens on
    (graph/overview.py; `first` are drawn before any other).
    """
    doc_items = sorted(graph.graph.get("documents", {}).items())
    doc_index = {doc_id: i for i, (doc_id, _) in enumerate(doc_items)}
    nodes = [_node(key, data, doc_index)
             for key, data in sorted(graph.nodes(data=True), key=lambda n: n[0])]
    edges = []
    for index, (u, v, key, data) in enumerate(
            sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        statements = sorted(data.get("statements", []), key=_statement_order)
        edges.append({
            "id": f"e{index}", "from": u, "to": v, "predicate": data["predicate"],
            "modality": data.get("modality", "asserted"),
            "count": int(data.get("count", len(statements))),
            "confidence": round(float(data.get("confidence", 0.0)), 3),
            "evidence": [_evidence(st, doc_index) for st in statements],
        })
    documents = [{"id": doc_id, "title": doc.title, "source": doc.source, "url": doc.url,
                  "date": doc.date} for doc_id, doc in doc_items]
    return {
        "nodes": _columns(nodes, NODE_COLUMNS),
        "edges": edges,
        "documents": _columns(documents, DOCUMENT_COLUMNS),
        "drawn": overview_nodes(graph, max_nodes, first),
        "types": _present(type_styles(), {n["type"] for n in nodes}, _FALLBACK_TYPE),
        "relations": _present(relation_labels(), {e["predicate"] for e in edges},
                              _FALLBACK_RELATION),
        "layout": {"seed": LAYOUT_SEED, "aggregate_from": AGGREGATE_FROM},
        "overview": {"max_nodes": max_nodes},
    }


def _script_json(value: Any) -> str:
    """JSON that is inert inside <script type="application/json">: no "<" survives, so neither
    "</script>" nor "<!--" can end or change the block; JSON.parse restores the characters."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES,
                first: tuple[str, ...] = ()) -> str:
    """The whole page as one string, opening on at most `max_nodes` entities."""
    vis, app = _vis_js(), _template("viewer.js")
    for name, script in (("vis-network", vis), ("viewer", app)):
        if "</script" in script.lower():  # would end the inline <script> early
            raise HtmlViewError(f"{name} script contains '</script' and cannot be inlined")
    csp = ("default-src 'none'; script-src " + _csp_hash(vis) + " " + _csp_hash(app)
           + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    values = {"csp": csp, "css": _template("viewer.css"), "vis": vis, "app": app,
              "data": _script_json(page_data(graph, max_nodes, first))}
    # One pass, so text inserted for one placeholder is never scanned for another.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template("graph.html"))


def write_html(graph: nx.MultiDiGraph, path: Path, max_nodes: int = DEFAULT_MAX_NODES,
               first: tuple[str, ...] = ()) -> None:
    """Write the page atomically to `path`, opening on at most `max_nodes` entities (those of
    `first` before any other)."""
    write_text(path, render_html(graph, max_nodes, first))
