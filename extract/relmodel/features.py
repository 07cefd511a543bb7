"""What the relation model knows about a pair of candidates in one sentence.

Features are strings (a sparse, one-hot description, hashed into the model's weight rows):
the two arguments' types and how they were found, their order and distance, the lemma keys of
the words between and around them, the trigger lexicon's predicates among those words, the
prepositions and proclitics that mark each argument, punctuation (commas, parentheses, the
و of a list), negation and hedges nearby, nesting (an organisation and its own nisba), and the
votes of the rule reader (`extract.relations`) for this pair. A few conjunctions (type pair x
trigger between) let a linear model tell "Russia meets Putin" from "Russia meets China".
"""
from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from extract.lexicon import Lexicon
from extract.mentions import doc_keys, token_triggers
from extract.morph import lemma
from extract.records import Statement
from extract.relmodel.candidates import Candidate
from extract.segment import Segment

_NEGATORS = {"لم", "لا", "لن", "ليس", "ليست", "عدم"}
_HEDGES = {"قد", "ربما", "لعل", "محتمل", "يحتمل"}
_PUNCT_KEEP = {"،", ",", "(", ")", "«", "»", ":", "-", "–", "\"", "“", "”"}


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 4, 7, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


class SentenceContext:
    """Per-sentence facts shared by every pair in it."""

    def __init__(self, doc: Doc, seg: Segment, lex: Lexicon, statements: list[Statement]):
        self.doc, self.seg, self.lex = doc, seg, lex
        keys = doc_keys(doc)
        #: each token's word as the features name it (its lemma key, <num>, a kept
        #: punctuation mark or <p>), from the sentence's first token: `words[i - seg.start]`
        self.words: list[str] = []
        self.triggers: dict[int, set[str]] = {}
        for i in range(seg.start, seg.end):
            tok = doc[i]
            if tok.is_punct or not keys[i]:
                self.words.append(tok.text if tok.text in _PUNCT_KEEP else "<p>")
            elif keys[i].isdigit():
                self.words.append("<num>")
            else:
                self.words.append(lemma(keys[i]))
            for match in token_triggers(doc, lex, i):
                if match.trigger.predicate:
                    self.triggers.setdefault(i, set()).add(match.trigger.predicate)
        self.keys = keys
        self.prepositions = {i: keys[i] for i in range(seg.start, seg.end)
                             if keys[i] in lex.prepositions}
        self.anchors = {seg.start + n for n, w in enumerate(self.words)
                        if len(w) >= 2 and w not in lex.stop_words}
        negators, hedges = _marks(keys, seg, lex)
        self._negators = _prefix(negators)
        self._hedges = _prefix(hedges)
        self._sides: dict[int, _Side] = {}
        self.votes: dict[tuple[int, int], set[str]] = {}
        for st in statements:
            self.votes.setdefault((st.subject_span.start, st.object_span.start), set()).add(
                f"{st.predicate}:{st.rule.split('.')[0]}")

    def word_at(self, i: int) -> str:
        """The word at token i, or "<edge>" outside the sentence."""
        return self.words[i - self.seg.start] if self.seg.start <= i < self.seg.end \
            else "<edge>"

    def side(self, c: Candidate) -> _Side:
        """The candidate's share of its pairs' features (computed on first use)."""
        side = self._sides.get(id(c))
        if side is None:
            side = self._sides[id(c)] = _Side(self, c)
        return side

    def _count(self, prefix: list[int], lo: int, hi: int) -> int:
        lo, hi = max(lo, self.seg.start) - self.seg.start, min(hi, self.seg.end) - self.seg.start
        return prefix[hi] - prefix[lo] if hi > lo else 0

    def negated(self, lo: int, hi: int) -> bool:
        """Is there a negator among tokens [lo, hi) of the sentence?"""
        return self._count(self._negators, lo, hi) > 0

    def hedged(self, lo: int, hi: int) -> bool:
        return self._count(self._hedges, lo, hi) > 0


def _prefix(flags: list[bool]) -> list[int]:
    out = [0]
    for flag in flags:
        out.append(out[-1] + flag)
    return out


