"""Mentions from the statistical NER model, for names no gazetteer lists (issue 5).

Until a model ships (extract/models/ner), `load()` returns None and the pipeline runs on the
gazetteer alone.
"""
from __future__ import annotations


class NerMentions:
    @classmethod
    def load(cls) -> "NerMentions | None":
        return None

    def __call__(self, doc, gaz, lex):  # pragma: no cover - replaced when the model lands
        return []
