"""Helpers for extraction tests: run the real pipeline on a passage and list its triples."""
from __future__ import annotations

from functools import lru_cache

from extract.pipeline import Extractor
from extract.records import Document, DocumentResult


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return Extractor()


def extract(text: str, doc_id: str = "passage") -> DocumentResult:
    return extractor()(Document(id=doc_id, text=text))


def triples(result: DocumentResult, with_modality: bool = False) -> set[tuple[str, ...]]:
    """(subject label, predicate, object label[, modality]) for every statement."""
    label = {e.key: e.label for e in result.entities}
    out = set()
    for st in result.statements:
        row = (label[st.subject], st.predicate, label[st.object])
        out.add(row + (st.modality,) if with_modality else row)
    return out
