"""``documents.jsonl``: each document's full text, stored once for the whole build.

The RDF files describe a document (its IRI, metadata, extent and content hash) and every
statement carries its quote and spans with their own text, so a statement can be checked from
any format alone; the text itself, the bulk of an archive, lives only here. One JSON object per
line, in the build's input order: ``iri`` (the document's IRI in the RDF, which also names its
graph), ``id``, ``title``, ``source``, ``url``, ``date``, ``metadata`` (other input fields),
``content_hash`` (SHA-256 of the text, kh:contentHash in the RDF), ``length`` (code points,
nif:endIndex) and ``text``. Span offsets in every output are code points into ``text``.

    import gzip, json
    with gzip.open("out/documents.jsonl.gz", "rt", encoding="utf-8") as fh:   # or open(...)
        texts = {(d := json.loads(line))["iri"]: d["text"] for line in fh}
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from extract.records import Document
from graph.atomic import atomic_open
from graph.namespaces import document_iri

__all__ = ["write_documents", "read_documents", "document_record", "DOCUMENTS_FILE"]

DOCUMENTS_FILE = "documents.jsonl"


def document_record(doc: Document) -> dict[str, Any]:
    return {"iri": str(document_iri(doc.id)), "id": doc.id, "title": doc.title,
            "source": doc.source, "url": doc.url, "date": doc.date,
            "metadata": dict(doc.metadata), "content_hash": doc.content_hash,
            "length": len(doc.text), "text": doc.text}


def write_documents(graph: nx.MultiDiGraph, path: Path) -> None:
    """One line per document of the graph, written a line at a time."""
    with atomic_open(path, "w", newline="\n") as fh:
        for doc in graph.graph.get("documents", {}).values():
            fh.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")


def read_documents(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a documents.jsonl or documents.jsonl.gz file, one at a time."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
