"""Memberships from lists in parentheses: "دول مجموعة 5+1 (الولايات المتحدة وفرنسا وبريطانيا
والصين وروسيا وألمانيا)" makes each state a member of the group named before the parenthesis.

The group is the name just before the parenthesis where there is one (the P5+1 in دول
مجموعة 5+1), else the longest candidate ending there. A parenthesis holding a single name is
an alias or an acronym ("حلف شمال الأطلسي (الناتو)"), not a membership, so at least two
members are needed. The rule works on the relation model's candidates, so the group may be a
name or a noun phrase (مجموعة، تحالف، الدول الأعضاء).
A member the pipeline does not know (a state spelt with the article, والبيرو) does not end
the list: an item of one or two plain words between separators is passed over, as long as the
named members outnumber such items. Members are joined by و, commas or the joiners of
`function_words.json` (بالإضافة إلى، فضلا عن: "(… والصين وروسيا بالإضافة إلى ألمانيا)").
"""
from __future__ import annotations

from spacy.tokens import Doc

from extract.lexicon import Lexicon
from extract.mentions import doc_keys
from extract.relmodel.candidates import Candidate

MEMBER_TYPES = {"State", "Organisation", "Person", "City", "Region", "Place", "Other"}
#: Who is a member of groups; a list mostly of places ("12 منطقة (الرياض، جدة …)")
#: enumerates, it does not state memberships.
_MEMBER_ACTORS = {"State", "Organisation", "Person"}
#: The longest unknown item (in words) a list may pass over.
_UNKNOWN_ITEM = 2


def _unknown_item(doc: Doc, start: int, end: int, separated: bool) -> bool:
    """Whether doc[start:end] is one list item the pipeline has no candidate for: one or two
    plain words, opened by a joiner or و, ended by a joiner or a following و-word."""
    words = [t for t in doc[start:end] if t.text not in ("،", ",")]
    if not words or len(words) > _UNKNOWN_ITEM or not all(t.is_alpha for t in words):
        return False
    return separated or words[0].text.startswith("و")


def parenthesised_members(doc: Doc, cands: list[Candidate], lex: Lexicon,
                          ) -> list[tuple[Candidate, Candidate]]:
    """(member, group) pairs of one sentence's candidates."""
    out = []
    keys = doc_keys(doc)
    positions = sorted({i for c in cands for i in (c.start - 1, c.end)
                        if 0 <= i < len(doc) and doc[i].text == "("})
    for p in positions:
        close = next((i for i in range(p + 1, min(len(doc), p + 60)) if doc[i].text == ")"), None)
        if close is None:
            continue
        groups = [c for c in cands if c.end == p and not c.is_thing]
        if not groups:
            continue
        # a name ending there is the group, not a phrase around it: "دول مجموعة 5+1 (…)"
        # lists members of the P5+1
        named = [c for c in groups if c.source in ("name", "ner")]
        group = max(named or groups, key=lambda c: c.end - c.start)
        members, expect, separated, unknown = [], p + 1, True, 0
        for c in sorted((c for c in cands if p < c.start and c.end <= close),
                        key=lambda c: (c.start, -(c.end - c.start))):
            if c.start < expect or c.entity.type not in MEMBER_TYPES or c.is_thing:
                continue
            if c.start != expect and _unknown_item(doc, expect, c.start, separated):
                unknown += 1
                separated = any(lex.phrase_at(keys, k, c.start, lex.list_joiners)
                                for k in range(expect, c.start))
                expect = c.start
            if c.start != expect or not (separated or c.clitic.startswith("و")):
                break     # words between, or two names with no و or comma: not a list
            if c.acting_entity().key != group.acting_entity().key:
                members.append(c)
            expect, separated = c.end, False
            while expect < close and (n := lex.phrase_at(keys, expect, close, lex.list_joiners)):
                expect, separated = expect + n, True
        if expect < close and _unknown_item(doc, expect, close, separated):
            unknown, expect = unknown + 1, close
        # the list fills the parenthesis: "(شمال غرب)" or "(… وغيرها من الدول)" is not one
        actors = sum(m.acting_entity().type in _MEMBER_ACTORS for m in members)
        if len(members) >= 2 and len(members) > unknown and 2 * actors > len(members) \
                and expect == close:
            out += [(m, group) for m in members]
    return out
