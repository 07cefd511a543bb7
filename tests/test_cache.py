"""The per-document cache: exact round trips, version and content keys, damage tolerance, and a
rebuild that extracts only the new article while writing the same outputs as a fresh build."""
from __future__ import annotations

from pathlib import Path

from test_corpus_helpers import outputs, saudi_lines, toy_result, write_jsonl

from extract.pipeline import PIPELINE_VERSION
from extract.records import Document, DocumentResult
from khabar.build import build, default_cache_dir
from khabar.cache import ResultCache, cache_key

TEXT = "التقى بوتين كيم في فلاديفوستوك وبحثا العلاقات بين روسيا وكوريا الشمالية."


def _toy() -> DocumentResult:
    return toy_result("d1", TEXT,
                      [("wd:Q7747", "بوتين", "Person"), ("wd:Q159", "روسيا", "State"),
                       ("wd:Q423", "كوريا الشمالية", "State")],
                      [("wd:Q7747", "leaderOf", "wd:Q159", "asserted"),
                       ("wd:Q159", "cooperatesWith", "wd:Q423", "possible")])


def test_round_trip_is_exact(tmp_path: Path) -> None:
    result = _toy()
    cache = ResultCache(tmp_path, "v1")
    assert cache.get(result.document) is None
    cache.put(result)
    assert cache.get(result.document) == result
    assert len(cache) == 1


def test_key_covers_version_text_and_identity(tmp_path: Path) -> None:
    result = _toy()
    ResultCache(tmp_path, "v1").put(result)
    doc = result.document
    assert ResultCache(tmp_path, "v2").get(doc) is None
    for changed in (Document(**{**doc.__dict__, "text": doc.text + " جديد"}),
                    Document(**{**doc.__dict__, "id": "d2"}),
                    Document(**{**doc.__dict__, "url": "http://example.org/a"})):
        assert cache_key(changed, "v1") != cache_key(doc, "v1")
        assert ResultCache(tmp_path, "v1").get(changed) is None


def test_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path) -> None:
    result = _toy()
    cache = ResultCache(tmp_path, "v1")
    cache.put(result)
    [entry] = tmp_path.glob("*/*.json")
    entry.write_text('{"version": "v1", "result": {"sentences": [', encoding="utf-8")
    assert cache.get(result.document) is None
    cache.put(result)
    assert cache.get(result.document) == result
    assert not list(tmp_path.rglob("*.tmp")), "atomic writes leave no temporary files"


def test_rebuild_after_adding_one_article_extracts_only_it(tmp_path: Path) -> None:
    lines = saudi_lines(6)
    corpus = tmp_path / "in"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl.gz", lines[:5])
    out = tmp_path / "out"

    first = build([corpus], out, quiet=True)
    assert (first.extracted, first.cached, first.errors) == (5, 0, [])
    assert len(ResultCache(default_cache_dir(out), PIPELINE_VERSION)) == 5

    write_jsonl(corpus / "b.jsonl", lines[5:], gz=False)
    second = build([corpus], out, quiet=True)
    assert (second.extracted, second.cached) == (1, 5)
    assert [r.document.id for r in second.results] == [r.document.id for r in first.results] + [
        second.results[-1].document.id]

    fresh = build([corpus], tmp_path / "fresh", quiet=True, use_cache=False)
    assert fresh.extracted == 6
    assert not default_cache_dir(tmp_path / "fresh").exists()
    assert [r.to_json() for r in fresh.results] == [r.to_json() for r in second.results]
    assert outputs(out) == outputs(tmp_path / "fresh")
