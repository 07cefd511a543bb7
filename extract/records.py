"""The records that `extract/` hands to `graph/`: the only contract between the two sides.

Everything is a frozen dataclass of plain values, so a document's result can be cached as JSON,
sent to another process or machine, and compared for equality in tests. Character offsets are
always Unicode code points into the *original* document text, never into a normalised copy.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

#: Entity types. Gazetteer entries use the first six; the statistical NER adds Place and Other.
ENTITY_TYPES = (
    "Person", "State", "City", "Region", "Organisation", "Event",
    "Place", "Other", "Thing", "Programme",
)
MODALITIES = ("asserted", "possible", "negated")


@dataclass(frozen=True)
class Document:
    """One article. `id` is stable across runs: given by the input, else the file's stem."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    date: str = ""
    path: str = ""
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A stretch of the original text: [start, end) in code points, and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A real-world thing the text talks about.

    `key` is the merge key: ``wd:Q159`` where linked to Wikidata, else ``name:normalised label`` (things: ``Thing:normalised label``).
    """

    key: str
    label: str                      # Arabic label as shown to analysts
    type: str                       # one of ENTITY_TYPES
    label_en: str = ""
    qid: str = ""                   # Wikidata QID, "" when unlinked
    geonames: str = ""              # GeoNames id, "" when unknown
    aliases: tuple[str, ...] = ()   # other Arabic surface forms seen in the text
    source: str = "gazetteer"       # gazetteer | ner | title | phrase
    job_title: str = ""             # a person's role, as the text gives it
    affiliation: str = ""           # key of the state/organisation a person acts for


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a document."""

    entity: str          # Entity.key
    span: Span
    sentence: int        # sentence index within the document
    rule: str = ""       # how it was found (gazetteer, nisba, metonymy, ner, title, ...)


@dataclass(frozen=True)
class Statement:
    """One extracted relation with everything an analyst needs to check it."""

    subject: str                 # Entity.key
    predicate: str               # local name from the vocabulary (ONTOLOGY.md)
    object: str                  # Entity.key
    doc_id: str
    sentence: int                # sentence index
    quote: Span                  # the sentence, in the original text
    trigger: Span
    subject_span: Span
    object_span: Span
    rule: str                    # id of the lexicon entry / rule that produced it
    confidence: float = 0.9
    modality: str = "asserted"   # asserted | possible | negated
    attribution: str = ""        # Entity.key of the source the text credits, if any
    time: str = ""               # a year or date the statement holds for, if the text says
    resolution: tuple[tuple[str, str], ...] = ()  # (argument role, how it was resolved)

    @property
    def id(self) -> str:
        """A stable id: the same statement from the same text always gets the same one."""
        raw = "|".join([self.doc_id, str(self.sentence), self.subject, self.predicate,
                        self.object, str(self.trigger.start), self.modality])
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class DocumentResult:
    """What extraction returns for one document: pure data, JSON-serialisable."""

    document: Document
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    pipeline_version: str = ""

    def to_json(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentResult:
        return _build(cls, data)


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` gives, without its deep copy of every leaf: the records hold
    only strings, numbers and tuples. (The result cache no longer goes through it: orjson
    writes the records itself, khabar/cache.py.)"""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is tuple or kind is list:
        return kind([_plain(v) for v in value])
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(kind):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_LEAVES = frozenset((str, int, float, bool, type(None)))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


_NESTED: dict[str, Any] = {}


def _build(cls: Any, data: Any) -> Any:
    """Rebuild nested frozen dataclasses from `asdict` output (lists become tuples)."""
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        kind = _NESTED.get(f"{cls.__name__}.{f.name}")
        if kind is not None and isinstance(value, list):
            value = tuple(_build(kind, v) for v in value)
        elif kind is not None and isinstance(value, dict):
            value = _build(kind, value)
        elif isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        kwargs[f.name] = value
    return cls(**kwargs)


_NESTED.update({
    "DocumentResult.document": Document,
    "DocumentResult.sentences": Span,
    "DocumentResult.entities": Entity,
    "DocumentResult.mentions": Mention,
    "DocumentResult.statements": Statement,
    "Mention.span": Span,
    "Statement.quote": Span,
    "Statement.trigger": Span,
    "Statement.subject_span": Span,
    "Statement.object_span": Span,
})

__all__ = ["Document", "Span", "Entity", "Mention", "Statement", "DocumentResult",
           "ENTITY_TYPES", "MODALITIES"]
