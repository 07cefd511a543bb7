"""Document in, records out: the one entry point of `extract/`."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import spacy
from spacy.language import Language

from extract import components  # noqa: F401  (registers the components)
from extract import lexicon, windows
from extract.mentions import Mention
from extract.normalize import QUOTATION_MARKS, normalise, strip_marks
from extract.records import Document, DocumentResult, Entity, Span
from extract.records import Mention as MentionRecord


def _fingerprint() -> str:
    """A digest of the extraction code, data and model, so that any change to them (not only
    a version bump someone remembered) invalidates cached results."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


#: Part of every cache key: the release, plus a digest of everything extraction depends on.
PIPELINE_VERSION = f"0.2.0+{_fingerprint()}"
STAGES = ("khabar_normalizer_v1", "khabar_segmenter_v1", "khabar_mentions_v1",
          "khabar_coref_v1", "khabar_relations_v1", "khabar_relmodel_v1")


#: Any one quotation mark (`normalize.QUOTATION_MARKS`), as the tokenizer's infix pattern.
QUOTES = f"[{re.escape(QUOTATION_MARKS)}]"


def build_nlp(use_ner: bool = True, use_relation_model: bool = True) -> Language:
    """The extraction pipeline: a blank Arabic spaCy pipeline with khabar's stages."""
    nlp = spacy.blank("ar")
    # a full stop after a number ends a sentence ("عام 2018."), and Arabic quotation marks
    # (« » “ ”) are tokens of their own: split them off
    suffixes = list(nlp.Defaults.suffixes) + [r"\.", "»", "”", r"\)"]
    prefixes = list(nlp.Defaults.prefixes) + ["«", "“"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    # a quotation mark glued after a proclitic or between words is a token of its own too:
    # و«داعش، لـ”حزب الله”، الدولي».ولم (a quarter of the training articles have one), and
    # so is an opening parenthesis after a proclitic: و(توحيدي)
    infixes = list(nlp.Defaults.infixes) + [QUOTES, r"\("]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for stage in STAGES:
        if stage == "khabar_relmodel_v1" and not use_relation_model:
            continue
        config = {"use_ner": use_ner} if stage == "khabar_mentions_v1" else {}
        nlp.add_pipe(stage, config=config)
    nlp.max_length = 2_000_001
    return nlp


class Extractor:
    """Turns a Document into a DocumentResult. Picklable: it builds its spaCy pipeline lazily.

    A document longer than `window_chars` is read in windows (extract/windows.py); None reads
    every document whole."""

    def __init__(self, use_ner: bool = True, window_chars: int | None = windows.WINDOW_CHARS):
        self.use_ner = use_ner
        self.window_chars = window_chars
        self._nlp: Language | None = None

    def __getstate__(self) -> dict:
        return {"use_ner": self.use_ner, "window_chars": self.window_chars, "_nlp": None}

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = build_nlp(self.use_ner)
        return self._nlp

    def __call__(self, document: Document) -> DocumentResult:
        spans = windows.split(document.text, self.window_chars)
        if len(spans) == 1:
            return self._read(document)
        return windows.merge(document, ((start, self._read(
            windows.window_document(document, start, end))) for start, end in spans))

    def pipe(self, documents: Sequence[Document]) -> list[DocumentResult]:
        """`__call__` for each document, in order and with the same results; the documents
        read whole go through each stage together, so the NER model tags them as one batch
        (a stage with a `pipe` method takes the batch, spaCy's convention)."""
        whole = [d for d in documents if len(windows.split(d.text, self.window_chars)) == 1]
        read = {id(d): result for d, result in zip(whole, self._read_many(whole))}
        return [read[id(d)] if id(d) in read else self(d) for d in documents]

    def _read(self, document: Document) -> DocumentResult:
        return self._read_many([document])[0]

    def _read_many(self, documents: list[Document]) -> list[DocumentResult]:
        docs = [self.nlp.make_doc(d.text) for d in documents]
        for d, doc in zip(documents, docs):
            doc._.doc_id = d.id
        for _, proc in self.nlp.pipeline:
            docs = list(proc.pipe(docs, batch_size=max(1, len(docs)))) if hasattr(proc, "pipe") \
                else [proc(doc) for doc in docs]
        return [to_result(d, doc) for d, doc in zip(documents, docs)]


#: Mentions whose surface form becomes an alias of the entity where it differs from its label.
ALIAS_RULES = ("name", "ner")


def _with_aliases(entity: Entity, forms: list[str]) -> Entity:
    """The entity with the names the article spells differently from its label (سلمان بن
    عبدالعزيز for the gazetteer's سلمان بن عبد العزيز), one per normalised form, in text order:
    an analyst finds the node by the article's own spelling (skos:altLabel)."""
    have = {normalise(a) for a in (entity.label, *entity.aliases)}
    new = []
    for form in forms:
        key = normalise(form)
        if key and key not in have:
            have.add(key)
            new.append(form)
    return replace(entity, aliases=(*entity.aliases, *new)) if new else entity


def to_result(document: Document, doc) -> DocumentResult:
    sents = doc._.sentences
    index_of = {}
    for n, s in enumerate(sents):
        for t in range(s.start, s.end):
            index_of[t] = n
    extra: dict[str, Entity] = doc._.entities or {}
    entities: dict[str, Entity] = {}
    mentions: list[MentionRecord] = []
    spelled: dict[str, list[str]] = {}
    for m in doc._.mentions:
        m: Mention
        ent = extra.get(m.entity.key, m.entity)
        surface = document.text[m.char_start:m.char_end]
        if ent.key not in entities:
            entities[ent.key] = ent
        if m.rule in ALIAS_RULES:
            spelled.setdefault(ent.key, []).append(" ".join(strip_marks(surface).split()))
        if m.stands_for is not None and m.stands_for.key not in entities:
            entities[m.stands_for.key] = m.stands_for
        mentions.append(MentionRecord(ent.key, Span(m.char_start, m.char_end, surface),
                                      index_of.get(m.start, 0), m.rule))
    named = {(m.span.start, m.span.end) for m in mentions}
    statements = tuple(doc._.statements)
    related = {k for st in statements for k in (st.subject, st.object, st.attribution) if k}
    chunks = list(doc._.chunk_mentions or ())
    repeated = Counter(chunk.entity.key for _, chunk in chunks)
    recurring = lexicon.default().recurring_actors
    for sentence, chunk in chunks:
        # a descriptive actor (الحكومة الشرعية، المجتمع الدولي) is an entity of the document
        # where a statement relates it, the article names it twice, or other articles did so
        # often enough (`recurring_actors.json`, tools/mine_recurring_actors.py); a phrase
        # named once and related to nothing else stays text: most are no actor, and a corpus
        # would carry tens of thousands of them (SaudiNewsNet: 95,000 such phrases against
        # 9,800 related ones)
        span = (chunk.char_start, chunk.char_end)
        key = chunk.entity.key
        if span in named or (key not in related and repeated[key] < 2
                             and key not in recurring):
            continue
        named.add(span)
        entities.setdefault(key, extra.get(key, chunk.entity))
        mentions.append(MentionRecord(key, Span(*span, document.text[slice(*span)]),
                                      sentence, "chunk"))
    for key, ent in extra.items():
        entities.setdefault(key, ent)
    for key in related - set(entities):
        entities[key] = extra.get(key) or Entity(key=key, label=key, type="Other")
    for key, forms in spelled.items():
        entities[key] = _with_aliases(entities[key], forms)
    return DocumentResult(
        document=document,
        sentences=tuple(Span(s.char_start, s.char_end, document.text[s.char_start:s.char_end])
                        for s in sents),
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
        mentions=tuple(mentions), statements=statements, pipeline_version=PIPELINE_VERSION)
