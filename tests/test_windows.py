"""Long documents are read in windows (extract/windows.py): ordinary articles are one window,
read exactly as before (the seed and 50 real articles, byte for byte), and a long document made
of real articles' text gives statements, mentions and sentences whose offsets cut the right
text out of the whole document."""
from __future__ import annotations

import gzip
import heapq
import json
import re

import pytest
from extract_helpers import extractor
from test_corpus_helpers import ROOT, SAUDI, saudi_lines

from extract import windows
from extract.records import Document, DocumentResult


def test_a_text_up_to_the_window_size_is_one_window():
    assert windows.split("أ" * windows.WINDOW_CHARS) == [(0, windows.WINDOW_CHARS)]
    assert windows.split("أ" * 10, None) == [(0, 10)]


def _check_cover(text: str, ranges: list[tuple[int, int]], size: int) -> None:
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert all(0 < end - start <= size for start, end in ranges)


def test_windows_are_runs_of_whole_sentences():
    sentence = "كلمة " * 19 + "كلمة"          # 99 characters
    text = "".join(sentence + (".\n" if i % 3 == 2 else ". ") for i in range(60))
    ranges = windows.split(text, 1000)
    _check_cover(text, ranges, 1000)
    assert len(ranges) >= 6
    for start, end in ranges[:-1]:
        assert text[start:end].endswith((". ", ".\n"))
        assert end - start > 1000 - 101           # packed: the next sentence did not fit


def test_a_run_without_punctuation_is_cut_every_run_words():
    """The hard cap: a window of its own per RUN_WORDS words, so no sentence is longer."""
    text = "بداية الخبر. " + "كلمة " * 350 + "نهاية. " + "خبر قصير. " * 20
    ranges = windows.split(text, 1000, run_words=100)
    _check_cover(text, ranges, 1000)
    for start, end in ranges:
        for sentence in re.split(r"(?<=[.؟!])\s+", text[start:end]):
            assert len(sentence.split()) <= 100
        assert text[end - 1].isspace()                            # never inside a word
    assert ranges[0] == (0, len("بداية الخبر. ") + 100 * len("كلمة "))
    # the run's last 50 words end at its full stop, and the short sentences after it join them
    assert ranges[3] == (len("بداية الخبر. ") + 300 * len("كلمة "), len(text))


def test_a_run_without_spaces_is_cut_anyway():
    text = "ب" * 2500
    ranges = windows.split(text, 1000)
    _check_cover(text, ranges, 1000)
    assert ranges == [(0, 1000), (1000, 2000), (2000, 2500)]


def _ordinary_articles() -> list[Document]:
    """The seed, the first 45 SaudiNewsNet articles and the 5 longest (up to 19,227 chars)."""
    docs = [Document(id="seed", text=(ROOT / "seeds" / "putin-kim-vladivostok.ar.txt")
                     .read_text(encoding="utf-8"))]
    records = [json.loads(line) for line in saudi_lines(45)]
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        records += heapq.nlargest(5, map(json.loads, fh), key=lambda r: len(r["content"]))
    docs += [Document(id=r["id"], text=r["content"], title=r["title"]) for r in records]
    assert all(len(d.text) <= windows.WINDOW_CHARS for d in docs)
    return docs


def _bytes(result: DocumentResult) -> bytes:
    return json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8")


def test_ordinary_articles_give_the_same_bytes_as_without_windows():
    ex = extractor()
    docs = _ordinary_articles()
    windowed = [_bytes(ex(d)) for d in docs]
    ex.window_chars = None
    try:
        whole = [_bytes(ex(d)) for d in docs]
    finally:
        ex.window_chars = windows.WINDOW_CHARS
    assert len(windowed) == 51 and windowed == whole


def _long_text() -> str:
    """About 6,000 words of real articles: paragraphs, then sentences run together on one
    line, then a stretch with no stop and no line break at all (as scraped pages have)."""
    articles = [json.loads(line)["content"] for line in saudi_lines(30)]
    first = "\n\n".join(articles[:10])
    second = " ".join(a.replace("\n", " ") for a in articles[10:20])
    third = " ".join(re.sub(r"[.!?؟؛;…\n]", " ", a) for a in articles[20:])
    return "\n".join([first, second, third])


@pytest.fixture(scope="module")
def long_result() -> tuple[Document, DocumentResult, list[tuple[int, int]]]:
    text = _long_text()
    doc = Document(id="long", text=text)
    ex = extractor()
    ex.window_chars = 6000
    try:
        result = ex(doc)
    finally:
        ex.window_chars = windows.WINDOW_CHARS
    return doc, result, windows.split(text, 6000)


def test_a_long_document_is_read_in_many_windows(long_result):
    doc, result, ranges = long_result
    assert len(doc.text) > 30_000 and len(ranges) >= 6
    assert result.document == doc
    assert len(result.statements) >= 10 and len(result.mentions) >= 100


def test_long_document_offsets_point_at_the_right_text(long_result):
    doc, result, ranges = long_result
    text = doc.text
    for span in result.sentences:
        assert text[span.start:span.end] == span.text
    assert all(a.end <= b.start for a, b in zip(result.sentences, result.sentences[1:]))
    for m in result.mentions:
        assert text[m.span.start:m.span.end] == m.span.text
        sentence = result.sentences[m.sentence]
        assert sentence.start <= m.span.start < m.span.end <= sentence.end
    for st in result.statements:
        assert result.sentences[st.sentence] == st.quote
        for span in (st.quote, st.trigger, st.subject_span, st.object_span):
            assert text[span.start:span.end] == span.text
        assert st.doc_id == "long"
    # every window contributed, and statements come from beyond the first window
    assert max(st.quote.start for st in result.statements) > ranges[len(ranges) // 2][0]
    assert len({st.id for st in result.statements}) == len(result.statements)


def test_long_document_entities_are_one_record_per_key(long_result):
    _, result, _ = long_result
    keys = [e.key for e in result.entities]
    assert keys == sorted(set(keys))
    used = {k for st in result.statements for k in (st.subject, st.object, st.attribution) if k}
    used |= {m.entity for m in result.mentions}
    assert used <= set(keys)


def test_a_window_reads_as_the_same_text_alone(long_result):
    """Shifting is all merge does: a window's statements are those of its text read alone."""
    doc, result, ranges = long_result
    start, end = ranges[2]
    alone = extractor()(Document(id="long", text=doc.text[start:end]))
    inside = [st for st in result.statements if start <= st.quote.start < end]
    assert [(st.predicate, st.trigger.start + start, st.trigger.text) for st in alone.statements] \
        == [(st.predicate, st.trigger.start, st.trigger.text) for st in inside]
