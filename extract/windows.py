"""Long documents are read in windows, so memory and time stay bounded whatever their length.

The pipeline's cost per document grows faster than its length (the NER model holds the whole
Doc; some stages scan a whole sentence per token, and a scraped page may have no full stop at
all): a 200,000-word document took 4.5 GB. A document of at most `WINDOW_CHARS` characters is
one window, read exactly as before (every SaudiNewsNet article is under 20,000 characters). A
longer one is cut into windows of at most `WINDOW_CHARS`, each at the last paragraph break in
its second half, else the last sentence end (. ! ? ؟ ؛ ; … then a space), else the last space,
else anywhere (a run of letters that long is not prose). Each window goes through the pipeline
alone; `merge` shifts its offsets and sentence numbers back into the whole document, so every
span still cuts its text out of the original document. What is lost at a cut: a pronoun or a
dropped subject cannot reach back into the previous window, and the NER's one-name-one-reading
step works per window.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from extract.records import Document, DocumentResult, Entity, Mention, Span, Statement

__all__ = ["WINDOW_CHARS", "split", "merge"]

#: The longest window, in characters (about 8,500 Arabic words; about 250 MB in the pipeline).
WINDOW_CHARS = 50_000

_PARAGRAPH = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"[.!?؟؛;…]\s+")
_SPACE = re.compile(r"\s+")


def _last_cut(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """The end of the last match of `pattern` in text[lo:hi], or None."""
    end = None
    for match in pattern.finditer(text, lo, hi):
        end = match.end()
    return end


def split(text: str, size: int | None = WINDOW_CHARS) -> list[tuple[int, int]]:
    """[start, end) character ranges that cover `text` in order, each at most `size` long.
    A text of at most `size` characters (or `size=None`) is one range."""
    if size is None or len(text) <= size:
        return [(0, len(text))]
    out, start = [], 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        cut = next((c for c in (_last_cut(p, text, lo, hi)
                                for p in (_PARAGRAPH, _SENTENCE, _SPACE)) if c), hi)
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def window_document(document: Document, start: int, end: int) -> Document:
    """The Document the pipeline reads for one window: same id and metadata, the window's text."""
    return replace(document, text=document.text[start:end])


def _span(span: Span, offset: int) -> Span:
    return Span(span.start + offset, span.end + offset, span.text)


def _statement(st: Statement, offset: int, base: int) -> Statement:
    return replace(st, sentence=st.sentence + base, quote=_span(st.quote, offset),
                   trigger=_span(st.trigger, offset),
                   subject_span=_span(st.subject_span, offset),
                   object_span=_span(st.object_span, offset))


def _merge_entity(old: Entity, new: Entity) -> Entity:
    """One record per key: the first window's, with what later windows add (aliases, links)."""
    filled = {f: getattr(new, f) for f in ("label_en", "qid", "geonames", "job_title",
                                           "affiliation") if not getattr(old, f)}
    aliases = tuple(dict.fromkeys((*old.aliases, *new.aliases)))
    return replace(old, **filled, aliases=aliases)


def merge(document: Document, parts: Iterable[tuple[int, DocumentResult]]) -> DocumentResult:
    """One DocumentResult for `document` from its windows' results, each given with the
    character offset where its window starts: offsets and sentence numbers shifted, entities
    merged by key."""
    sentences: list[Span] = []
    mentions: list[Mention] = []
    statements: list[Statement] = []
    entities: dict[str, Entity] = {}
    version = ""
    for offset, result in parts:
        base = len(sentences)
        sentences += [_span(s, offset) for s in result.sentences]
        mentions += [replace(m, span=_span(m.span, offset), sentence=m.sentence + base)
                     for m in result.mentions]
        statements += [_statement(st, offset, base) for st in result.statements]
        for entity in result.entities:
            known = entities.get(entity.key)
            entities[entity.key] = entity if known is None else _merge_entity(known, entity)
        version = result.pipeline_version
    return DocumentResult(document=document, sentences=tuple(sentences),
                          entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
                          mentions=tuple(mentions), statements=tuple(statements),
                          pipeline_version=version)
