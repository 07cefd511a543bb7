"""Which statements a document keeps: the rule reader's precise structural ones and the model's.

The rules are precise where the text's structure says it all: a title before a name and its
state (leaderOf), a place and its nisba (locatedIn), "عاصمة" (capitalOf). Those stay whatever
the model says. The rest of the rule reader's statements (trigger words and their slots) are
votes the model reads as features; the model decides.
"""
from __future__ import annotations

from extract.records import Statement

#: Rule ids (up to the first ".") whose statements are kept as they are.
KEPT_RULES = frozenset({"title", "place+nisba", "capital"})


def combine(rules: list[Statement], model: list[Statement]) -> list[Statement]:
    kept = [s for s in rules if s.rule.split(".")[0] in KEPT_RULES]
    have = {(s.sentence, s.subject, s.predicate, s.object, s.modality) for s in kept}
    out = list(kept)
    for s in model:
        key = (s.sentence, s.subject, s.predicate, s.object, s.modality)
        if key not in have:
            have.add(key)
            out.append(s)
    return sorted(out, key=lambda s: (s.sentence, s.subject_span.start, s.object_span.start,
                                      s.predicate))
