"""Document in, records out: the one entry point of `extract/` (work in progress)."""
from __future__ import annotations

from extract.records import Document, DocumentResult

PIPELINE_VERSION = "0.1.0"


class Extractor:
    """Turns a Document into a DocumentResult. Picklable: it builds its spaCy pipeline lazily."""

    def __call__(self, doc: Document) -> DocumentResult:
        return DocumentResult(document=doc, pipeline_version=PIPELINE_VERSION)
