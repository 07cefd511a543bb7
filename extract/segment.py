"""Sentences and clauses.

Sentences end at . ! ? ؟ ؛ ; and at line breaks, so a headline (a short line without a final
stop) is a segment of its own. Within a sentence, the Arabic comma (،) and the Latin comma
separate clauses: relation arguments are read inside a clause, while dropped subjects, relative
pronouns and attribution are carried from clause to clause within the sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

SENTENCE_END = {".", "!", "?", "؟", "؛", ";", "…"}
CLAUSE_END = {"،", ","}


@dataclass(frozen=True)
class Segment:
    """Tokens [start, end) and their character span in the original text."""

    start: int
    end: int
    char_start: int
    char_end: int


def _segment(doc: Doc, start: int, end: int) -> Segment | None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if start >= end:
        return None
    return Segment(start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def sentences(doc: Doc) -> list[Segment]:
    """The document's sentences, found once per document (every stage asks)."""
    found = doc.user_data.get("khabar_sentences")
    if found is None:
        found = doc.user_data["khabar_sentences"] = _sentences(doc)
    return list(found)


def _sentences(doc: Doc) -> list[Segment]:
    out, start = [], 0
    for tok in doc:
        line_break = "\n" in tok.text_with_ws
        if tok.text in SENTENCE_END or line_break:
            seg = _segment(doc, start, tok.i + 1)
            if seg:
                out.append(seg)
            start = tok.i + 1
    seg = _segment(doc, start, len(doc))
    if seg:
        out.append(seg)
    return out


def clauses(doc: Doc, sentence: Segment) -> list[Segment]:
    out, start = [], sentence.start
    for i in range(sentence.start, sentence.end):
        if doc[i].text in CLAUSE_END:
            seg = _segment(doc, start, i)
            if seg:
                out.append(seg)
            start = i + 1
    seg = _segment(doc, start, sentence.end)
    if seg:
        out.append(seg)
    return out
