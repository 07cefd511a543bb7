"""Pairs of candidates in each sentence, and the statements the model draws from them.

Training (`extract.relmodel.train`) and extraction read the same pairs with the same
features, so what the model learnt is what it is asked.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from spacy.tokens import Doc

from extract.chunks import Chunker
from extract.coref import Coreference
from extract.lexicon import DATA, Lexicon
from extract.mentions import doc_text
from extract.records import Entity, Span, Statement
from extract.relmodel.candidates import Candidate, sentence_candidates
from extract.relmodel.features import SentenceContext, pair_features, pair_vectors
from extract.relmodel.led import led_by
from extract.relmodel.lists import parenthesised_members
from extract.relmodel.model import LABELS, SYMMETRIC, RelationModel, split_label
from extract.segment import Segment, sentences

#: Candidates more tokens apart than this are not paired: 97% of the training articles'
#: positive pairs are closer, and 19% of all pairs are further apart.
_MAX_GAP = 20
#: Sources of a candidate that may pair with a chunk it lies inside (وكالة الأنباء الألمانية
#: and ألمانيا in it: the nisba locates the agency).
_NESTED_SOURCES = ("name", "ner", "nisba", "title")


@dataclass
class Pair:
    sentence: int
    seg: Segment
    a: Candidate
    b: Candidate
    features: list[str]
    modality: str = "asserted"


def _pairable(a: Candidate, b: Candidate) -> bool:
    if a.acting_entity().key == b.acting_entity().key:
        return False
    if a.is_thing and b.is_thing:
        return False
    if b.start < a.end:                    # nested: the outer one and a name inside it
        return b.source in _NESTED_SOURCES and b.end <= a.end
    return True


@dataclass
class Structures:
    """What `document_pairs` finds on the way besides pairs: the actor chunks (descriptive
    actors: الحكومة الشرعية، الفصائل الإسلامية), the memberships that parenthesised lists
    state and who leads what (بقيادة), each with its sentence index and segment."""

    actors: list[tuple[int, Candidate]] = field(default_factory=list)
    members: list[tuple[int, Segment, Candidate, Candidate]] = field(default_factory=list)
    #: (sentence, segment, leader, led, token of the led_by word): `led.led_by`
    led: list[tuple[int, Segment, Candidate, Candidate, int]] = field(default_factory=list)


def document_pairs(doc: Doc, lex: Lexicon, found: Structures | None = None) -> Iterator[Pair]:
    """Every candidate pair of every sentence, with its features (and, into `found`, the
    sentence structures read on the way)."""
    mentions = doc._.mentions or []
    entities = doc._.entities or {}
    statements = doc._.statements or []
    chunker = Chunker(doc, lex, mentions)
    for index, seg in enumerate(sentences(doc)):
        cands = sentence_candidates(doc, seg, mentions, chunker, entities, lex)
        if found is not None:
            found.actors.extend((index, c) for c in cands if c.source == "chunk:actor")
            found.members.extend((index, seg, m, g)
                                 for m, g in parenthesised_members(doc, cands, lex))
            found.led.extend((index, seg, leader, group, t)
                             for leader, group, t in led_by(doc, seg, cands, lex))
        if len(cands) < 2:
            continue
        ctx = SentenceContext(doc, seg, lex, [s for s in statements if s.sentence == index])
        for x in range(len(cands)):
            for y in range(x + 1, len(cands)):
                a, b = cands[x], cands[y]
                if b.start - a.end > _MAX_GAP:
                    break
                if _pairable(a, b):
                    yield Pair(index, seg, a, b, pair_features(ctx, a, b), _modality(ctx, a, b))


def doc_pair_vectors(doc: Doc, pairs: list[Pair]) -> np.ndarray | None:
    """The pairs' contextual vectors (`features.pair_vectors`), one row per pair, or None
    where the document has no token vectors (the pipeline without its NER model)."""
    return pair_vectors(doc._.token_vectors,
                        [(p.a.start, p.a.end, p.b.start, p.b.end) for p in pairs])


def doc_entities(doc: Doc) -> dict[str, Entity]:
    """Every entity the pipeline found in the document, by key: its mentions', the states
    capitals stand for, and the rule reader's own (things, people)."""
    entities = {m.entity.key: m.entity for m in doc._.mentions or []}
    entities.update({m.stands_for.key: m.stands_for for m in doc._.mentions or []
                     if m.stands_for is not None})
    entities.update(doc._.entities or {})
    return entities


def _entity(c: Candidate, predicate: str) -> Entity:
    """The entity a statement names: a capital stands for its state, except where the
    statement is about the place itself."""
    if predicate in ("locatedIn", "capitalOf"):
        return c.entity
    return c.acting_entity()


def _span(doc: Doc, c: Candidate) -> Span:
    return Span(c.char_start, c.char_end, doc_text(doc)[c.char_start:c.char_end])


def _modality(ctx: SentenceContext, a: Candidate, b: Candidate) -> str:
    """Negated when a negator stands from just before the first argument to the second
    (لم تقدم روسيا ...), possible under a hedge (قد، ربما، من المحتمل)."""
    lo, hi = min(a.start, b.start) - 3, max(a.end, b.end)
    if ctx.negated(lo, hi):
        return "negated"
    return "possible" if ctx.hedged(lo, hi) else "asserted"


@lru_cache(maxsize=1)
def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """predicate -> (subject types it never takes, object types it never takes)."""
    raw = json.loads((DATA / "lexicon" / "signatures.json").read_text(encoding="utf-8"))
    return {p: (frozenset(v["not_subject"]), frozenset(v["not_object"]))
            for p, v in raw.items() if not p.startswith("_")}


def _type(c: Candidate, predicate: str) -> str:
    if c.stands_for is not None:
        return "Capital" if predicate in ("locatedIn", "capitalOf") else c.stands_for.type
    return c.entity.type


