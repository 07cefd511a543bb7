"""Long documents are read in windows, so memory and time stay bounded whatever their length.

The pipeline's cost per document grows faster than its length (the NER model holds the whole
Doc; some stages scan a whole sentence per token, and a scraped page may have no full stop at
all): a 200,000-word document took 4.5 GB. A document of at most `WINDOW_CHARS` characters is
one window, read exactly as before (every SaudiNewsNet article is under 20,000 characters).

A longer one is cut into sentences (after a line break, or after . ! ? ؟ ؛ ; … and the spaces
that follow), and the sentences are packed, in order, into windows of at most `WINDOW_CHARS`.
Where no punctuation ends a sentence, a hard cap applies: a run of more than `RUN_WORDS` words
is cut at the space after every `RUN_WORDS`-th word, and each such piece is a window of its own
(the pipeline would otherwise read the whole window as one sentence, and every statement in it
would quote it whole); a run of more than `WINDOW_CHARS` characters without a space is cut
anywhere. Each window goes through the pipeline alone; `merge` shifts its offsets and sentence
numbers back into the whole document, so every span still cuts its text out of the original
document. What is lost at a cut: a pronoun or a dropped subject cannot reach back into the
previous window, and the NER's one-name-one-reading step works per window.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from extract.records import Document, DocumentResult, Entity, Mention, Span, Statement

__all__ = ["WINDOW_CHARS", "RUN_WORDS", "split", "merge", "window_document"]

#: The longest window, in characters (about 8,500 Arabic words; about 250 MB in the pipeline).
WINDOW_CHARS = 50_000
#: The most words read as one sentence where no punctuation ends it (in a windowed document).
#: The longest sentence of the 64,417 in the SaudiNewsNet subset has 513 words.
RUN_WORDS = 1_000

_SENTENCE_END = re.compile(r"\n\s*|[.!?؟؛;…]\s+")
_SPACE = re.compile(r"\s+")


def _chop(text: str, start: int, end: int, size: int, run_words: int,
          ) -> Iterator[tuple[int, int, bool]]:
    """text[start:end], one sentence, as pieces of at most `run_words` words and `size`
    characters: (start, end, whether the piece was cut short of the sentence's end)."""
    while start < end:
        cut, words = end, 0
        for space in _SPACE.finditer(text, start, end):
            words += 1
            if words == run_words:
                cut = space.end()
                break
        if cut - start > size:              # long words: the last space that fits, or anywhere
            spaces = [m.end() for m in _SPACE.finditer(text, start, start + size)]
            cut = spaces[-1] if spaces and spaces[-1] > start else start + size
        yield start, cut, cut < end
        start = cut


def _pieces(text: str, size: int, run_words: int) -> Iterator[tuple[int, int, bool]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield from _chop(text, start, match.end(), size, run_words)
        start = match.end()
    yield from _chop(text, start, len(text), size, run_words)


def split(text: str, size: int | None = WINDOW_CHARS,
          run_words: int = RUN_WORDS) -> list[tuple[int, int]]:
    """[start, end) character ranges that cover `text` in order, each at most `size` long.
    A text of at most `size` characters (or `size=None`) is one range."""
    if size is None or len(text) <= size:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = end = 0
    for piece_start, piece_end, cut_short in _pieces(text, size, run_words):
        if piece_end - start > size and end > start:
            out.append((start, end))
            start = end
        end = piece_end
        if cut_short:                       # a run without punctuation: a window of its own
            out.append((start, end))
            start = end
    if end > start:
        out.append((start, end))
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
