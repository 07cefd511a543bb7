"""Pairs of candidates in each sentence, and the statements the model draws from them.

Training (`extract.relmodel.train`) and extraction read the same pairs with the same
features, so what the model learnt is what it is asked.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from extract.chunks import Chunker
from extract.coref import Coreference
from extract.lexicon import Lexicon
from extract.mentions import doc_text
from extract.records import Entity, Span, Statement
from extract.relmodel.candidates import Candidate, sentence_candidates
from extract.relmodel.features import SentenceContext, pair_features
from extract.relmodel.model import SYMMETRIC, RelationModel, split_label
from extract.segment import Segment, sentences

#: Candidates more tokens apart than this are not paired: 97% of the training articles'
#: positive pairs are closer, and 19% of all pairs are further apart.
_MAX_GAP = 20
#: Labels the model may give a pair whose second member is a thing (what is sought ...).
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


def document_pairs(doc: Doc, lex: Lexicon) -> Iterator[Pair]:
    """Every candidate pair of every sentence, with its features."""
    mentions = doc._.mentions or []
    entities = doc._.entities or {}
    statements = doc._.statements or []
    chunker = Chunker(doc, lex, mentions)
    for index, seg in enumerate(sentences(doc)):
        cands = sentence_candidates(doc, seg, mentions, chunker, entities, lex)
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


def decisions(pair: Pair, probs, thresholds) -> list[tuple[Candidate, str, Candidate, float]]:
    """The relations the model draws from one pair: (subject, predicate, object, probability)
    for every label whose probability reaches its threshold."""
    from extract.relmodel.model import LABELS
    out = []
    for k, label in enumerate(LABELS):
        if probs[k] < thresholds[k]:
            continue
        predicate, direction = split_label(label)
        s, o = (pair.b, pair.a) if direction == "<" else (pair.a, pair.b)
        out.append((s, predicate, o, round(float(probs[k]), 3)))
    return out


def read_statements(doc: Doc, lex: Lexicon, model: RelationModel, doc_id: str,
                    coref: Coreference | None,
                    context: dict[int, tuple[Entity | None, str]]) -> tuple[list[Statement],
                                                                            dict[str, Entity]]:
    """The model's statements for one document, and the chunk entities they name."""
    out: list[Statement] = []
    used: dict[str, Entity] = {}
    seen: set[tuple] = set()
    text = doc_text(doc)
    pairs = list(document_pairs(doc, lex))
    probs = model.scores_many([p.features for p in pairs])
    for pair, pair_probs in zip(pairs, probs):
        for s, predicate, o, prob in decisions(pair, pair_probs, model.thresholds):
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
                if c.source.startswith("chunk"):
                    used[e.key] = e
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
