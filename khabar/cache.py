"""A per-document result cache, so a rebuild only extracts the articles that changed.

An entry is keyed by the pipeline version and everything of the Document the result embeds
(its text, hence the content hash, plus id, title and metadata): the same article under a new
id must not come back with the old id in its statements. Entries are JSON files written
atomically, sharded by the first two hex digits of the key; an unreadable or stale entry is a
miss, never an error, so a damaged cache can only cost time.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, replace
from pathlib import Path

import orjson

from extract.records import Document, DocumentResult
from graph.atomic import atomic_open

__all__ = ["ResultCache", "cache_key", "DEFAULT_CACHE_NAME"]

#: Name of the cache folder inside the output folder.
DEFAULT_CACHE_NAME = ".cache"


def cache_key(doc: Document, version: str) -> str:
    """Hex key of `doc` under pipeline `version`: the content hash plus the other fields."""
    fields = asdict(doc)
    fields.pop("text")
    fields["content_hash"] = doc.content_hash
    raw = json.dumps({"version": version, "document": fields}, ensure_ascii=False,
                     sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ResultCache:
    """DocumentResults on disk under `root`, valid for one pipeline `version`."""

    def __init__(self, root: Path, version: str) -> None:
        self.root = Path(root)
        self.version = version

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, doc: Document) -> DocumentResult | None:
        """The cached result for `doc`, or None when absent, unreadable or of another version."""
        path = self._path(cache_key(doc, self.version))
        try:
            data = orjson.loads(path.read_bytes())
            if data.get("version") != self.version:
                return None
            entry = data["result"]
            entry["document"] = asdict(doc)
            result = DocumentResult.from_json(entry)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return result

    def put(self, result: DocumentResult, document: Document | None = None) -> None:
        """Store `result` under the key of `document` (default: the result's own), atomically.
        The document itself is not stored (the key stands for it, and the caller has it), so
        the cache stays small."""
        key = cache_key(document or result.document, self.version)
        # orjson writes the records (dataclasses) itself, a tenth of the time of to_json and
        # json.dumps, which was the main process's largest cost during a parallel build
        payload = orjson.dumps({"version": self.version,
                                "result": replace(result, document=None)})
        with atomic_open(self._path(key), "wb") as fh:
            fh.write(payload)

    def __len__(self) -> int:
        return sum(1 for _ in self.root.glob("*/*.json")) if self.root.is_dir() else 0
