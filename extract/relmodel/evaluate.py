"""Article-level precision and recall of a set of triples against a gold file.

The same counting as the evaluation's scorer (`../shared/eval/score.py`, ONTOLOGY.md), done
on extracted triples instead of an RDF file so that cross-validation can score thousands of
variants quickly: each node maps to gold entities by its labels and Wikidata id
(`gold.GoldMatcher`); an output triple earns at most one required gold triple; a triple that
only repeats one already earned counts neither way; triples the gold allows are neither
rewarded nor penalised. Negated statements are never plain triples and are not scored.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.records import Entity
from extract.relmodel.gold import GoldMatcher
from extract.relmodel.model import SYMMETRIC

Triple = tuple[Entity, str, Entity]


@dataclass
class Score:
    correct: int = 0          # output triples that earned a required gold triple
    counted: int = 0          # output triples counted for precision
    found: int = 0            # required gold triples earned
    required: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)      # indices into gold["required"]

    def __iadd__(self, other: Score) -> Score:
        self.correct += other.correct
        self.counted += other.counted
        self.found += other.found
        self.required += other.required
        return self

    @property
    def precision(self) -> float:
        return self.correct / self.counted if self.counted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _as_set(x) -> frozenset[str]:
    return frozenset(x if isinstance(x, list) else [x])


def _hits(pred: str, s: set[str], o: set[str], gold: list) -> list[int]:
    return [i for i, (gs, gp, go) in enumerate(gold) if gp == pred and (
        (s & gs and o & go) or (pred in SYMMETRIC and o & gs and s & go))]


def score_triples(gold: dict, triples: Iterable[Triple]) -> Score:
    matcher = GoldMatcher(gold["entities"])
    required = [(_as_set(t[0]), t[1], _as_set(t[2])) for t in gold["required"]]
    allowed = [(_as_set(t[0]), t[1], _as_set(t[2])) for t in gold.get("allowed", [])]

    def keys(e: Entity) -> set[str]:
        found = matcher.match([e.label] + ([e.label_en] if e.label_en else []),
                              [e.qid] if e.qid else [])
        return found or {"?" + e.key}
    result = Score(required=len(required))
    earned: set[int] = set()
    seen: set[tuple[str, str, str]] = set()
    for s, p, o in sorted(triples, key=lambda t: (t[0].key, t[1], t[2].key)):
        if (s.key, p, o.key) in seen:
            continue
        seen.add((s.key, p, o.key))
        sk, ok = keys(s), keys(o)
        req = _hits(p, sk, ok, required)
        if req:
            fresh = [i for i in req if i not in earned]
            if fresh:
                earned.add(fresh[0])
                result.correct += 1
                result.counted += 1
        elif not _hits(p, sk, ok, allowed):
            result.counted += 1
            result.wrong.append((s.label, p, o.label))
    result.found = len(earned)
    result.missed = [i for i in range(len(required)) if i not in earned]
    return result
