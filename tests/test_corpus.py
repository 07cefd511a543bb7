"""Corpus builds from real inputs: JSON Lines metadata kept on the documents, folders read
recursively with bad lines skipped, a few hundred real articles built without a crash, and the
progress bar's words per second (silenced by --quiet)."""
from __future__ import annotations

import json
from pathlib import Path

from test_corpus_helpers import jsonl_record, run_cli, saudi_lines, write_jsonl

from khabar.build import build
from khabar.inputs import InputError, iter_documents


def test_jsonl_metadata_is_kept_on_the_graph_documents(tmp_path: Path) -> None:
    [line] = saudi_lines(1)
    record = json.loads(line)
    record["section"] = "محليات"
    path = write_jsonl(tmp_path / "one.jsonl.gz", [json.dumps(record, ensure_ascii=False)])
    report = build([path], tmp_path / "out", quiet=True)
    doc = report.graph.graph["documents"][record["id"]]
    assert (doc.source, doc.url, doc.date) == (record["source"], record["url"],
                                               record["date_extracted"])
    assert doc.title == record["title"] and doc.text == record["content"]
    assert doc.metadata == (("section", "محليات"),)


def test_folders_are_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text("عنوان أول\nخبر عن الرياض وجدة.", encoding="utf-8")
    (root / "b" / "deep" / "c.txt").write_text("خبر عن مكة المكرمة.", encoding="utf-8")
    (root / "b" / "notes.md").write_text("ملاحظات لا تقرأ", encoding="utf-8")
    (root / ".hidden.txt").write_text("خبر مخفي", encoding="utf-8")
    write_jsonl(root / "b" / "feed.jsonl", [
        jsonl_record("f1", "خبر أول من الموجز", source="okaz"),
        "{not json",
        jsonl_record("f2", "English only text"),
        jsonl_record("f3", "خبر ثالث من الموجز", url="http://example.org/3"),
    ], gz=False)

    items = list(iter_documents([root]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [str(e).split(": ")[0] for e in errors] == [f"{root}/b/feed.jsonl:2",
                                                       f"{root}/b/feed.jsonl:3"]
    report = build([root], tmp_path / "out", quiet=True)
    assert [r.document.id for r in report.results] == ["a", "c", "f1", "f3"]
    assert len(report.errors) == 2 and report.written
    again = build([root], tmp_path / "out2", quiet=True, use_cache=False)
    assert [r.to_json() for r in again.results] == [r.to_json() for r in report.results]


def test_two_hundred_real_articles_build_without_a_crash(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "saudi200.jsonl.gz", saudi_lines(200))
    report = build([path], tmp_path / "out", quiet=True, workers=1, use_cache=False)
    assert report.errors == []
    assert len(report.results) == report.extracted == 200
    assert len(report.graph.graph["documents"]) == 200
    assert report.written and all(p.stat().st_size > 0 for p in report.written)
    assert report.words > 40_000


def test_progress_bar_shows_words_per_second_and_quiet_silences_it(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "five.jsonl.gz", saudi_lines(5, start=1000))
    loud = run_cli("build", str(path), "-o", str(tmp_path / "out"), "--no-cache")
    assert loud.returncode == 0, loud.stderr
    assert "words/s" in loud.stderr and "5/5" in loud.stderr
    assert "(5 extracted, 0 from cache)" in loud.stderr
    quiet = run_cli("build", str(path), "-o", str(tmp_path / "out"), "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert "words/s" not in quiet.stderr and "extract:" not in quiet.stderr
    assert quiet.stderr.count("\n") == 1 and "(5 extracted, 0 from cache)" in quiet.stderr
    again = run_cli("build", str(path), "-o", str(tmp_path / "out"), "--quiet", "-j", "2")
    assert "(0 extracted, 5 from cache)" in again.stderr


def test_same_entity_from_many_articles_is_one_node(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "قال الرئيس الروسي فلاديمير بوتين إن روسيا ستواصل دعم الحكومة السورية.", encoding="utf-8")
    (folder / "b.txt").write_text(
        "استقبل الرئيس الروسي فلاديمير بوتين في موسكو وزير الخارجية السعودي.", encoding="utf-8")
    report = build([folder], tmp_path / "out", quiet=True, workers=2, only=["graph.nq"])
    graph = report.graph
    putin = [k for k, d in graph.nodes(data=True) if d["label"].endswith("بوتين")]
    assert putin == ["wd:Q7747"]
    assert graph.nodes["wd:Q7747"]["documents"] == ["a", "b"]
    assert graph.nodes["wd:Q7747"]["mentions"] >= 2
    russia = graph.nodes["wd:Q159"]
    assert russia["documents"] == ["a", "b"] and russia["mentions"] >= 2
    evidence = [st for _, _, d in graph.edges(data=True) for st in d["statements"]]
    assert {st.doc_id for st in evidence} == {"a", "b"}
    for st in evidence:
        text = graph.graph["documents"][st.doc_id].text
        assert text[st.quote.start:st.quote.end] == st.quote.text   # each keeps its own document