def _marks(keys: list[str], seg: Segment, lex: Lexicon) -> tuple[list[bool], list[bool]]:
    """Per token of the sentence: a negator (لم، لا، لن، ليس، عدم) that is not part of a
    phrase that only looks negative (لا يزال، لا سيما), and a hedge (قد، ربما، من المحتمل)."""
    words = keys[seg.start:seg.end]
    negator = [w in _NEGATORS for w in words]
    hedge = [w in _HEDGES for w in words]
    for i, w in enumerate(words):
        for phrase in lex.not_negation_by_first.get(w, ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                for k in range(i, i + len(phrase)):
                    negator[k] = False
        for phrase in lex.hedge_phrases_by_first.get(w, ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                hedge[i] = True
    return negator, hedge


def _describe(prefix: str, c: Candidate, etype: str) -> list[str]:
    return [f"{prefix}.src={c.source}", f"{prefix}.t={etype}", f"{prefix}.cl={c.clitic}",
            f"{prefix}.h={c.head}" if c.head else f"{prefix}.named"]


def _relation_to(ctx: SentenceContext, c: Candidate, t: int) -> str:
    """Where a candidate stands relative to an anchor word t: just before it (L0: "روسيا
    تدعم"), near before (L1), right after it (R0: "تدعم روسيا"), after one of its
    prepositions (Rp:ل: "تدعم ... لأوكرانيا"), near after (R1), or far. Only words from five
    before the candidate to three after it can be anything but far."""
    if c.end <= t:
        gap = t - c.end
        return "L0" if gap == 0 else "L1" if gap <= 2 else "far"
    if c.start <= t:
        return "in"
    gap = c.start - t - 1
    prep = ctx.prepositions.get(c.start - 1, "")
    clitic = c.clitic.strip("وف")
    if clitic and gap <= 3:
        return f"Rp:{clitic}"
    if prep and gap <= 4:
        return f"Rp:{prep}"
    return "R0" if gap == 0 else "R1" if gap <= 2 else "far"


class _Side:
    """What a candidate brings to every pair it is in, computed once per sentence: its type,
    its description as first and as second argument (with the words just around it and the
    trigger predicates just before it as first, just after it as second), those conjoined
    with each pair type it meets (cached per type), and where it stands relative to each
    anchor word near it (`_relation_to`; words missing from `near` are far). A sentence has
    a few candidates and many pairs of them: the strings are built once per candidate."""

    __slots__ = ("candidate", "type", "as_a", "as_b", "p1", "p2", "n1", "triggers_before",
                 "triggers_after", "near", "_typed_a", "_typed_b")

    def __init__(self, ctx: SentenceContext, c: Candidate):
        seg = ctx.seg
        self.candidate = c              # keeps the candidate alive while its id is a key
        self.type = c.entity.type if c.stands_for is None else "Capital"
        word = ctx.word_at
        self.p1, self.p2, self.n1 = word(c.start - 1), word(c.start - 2), word(c.end)
        self.triggers_before = {p for i in range(max(seg.start, c.start - 4), c.start)
                                for p in ctx.triggers.get(i, ())}
        self.triggers_after = {p for i in range(c.end, min(seg.end, c.end + 4))
                               for p in ctx.triggers.get(i, ())}
        self.as_a = [*_describe("A", c, self.type), f"A.p1={self.p1}", f"A.p2={self.p2}",
                     f"A.n1={self.n1}", *(f"tpre={p}" for p in self.triggers_before)]
        self.as_b = [*_describe("B", c, self.type), f"B.p1={self.p1}", f"B.p2={self.p2}",
                     f"B.n1={self.n1}", *(f"tpost={p}" for p in self.triggers_after)]
        self._typed_a: dict[str, list[str]] = {}
        self._typed_b: dict[str, list[str]] = {}
        self.near: dict[int, str] = {}
        for t in (*range(c.start - 5, c.start), *range(c.end, c.end + 3)):
            if t in ctx.anchors:
                relation = _relation_to(ctx, c, t)
                if relation != "far":
                    self.near[t] = relation

    def typed_a(self, pair_type: str) -> list[str]:
        """As first argument, conjoined with the pair's types."""
        got = self._typed_a.get(pair_type)
        if got is None:
            got = self._typed_a[pair_type] = [
                f"A.p1|{pair_type}={self.p1}", f"A.p2|{pair_type}={self.p2}",
                f"A.n1|{pair_type}={self.n1}",
                *(f"tpre|{pair_type}={p}" for p in self.triggers_before)]
        return got

    def typed_b(self, pair_type: str) -> list[str]:
        """As second argument, conjoined with the pair's types."""
        got = self._typed_b.get(pair_type)
        if got is None:
            got = self._typed_b[pair_type] = [
                f"B.p1|{pair_type}={self.p1}", f"B.p2|{pair_type}={self.p2}",
                f"B.n1|{pair_type}={self.n1}"]
        return got


def _anchored(ctx: SentenceContext, a: Candidate, b: Candidate, sa: _Side, sb: _Side
              ) -> list[str]:
    """Each word near the pair as an anchor, with where the two candidates stand relative
    to it: "تدعم|L0|Rp:ل" is "A supports ... to B" whatever A and B are."""
    out = []
    lo, hi = max(ctx.seg.start, a.start - 4), min(ctx.seg.end, max(a.end, b.end) + 1)
    near_a, near_b = sa.near, sb.near
    words, triggers, first = ctx.words, ctx.triggers, ctx.seg.start
    for t in sorted(near_a.keys() | near_b.keys()):
        if not lo <= t < hi or a.start <= t < a.end or b.start <= t < b.end:
            continue
        ra, rb = near_a.get(t, "far"), near_b.get(t, "far")
        out.append(f"an={words[t - first]}|{ra}|{rb}")
        for p in triggers.get(t, ()):
            out.append(f"at={p}|{ra}|{rb}")
    return out


def pair_features(ctx: SentenceContext, a: Candidate, b: Candidate) -> list[str]:
    """Features of the pair (a, b); a starts first (or is the outer of two nested ones)."""
    sa, sb = ctx.side(a), ctx.side(b)
    pair_type = f"{sa.type}|{sb.type}"
    f = ["bias", *sa.as_a, *sb.as_b, *sa.typed_a(pair_type), *sb.typed_b(pair_type),
         f"AB.t={pair_type}", f"AB.src={a.source}|{b.source}"]
    seg = ctx.seg
    nested = b.start < a.end
    if nested:
        f.append("nested")
        f.append(f"nested.inner={b.source}|{b.entity.type}")
        words: list[str] = []
        between = range(0)
    else:
        words = ctx.words[a.end - seg.start:b.start - seg.start]
        between = range(a.end, b.start)
    gap = len(words)
    f.append(f"dist={_bucket(gap)}")
    if gap <= 10:
        distinct = set(words)
        f += [f"bw={w}" for w in distinct]
        f += [f"bw|{pair_type}={w}" for w in distinct]
    f += [f"bwL={w}" for w in words[:2]] + [f"bwR={w}" for w in words[-2:]]
    if gap <= 4:
        path = "_".join(words)
        f.append(f"path={path}")
        f.append(f"path|{pair_type}={path}")
    if gap == 0 and not nested:
        f.append("adjacent")
    if words == ["و"] or (gap == 0 and b.clitic.startswith("و")):
        f.append("coordinated")
    if "،" in words or "," in words:
        f.append("comma_between")
    if "(" in words[-1:] or (b.start > seg.start and ctx.doc[b.start - 1].text == "("):
        f.append("paren_before_B")
    triggers = ctx.triggers
    trig_between = {p for i in between if i in triggers for p in triggers[i]}
    f += [f"tbw={p}" for p in trig_between] + [f"tbw|{pair_type}={p}" for p in trig_between]
    if not trig_between and not sa.triggers_before and not sb.triggers_after:
        f.append("no_trigger")
    if a.start == seg.start:
        f.append("A.first")
    lo, hi = a.start - 3, max(a.end, b.end)
    if ctx.negated(lo, hi):
        f.append("negation")
    if ctx.hedged(lo, hi):
        f.append("hedge")
    f += _anchored(ctx, a, b, sa, sb)
    votes = ctx.votes
    if votes:
        for key in ((a.char_start, b.char_start), (b.char_start, a.char_start)):
            for vote in votes.get(key, ()):
                direction = ">" if key[0] == a.char_start else "<"
                f.append(f"vote={vote}{direction}")
    return f


#: Words between a pair whose contextual vectors are averaged (further apart: none).
VECTOR_GAP = 10


def pair_vectors(vectors: np.ndarray | None, spans: list[tuple[int, int, int, int]],
                 ) -> np.ndarray | None:
    """Pairs through the NER encoder's contextual token vectors (`doc._.token_vectors`): for
    each pair (a.start, a.end, b.start, b.end), the mean vector of a's words, of b's, and of
    the words between them (zeros when nested, adjacent or more than VECTOR_GAP words apart),
    one float16 row per pair, all from one running sum over the document. Words the linear
    features see one by one (قصف، غارة، هجوم) come close here. None without vectors."""
    if vectors is None or not spans:
        return None
    total = np.zeros((len(vectors) + 1, vectors.shape[1]))
    np.cumsum(vectors, axis=0, dtype=np.float64, out=total[1:])
    at = np.asarray(spans, dtype=np.int64)

    def mean(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        hi = np.maximum(hi, lo)
        return (total[hi] - total[lo]) / np.maximum(hi - lo, 1)[:, None]

    gap = at[:, 2] - at[:, 1]
    between = mean(at[:, 1], at[:, 2]) * ((gap > 0) & (gap <= VECTOR_GAP))[:, None]
    return np.hstack([mean(at[:, 0], at[:, 1]), mean(at[:, 2], at[:, 3]),
                      between]).astype(np.float16)