def decisions(pair: Pair, probs, thresholds) -> list[tuple[Candidate, str, Candidate, float]]:
    """The relations the model draws from one pair: (subject, predicate, object, probability)
    for every label whose probability reaches its threshold and whose argument types the
    predicate admits (`data/lexicon/signatures.json`: a leader is a person, a capital a city)."""
    out = []
    for k in np.flatnonzero(probs >= thresholds):
        if not admits(pair, LABELS[k]):
            continue
        predicate, direction = split_label(LABELS[k])
        s, o = (pair.b, pair.a) if direction == "<" else (pair.a, pair.b)
        out.append((s, predicate, o, round(float(probs[k]), 3)))
    return out


def admits(pair: Pair, label: str) -> bool:
    """Whether the label's predicate admits the pair's argument types in the label's
    direction (`data/lexicon/signatures.json`). The model decides a label only on pairs it
    admits, and is trained on those only."""
    predicate, direction = split_label(label)
    s, o = (pair.b, pair.a) if direction == "<" else (pair.a, pair.b)
    not_subject, not_object = signatures()[predicate]
    return _type(s, predicate) not in not_subject and _type(o, predicate) not in not_object


def barred_labels(pair: Pair) -> set[str]:
    """The labels whose predicates do not admit the pair (`admits`): never decided on it,
    so no example for them either."""
    return {label for label in LABELS if not admits(pair, label)}


def read_statements(doc: Doc, lex: Lexicon, model: RelationModel, doc_id: str,
                    coref: Coreference | None,
                    context: dict[int, tuple[Entity | None, str]],
                    found: Structures | None = None,
                    ) -> tuple[list[Statement], dict[str, Entity]]:
    """The model's statements for one document, and the chunk entities they name (the
    structures read on the way go into `found`, see `document_pairs`)."""
    out: list[Statement] = []
    used: dict[str, Entity] = {}
    seen: set[tuple] = set()
    text = doc_text(doc)
    pairs = list(document_pairs(doc, lex, found))
    probs = model.scores_many([p.features for p in pairs], doc_pair_vectors(doc, pairs))
    # most pairs reach no threshold: only those that reach one are decided
    for i in np.flatnonzero((probs >= model.thresholds).any(axis=1)):
        pair = pairs[i]
        for s, predicate, o, prob in decisions(pair, probs[i], model.thresholds):
            subject, obj = _entity(s, predicate), _entity(o, predicate)
            if subject.key == obj.key:
                continue
            if predicate in SYMMETRIC and subject.key > obj.key:
                s, o, subject, obj = o, s, obj, subject
            modality = pair.modality
            key = (pair.sentence, subject.key, predicate, obj.key, modality)
            if key in seen:
                continue
            seen.add(key)
            for c, e in ((s, subject), (o, obj)):
                if c.source.startswith("chunk") or c.source == "nisba" or c.inside:
                    used[e.key] = e     # a phrase, a nisba, or a name inside a name
            attribution, time = context.get(pair.sentence, (None, ""))
            attributed = attribution.key if attribution is not None else ""
            resolution: tuple[tuple[str, str], ...] = tuple(
                (role, c.note) for role, c in (("subject", s), ("object", o)) if c.note)
            quote = coref.quote_at(min(s.start, o.start)) if coref is not None else None
            if quote is not None and quote.speaker is not None:
                attributed = quote.speaker.head.entity.key
                resolution += (("attribution", f"quoted: {quote.speaker.head.entity.label}"),)
            seg = pair.seg
            lo, hi = min(pair.a.char_start, pair.b.char_start), max(pair.a.char_end,
                                                                      pair.b.char_end)
            label = f"{predicate}{'=' if predicate in SYMMETRIC else '>'}"
            out.append(Statement(
                subject=subject.key, predicate=predicate, object=obj.key, doc_id=doc_id,
                sentence=pair.sentence,
                quote=Span(seg.char_start, seg.char_end, text[seg.char_start:seg.char_end]),
                trigger=Span(lo, hi, text[lo:hi]), subject_span=_span(doc, s),
                object_span=_span(doc, o), rule=f"model:{label}", confidence=prob,
                modality=modality, attribution=attributed, time=time, resolution=resolution))
    return out, used


def structure_statements(doc: Doc, doc_id: str, found: Structures
                         ) -> tuple[list[Statement], dict[str, Entity]]:
    """memberOf statements from parenthesised lists (`lists.py`) and leaderOf statements
    from بقيادة and its kin (`led.py`), with the chunk entities they name."""
    text = doc_text(doc)
    out, used = [], {}
    # (sentence, segment, subject, predicate, object, the cue's characters, rule): a list's cue
    # is the member, a leader's the word that says who leads
    rows = [(index, seg, member, "memberOf", group, (member.char_start, member.char_end),
             "list.parenthesis") for index, seg, member, group in found.members]
    rows += [(index, seg, leader, "leaderOf", group, (doc[t].idx, doc[t].idx + len(doc[t])),
              "led.by") for index, seg, leader, group, t in found.led]
    for index, seg, s, predicate, o, (lo, hi), rule in rows:
        subject, obj = s.acting_entity(), o.acting_entity()
        for c, e in ((s, subject), (o, obj)):
            if c.source.startswith("chunk"):
                used[e.key] = e
        out.append(Statement(
            subject=subject.key, predicate=predicate, object=obj.key, doc_id=doc_id,
            sentence=index,
            quote=Span(seg.char_start, seg.char_end, text[seg.char_start:seg.char_end]),
            trigger=Span(lo, hi, text[lo:hi]), subject_span=_span(doc, s),
            object_span=_span(doc, o), rule=rule, confidence=0.8))
    return out, used
