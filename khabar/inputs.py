"""Turn the paths a user names into Documents, and explain clearly why a file cannot be used.

Accepted: UTF-8 text files (one article each; the first line is the title when it is short),
folders (searched recursively for ``*.txt``, ``*.jsonl`` and ``*.jsonl.gz``), and JSON Lines
files, optionally gzipped, with one article per line (``id``, ``title``, ``content``, and any
metadata such as ``source``, ``url``, ``date``). A bad file or line is reported and skipped; the
rest of the run goes on.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.records import Document

__all__ = ["InputError", "iter_documents", "document_from_text", "MAX_DOCUMENT_BYTES"]

#: Larger articles (UTF-8 bytes of text, about 5 million Arabic letters or 850,000 words) are
#: refused: a dump of many pages, not an article. Anything smaller is read in windows of
#: bounded memory (extract/windows.py), in time linear in its length.
MAX_DOCUMENT_BYTES = 10_000_000
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_KNOWN_FIELDS = {"id", "title", "content", "text", "source", "url", "date", "date_extracted"}


@dataclass(frozen=True)
class InputError:
    """A file (or line) that could not be used, with a one-line reason."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def _check_text(text: str, where: str) -> str | None:
    """Return why `text` is not an Arabic article, or None when it is usable."""
    if not text.strip():
        return "empty: no text to read"
    if len(text) > MAX_DOCUMENT_BYTES // 4:          # (a character is at most 4 bytes)
        size = len(text.encode("utf-8"))
        if size > MAX_DOCUMENT_BYTES:
            return _too_large(size)
    if not _ARABIC_LETTER.search(text):
        return "no Arabic text found (khabar reads Arabic news)"
    return None


def _too_large(size: int) -> str:
    return (f"too large: {size:,} bytes of text (the limit is {MAX_DOCUMENT_BYTES:,} per "
            "article; split it into articles)")


def document_from_text(text: str, doc_id: str, path: str = "", title: str = "",
                       **meta: str) -> Document:
    """A Document from raw text; the first line is taken as the title when it looks like one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not title:
        first = text.strip().split("\n", 1)[0].strip()
        title = first if len(first.split()) <= 15 else ""
    known = {k: str(meta.pop(k, "") or "") for k in ("source", "url", "date")}
    extra = tuple(sorted((k, str(v)) for k, v in meta.items() if v not in (None, "")))
    return Document(id=doc_id, text=text, title=title, path=path, metadata=extra, **known)


def _read_text_file(path: Path) -> Document | InputError:
    where = str(path)
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:      # refused before it is read
            return InputError(where, _too_large(path.stat().st_size))
        raw = path.read_bytes()
    except OSError as error:
        return InputError(where, f"cannot read: {error.strerror or error}")
    if not raw.strip():
        return InputError(where, "empty: no text to read")
    if b"\x00" in raw[:8192]:
        return InputError(where, "binary file, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return InputError(where, f"not UTF-8 text (invalid byte at offset {error.start}); "
                                 "convert it with iconv -t UTF-8")
    problem = _check_text(text, where)
    if problem:
        return InputError(where, problem)
    return document_from_text(text, doc_id=path.stem, path=where)


def _read_jsonl(path: Path) -> Iterator[Document | InputError]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    yield InputError(where, f"not valid JSON: {error.msg}")
                    continue
                if not isinstance(record, dict):
                    yield InputError(where, "a JSON object per line is expected")
                    continue
                text = str(record.get("content") or record.get("text") or "")
                problem = _check_text(text, where)
                if problem:
                    yield InputError(where, problem)
                    continue
                doc_id = str(record.get("id") or f"{path.name.split('.')[0]}-{number}")
                meta = {k: v for k, v in record.items()
                        if k not in _KNOWN_FIELDS and isinstance(v, (str, int, float))}
                yield document_from_text(
                    text, doc_id=doc_id, path=where, title=str(record.get("title") or ""),
                    source=record.get("source", ""), url=record.get("url", ""),
                    date=record.get("date", "") or record.get("date_extracted", ""), **meta)
    except (OSError, EOFError, UnicodeDecodeError) as error:
        yield InputError(str(path), f"cannot read as JSON Lines: {error}")


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith(_JSONL_SUFFIXES)


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        found = [p for p in path.rglob("*") if p.is_file()
                 and (p.suffix == ".txt" or _is_jsonl(p)) and not p.name.startswith(".")]
        return sorted(found)
    return [path]


def iter_documents(paths: list[Path]) -> Iterator[Document | InputError]:
    """Documents from every path, in a stable order, with errors in place of bad inputs."""
    seen: set[str] = set()
    for given in paths:
        if not given.exists():
            yield InputError(str(given), "no such file or folder")
            continue
        files = _expand(given)
        if given.is_dir() and not files:
            yield InputError(str(given), "folder holds no .txt or .jsonl files")
        for path in files:
            items = _read_jsonl(path) if _is_jsonl(path) else [_read_text_file(path)]
            for item in items:
                if isinstance(item, Document):
                    if item.id in seen:
                        yield InputError(item.path, f"duplicate document id {item.id!r}; skipped")
                        continue
                    seen.add(item.id)
                yield item
