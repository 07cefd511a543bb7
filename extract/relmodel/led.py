"""Who leads what, from "X بقيادة Y" (X under the leadership of Y: قوات التحالف بقيادة أمريكا
وبريطانيا) and from a relative clause whose verb leads it (الحملة الجوية التي تقودها
السعودية، تحالف تقوده الولايات المتحدة): Y leaderOf X.

The words are `function_words.json` led_by. What is led is the outermost candidate ending
just before the word (or before its relative pronoun) that is an organisation or a state; the
leaders are the candidate starting just after it and the ones coordinated with it by و
(أمريكا وبريطانيا). A nisba there is an adjective of an unnamed leader (بقيادة الألماني
ستامب), not the leader, and gives nothing.
"""
from __future__ import annotations

from spacy.tokens import Doc

from extract.lexicon import Lexicon
from extract.mentions import doc_keys
from extract.relmodel.candidates import Candidate
from extract.segment import Segment

#: What may be led (leaderOf's objects, less places and groups of people).
_LED = {"Organisation", "State"}
#: Who may lead.
_LEADERS = {"Person", "State", "Organisation"}


def _leader(c: Candidate) -> bool:
    return not c.is_thing and c.source != "nisba" and c.acting_entity().type in _LEADERS


def led_by(doc: Doc, seg: Segment, cands: list[Candidate], lex: Lexicon,
           ) -> list[tuple[Candidate, Candidate, int]]:
    """(leader, led, the token of the led_by word) for one sentence's candidates."""
    keys = doc_keys(doc)
    out = []
    for t in range(seg.start + 1, seg.end - 1):
        if keys[t] not in lex.led_by:
            continue
        end = t - 1 if keys[t - 1] in lex.relative_pronouns else t
        led = [c for c in cands if c.end == end and not c.is_thing
               and c.acting_entity().type in _LED]
        first = [c for c in cands if c.start == t + 1 and _leader(c)]
        if not led or not first:
            continue
        group = min(led, key=lambda c: c.start)
        leaders = [max(first, key=lambda c: c.end)]
        while nxt := [c for c in cands if c.start == leaders[-1].end and _leader(c)
                      and c.clitic.startswith("و")]:
            leaders.append(max(nxt, key=lambda c: c.end))
        out += [(leader, group, t) for leader in leaders
                if leader.acting_entity().key != group.acting_entity().key]
    return out
