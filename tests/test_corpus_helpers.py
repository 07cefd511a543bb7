"""Helpers shared by the corpus-build tests (no tests here): real SaudiNewsNet articles,
hand-made results, the command line."""
from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.records import Document, DocumentResult, Entity, Mention, Span, Statement

ROOT = Path(__file__).resolve().parents[1]
SAUDI = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles-2015-08-06..09.jsonl.gz"


def saudi_lines(n: int, start: int = 0) -> list[str]:
    """The raw JSON lines of `n` SaudiNewsNet articles from `start` (skips if data is absent)."""
    if not SAUDI.exists():
        pytest.skip(f"{SAUDI} not available")
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        return [line for line in itertools.islice(fh, start, start + n)]


def write_jsonl(path: Path, lines: list[str], gz: bool = True) -> Path:
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.writelines(line if line.endswith("\n") else line + "\n" for line in lines)
    return path


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The `khabar` command line, as a user runs it."""
    code = "import sys; from khabar.cli import main; sys.argv[0] = 'khabar'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def outputs(folder: Path) -> dict[str, bytes]:
    """Every output file of a build (not the cache), by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _span(text: str, word: str) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), word)


def toy_result(doc_id: str, text: str, entities: list[tuple[str, ...]],
               relations: list[tuple[str, str, str, str]],
               document: Document | None = None) -> DocumentResult:
    """A hand-made result: entities (key, Arabic label, type[, English label]) found at their
    label in `text`, relations (subject key, predicate, object key, modality) quoting the whole
    text. `document` replaces the default Document (id, text, first word as title)."""
    doc = document or Document(id=doc_id, text=text, title=text.split()[0], source="test")
    labels = {e[0]: e[1] for e in entities}
    ents = tuple(Entity(key=e[0], label=e[1], type=e[2], label_en=e[3] if len(e) > 3 else "",
                        qid=e[0][3:] if e[0].startswith("wd:") else "") for e in entities)
    mentions = tuple(Mention(entity=e[0], span=_span(text, e[1]), sentence=0) for e in entities)
    whole = Span(0, len(text), text)
    statements = tuple(
        Statement(subject=s, predicate=p, object=o, doc_id=doc_id, sentence=0, quote=whole,
                  trigger=whole, subject_span=_span(text, labels[s]),
                  object_span=_span(text, labels[o]), rule="test", modality=m)
        for s, p, o, m in relations)
    return DocumentResult(document=doc, sentences=(whole,), entities=ents, mentions=mentions,
                          statements=statements, pipeline_version="test")


def jsonl_record(doc_id: str, content: str, **meta: str) -> str:
    return json.dumps({"id": doc_id, "title": content.split("\n")[0], "content": content, **meta},
                      ensure_ascii=False)
