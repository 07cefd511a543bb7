"""Within-document reference, so that statements reach the named actors.

News rarely names both parties in one clause. This stage adds actors for the words that refer
back to one named elsewhere in the same document, each with a note saying how it was resolved:

- بلاده / حكومتها (his country, her government): the state of the person just named;
- الدولتان / البلدين / الطرفين (the two states, both parties): the last two actors named;
- الحركة / التنظيم / المنظمة (the movement, ...): the last organisation of that kind;
- البلاد (the country: في جنوب شرق البلاد): the state last named before it (in the training
  articles that state is the one the gold reads, 24 times of 25; the miss was البلاد العربية,
  a noun with its adjective, which is not the anaphor);
- الوزير الروسي (title + nisba, no name): the person with that title and state named in the
  document;
- inside a quotation («...» or "..."), first person words (نحن، بلادنا، حكومتنا) are the
  speaker's organisation or state; the speaker is read from the speech verb (قال، أكد، ...).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from extract.gazetteer import Gazetteer
from extract.lexicon import DATA, Lexicon
from extract.mentions import Actor, Mention, char_span, doc_keys, doc_text, match_title
from extract.normalize import normalise, peel, strip_article
from extract.records import Entity
from extract.segment import CLAUSE_END, SENTENCE_END

_OPEN_CLOSE = {"«": "»", "“": "”", "\"": "\""}
_SPEAKER_WINDOW = 8


@dataclass(frozen=True)
class Anaphora:
    possessive_state: frozenset[str]
    first_person_state: frozenset[str]
    first_person_pronouns: frozenset[str]
    dual_parties: frozenset[str]
    dual_states: frozenset[str]
    organisation_nouns: frozenset[str]
    the_country: frozenset[str]


@lru_cache(maxsize=1)
def anaphora() -> Anaphora:
    raw = json.loads((DATA / "lexicon" / "anaphora.json").read_text(encoding="utf-8"))
    return Anaphora(**{k: frozenset(normalise(w) for w in v)
                       for k, v in raw.items() if not k.startswith("_")})


@dataclass
class Quote:
    """Tokens [start, end) inside quotation marks, and who is quoted."""

    start: int
    end: int
    speaker: Actor | None = None
    group: Entity | None = None      # the organisation or state the speaker speaks for


@dataclass
class Coreference:
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def quote_at(self, token: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= token < q.end), None)


def speaks_for(actor: Actor, gaz: Gazetteer) -> Entity:
    """A person speaks for their affiliation (from the text, else the gazetteer)."""
    head = actor.head
    if head.entity.type != "Person":
        return head.stands_for or head.entity
    if actor.affiliation is not None:
        aff = actor.affiliation
        return aff.stands_for or aff.entity
    entry = head.entry
    for qid in ((entry.leader_of, entry.country) if entry else ()):
        if qid and qid in gaz.by_qid:
            return gaz.by_qid[qid].entity()
    return head.entity


def find_quotes(doc: Doc, actors: list[Actor], lex: Lexicon, gaz: Gazetteer) -> list[Quote]:
    quotes: list[Quote] = []
    keys = doc_keys(doc)
    i = 0
    while i < len(doc):
        close = _OPEN_CLOSE.get(doc[i].text)
        if close is None:
            i += 1
            continue
        j = next((k for k in range(i + 1, min(len(doc), i + 400)) if doc[k].text == close), None)
        if j is None:
            i += 1
            continue
        speaker = _speaker(keys, i, j, actors, lex)
        quotes.append(Quote(i + 1, j, speaker, speaks_for(speaker, gaz) if speaker else None))
        i = j + 1
    return quotes


def _is_speech_verb(key: str, lex: Lexicon) -> bool:
    return any(stem in lex.attribution_verbs for stem, _ in peel(key))


def _speaker(keys: list[str], open_at: int, close_at: int, actors: list[Actor],
             lex: Lexicon) -> Actor | None:
    """The actor after a speech verb before the quote (قال مسؤول في حماس: «...»), or after
    the quote («...»، قال الوزير)."""
    by_start = {a.start: a for a in actors}
    for verb in range(open_at - 1, max(-1, open_at - _SPEAKER_WINDOW * 2), -1):
        if _is_speech_verb(keys[verb], lex):
            after = [by_start[k] for k in range(verb + 1, open_at) if k in by_start]
            if after:
                return after[0]
            before = [a for a in actors if a.end <= verb and verb - a.end <= _SPEAKER_WINDOW]
            return before[-1] if before else None
    for verb in range(close_at + 1, min(len(keys), close_at + 4)):
        if _is_speech_verb(keys[verb], lex):
            after = [by_start[k] for k in range(verb + 1, min(len(keys), verb + _SPEAKER_WINDOW))
                     if k in by_start]
            return after[0] if after else None
    return None


def _anaphor(doc: Doc, i: int, clitic: str, entity: Entity, note: str,
             members: list[Mention] | None = None) -> Actor:
    start, end = char_span(doc[i], clitic)
    mention = Mention(i, i + 1, entity, "anaphor", clitic, start, end, note=note)
    return Actor(i, i + 1, mention, parts=[mention], members=members or [])


def resolve(doc: Doc, mentions: list[Mention], actors: list[Actor], lex: Lexicon,
            gaz: Gazetteer) -> Coreference:
    """Actors for the referring words of the document, and its quotations."""
    words = anaphora()
    keys = doc_keys(doc)
    taken = {i for a in actors for i in range(a.start, a.end)}
    coref = Coreference(quotes=find_quotes(doc, actors, lex, gaz))
    ordered = sorted(actors, key=lambda a: a.start)
    for i, key in enumerate(keys):
        if i in taken:
            continue
        before = [a for a in ordered if a.end <= i]
        for stem, clitic in peel(key):
            added = _resolve_word(doc, i, stem, clitic, before, coref, words, gaz)
            if added is not None:
                coref.actors.append(added)
                break
    coref.actors += _title_without_name(doc, keys, actors, lex)
    return coref


def _resolve_word(doc: Doc, i: int, stem: str, clitic: str, before: list[Actor],
                  coref: Coreference, words: Anaphora, gaz: Gazetteer) -> Actor | None:
    text = doc[i].text
    if stem in words.possessive_state:
        for actor in reversed(before):
            if actor.head.entity.type in ("Person", "State", "Organisation"):
                target = speaks_for(actor, gaz)
                return _anaphor(doc, i, clitic, target,
                                f"{text} -> {target.label} (of {actor.head.entity.label})")
        return None
    if stem in words.the_country:
        following = normalise(doc[i + 1].text) if i + 1 < len(doc) else ""
        if following.startswith("ال"):
            return None            # البلاد العربية: "the countries" and an adjective
        for actor in reversed(before):
            state = actor.head.stands_for or actor.head.entity
            if state.type == "State":
                return _anaphor(doc, i, clitic, state, f"{text} -> {state.label} (the state "
                                                       "last named)")
        return None
    if stem in words.first_person_state or stem in words.first_person_pronouns:
        quote = coref.quote_at(i)
        if quote is not None and quote.group is not None:
            return _anaphor(doc, i, clitic, quote.group,
                            f"first person in a quote -> {quote.group.label}")
        return None
    if stem in words.dual_parties:
        seen: list[Entity] = []
        clause_start = next((k + 1 for k in range(i - 1, -1, -1)
                             if doc[k].text in CLAUSE_END | SENTENCE_END), 0)
        for actor in reversed([a for a in before if a.end <= clause_start]):
            kind = speaks_for(actor, gaz)    # a leader named for the state: أردوغان -> تركيا
            allowed = ("State",) if stem in words.dual_states else ("State", "Organisation",
                                                                    "Region")
            if kind.type in allowed and \
                    kind.key not in {e.key for e in seen}:
                seen.append(kind)
            if len(seen) == 2:
                break
        if len(seen) == 2:
            seen.reverse()
            members = [Mention(i, i + 1, e, "anaphor") for e in seen]
            return _anaphor(doc, i, clitic, seen[0],
                            f"{text} -> {seen[0].label} و{seen[1].label}", members=members)
        return None
    if stem in words.organisation_nouns and (i + 1 >= len(doc) or not normalise(
            doc[i + 1].text).startswith("ال")):
        noun = stem[2:]
        orgs = [a for a in before if a.head.entity.type == "Organisation"]
        same_kind = [a for a in orgs if noun in normalise(a.head.entity.label)
                     or noun in normalise(doc_text(doc)[max(0, a.head.char_start - 8):
                                                        a.head.char_start])]
        for actor in reversed(same_kind):   # only an organisation of that kind
            return _anaphor(doc, i, clitic, actor.head.entity,
                            f"{text} -> {actor.head.entity.label}")
    return None


def _title_without_name(doc: Doc, keys: list[str], actors: list[Actor],
                        lex: Lexicon) -> list[Actor]:
    """"الوزير الروسي" with no name: the person with that title and state named elsewhere."""

    named = [a for a in actors if a.title and a.affiliation is not None]
    out = []
    for actor in actors:
        m = actor.head
        if m.rule != "nisba" or actor.title:
            continue
        for length in range(1, 4):
            t = m.start - length
            if t < 0:
                break
            n, clitic, words = match_title(keys, t, lex.person_titles)
            if n != length:
                continue
            head_word = strip_article(words[0])
            for other in named:
                if strip_article(normalise(other.title).split()[0]) == head_word and \
                        other.affiliation.entity.key == m.entity.key:
                    person = other.head
                    start, _ = char_span(doc[t], clitic)
                    mention = Mention(t, m.end, person.entity, "anaphor", clitic, start,
                                      m.char_end, entry=person.entry,
                                      note=f"{doc_text(doc)[start:m.char_end]} -> "
                                           f"{person.entity.label}")
                    out.append(Actor(t, m.end, mention, parts=[mention], replaces=actor))
                    break
            break
    return out
