"""Relations: trigger words from the lexicon, with their arguments read from the clause.

For every clause, triggers are found left to right. A trigger's agent is the actor right after
a verb (Arabic verb-subject order), else the nearest actor before it that is not inside a
prepositional phrase, else the discourse: a relative pronoun (التي) points at the last actor of
the previous clause, a pronoun or a dropped subject at the last agent. Objects are read from
the slots the lexicon gives the trigger (a preposition, the genitive, بين X و Y, ...), and
coordinated arguments distribute. Structural patterns (title + nisba + name, place + nisba,
capital of) give leaderOf, locatedIn and capitalOf.

Every statement records the rule that made it and how each argument was resolved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from extract.chunks import heads as chunk_heads
from extract.coref import Coreference
from extract.gazetteer import Gazetteer
from extract.lexicon import Lexicon, Slot, Trigger, TriggerMatch
from extract.mentions import (ACTOR_TYPES, Actor, Mention, doc_keys, doc_text, match_title,
                              place_in_name, token_triggers)
from extract.morph import lemma
from extract.normalize import name_key, normalise, peel
from extract.phrases import Phrase, PhraseReader
from extract.records import Entity, Span, Statement
from extract.segment import Segment, clauses, sentences

SYMMETRIC = {"meetsWith", "cooperatesWith", "tensionWith", "conflictWith"}
#: A dropped subject reaches back at most this many clauses past the one that named it.
_MAX_AGENT_AGE = 1
CONJUNCTION_ONLY = {"و", "ف"}
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_COMPOUND_PREPOSITIONS = {("من", "خلال"), ("من", "اجل"), ("من", "جانب"), ("من", "جهه"),
                          ("من", "ناحيه"), ("من", "بين"), ("من", "دون"), ("من", "قبل"),
                          ("من", "ذلك"), ("من", "حيث")}


@dataclass
class Arg:
    """An argument: an entity with the span that names it and how it was found."""

    entity: Entity
    span: Span
    resolution: str = ""          # "" when read directly from the clause
    phrase: Phrase | None = None
    group: list[Arg] = field(default_factory=list)   # الطرفين: each party


@dataclass
class SentenceState:
    """What is carried from clause to clause within a sentence (and agents across them)."""

    attribution: Entity | None = None
    time: str = ""
    last_agent: Arg | None = None
    agent_age: int = 0            # clauses since the last agent was named, not inferred
    last_clause_actors: list[Actor] = field(default_factory=list)
    last_trigger: TriggerMatch | None = None
    last_trigger_agent: Arg | None = None


class RelationReader:
    """Reads the statements of one document."""

    def __init__(self, doc: Doc, doc_id: str, mentions: list[Mention], actors: list[Actor],
                 lex: Lexicon, gaz: Gazetteer, coref: Coreference | None = None):
        self.doc, self.doc_id, self.lex, self.gaz = doc, doc_id, lex, gaz
        self.coref = coref or Coreference()
        self.keys = doc_keys(doc)
        self.mentions = mentions
        self.actors = [a for a in actors if a.head.entity.type in ACTOR_TYPES]
        self.actor_at = {a.start: a for a in self.actors}
        self.actor_tokens = {i for a in self.actors for i in range(a.start, a.end)}
        self.mention_at = {m.start: m for m in mentions}
        self.phrases = PhraseReader(doc, self.keys, lex, self.actor_tokens)
        self.statements: list[Statement] = []
        self.things: dict[str, Entity] = {}
        self.people: dict[str, Entity] = {}
        self._seen: set[tuple] = set()
        self.discourse_agent: Arg | None = None
        #: per sentence: the source the text credits and the year it gives, for other readers
        self.sentence_context: dict[int, tuple[Entity | None, str]] = {}

    # ----------------------------------------------------------------- arguments
    def _arg(self, actor: Actor, resolution: str = "", metonymy: bool = True) -> Arg:
        m = actor.head
        span = Span(m.char_start, m.char_end, doc_text(self.doc)[m.char_start:m.char_end])
        entity = m.entity
        notes = [n for n in (resolution, m.note) if n]
        if metonymy and m.stands_for is not None:
            notes.append(f"metonymy: {span.text} -> {m.stands_for.label}")
            entity = m.stands_for
        group = [self._arg(Actor(actor.start, actor.end, Mention(
            actor.start, actor.end, x.stands_for or x.entity, "anaphor", "", m.char_start,
            m.char_end, note=m.note))) for x in actor.members]
        return Arg(entity, span, "; ".join(notes), group=group)

    def _thing(self, phrase: Phrase) -> Arg:
        label = phrase.label
        key = f"{phrase.type}:{name_key(label)}"
        entity = self.things.setdefault(key, Entity(key=key, label=label, type=phrase.type,
                                                    source="phrase"))
        span = Span(phrase.char_start, phrase.char_end,
                    doc_text(self.doc)[phrase.char_start:phrase.char_end])
        return Arg(entity, span, phrase=phrase)

    def _clitic(self, i: int) -> str:
        m = self.mention_at.get(i)
        if m is not None:
            return m.clitic
        readings = peel(self.keys[i])
        return readings[-1][1] if len(readings) > 1 else ""

    def _has_preposition(self, actor: Actor, clause: Segment) -> bool:
        """Is the actor inside a prepositional phrase (بروسيا، لكوريا، في أوكرانيا)?"""
        clitic = self._clitic(actor.start)
        if any(c in "بلك" for c in clitic):
            # a topic fronted with ل at the clause start (لكوريا الشمالية أولوياتها) is no PP
            return not (actor.start == clause.start and "ل" in clitic)
        prev = actor.start - 1
        if prev < clause.start:
            return False
        if actor.head.rule == "nisba" and any(c in "بلك" for c in self._clitic(prev)):
            return True   # "للمسؤولين الغربيين": the nisba qualifies a noun inside a PP
        return self.keys[prev] in self.lex.prepositions or self.keys[prev] in \
            self.lex.attribution_verbs

    @staticmethod
    def can_act(actor: Actor) -> bool:
        """Cities and places do not act, except capitals standing for their state."""
        return actor.head.entity.type not in ("City", "Place") or actor.head.stands_for is not None

    def actor_list(self, i: int, end: int) -> list[Actor]:
        """Actors from token i on: X, X و Y, "دول مثل X", "المنافسين الغربيين مثل X"."""
        out: list[Actor] = []
        j = i
        while j < end:
            actor = self.actor_at.get(j)
            if actor is None and self._institution(j):
                actor = self.actor_at[j + 1]   # "الحكومة السورية": the state's institution
            if actor is None:
                j2 = self._exemplified(j, end)
                if j2 is None:
                    break
                actor = self.actor_at[j2]
            out.append(actor)
            j = actor.end
            joined = self.lex.phrase_at(self.keys, j, end, self.lex.list_continuers)
            if joined:
                j += joined      # و، ثم، وكذلك، إضافة إلى
                if j in self.actor_at:
                    continue
            if j < end and (j in self.actor_at and self.keys[j].startswith("و")):
                continue
            if j < end and self.keys[j].startswith("و") and self._exemplified(j, end) is not None:
                continue
            break
        return out

    def _institution(self, j: int) -> bool:
        """"الحكومة السورية"، "القوات الروسية": an institution noun, then a state's nisba."""
        nxt = self.actor_at.get(j + 1)
        return j < len(self.keys) and nxt is not None and nxt.head.rule == "nisba" and any(
            stem in self.lex.institution_nouns for stem, _ in peel(self.keys[j]))

    def _exemplified(self, j: int, end: int) -> int | None:
        """"دول مثل الصين" / "المنافسين الغربيين مثل كوريا": the actor the example names."""
        for k in range(j, min(j + 4, end)):
            if k > j and k in self.actor_at and self.actor_at[k].head.rule != "nisba":
                return None
            for ex in self.lex.exemplifiers:
                if tuple(self.keys[k:k + len(ex)]) == ex and k + len(ex) in self.actor_at:
                    return k + len(ex)
        return None

    # ----------------------------------------------------------------- slots
    def _find_marker(self, marker: str, start: int, end: int) -> tuple[int, int] | None:
        """Where the argument after `marker` starts: (token index, proclitic letters to peel).

        A separate word (من، إلى، للحصول على) puts the argument on the next token; a
        one-letter preposition (ل، ب) is attached to the argument's first word (لروسيا)."""
        words = tuple(normalise(marker).split())
        attached = len(words) == 1 and len(words[0]) == 1
        for k in range(start, end):
            if tuple(self.keys[k:k + len(words)]) == words:
                if (self.keys[k], self.keys[k + 1] if k + 1 < end else "") in _COMPOUND_PREPOSITIONS:
                    continue
                return k + len(words), 0
            if not attached:
                continue
            key = self.keys[k]
            if key in self.lex.stop_words or key in self.lex.adverbial_openers:
                continue
            clitic = self._clitic(k)
            if k in self.actor_at and words[0] in clitic:
                return k, 0
            if key.startswith(words[0]) and len(key) > 3 and k not in self.actor_tokens \
                    and k > start:
                return k, 1
        return None

    def members_list(self, match: TriggerMatch, end: int) -> tuple[Arg | None, list[Arg]]:
        """"الدول الأعضاء في الناتو وهي A و B": the group after في, and the members listed."""
        k = match.end + (0 if match.form.endswith("في") else 1)
        if k != match.end and (match.end >= end or self.keys[match.end] != "في"):
            return None, []
        group = self.actor_at.get(k)
        if group is None:
            return None, []
        k = group.end
        while k < end and self.keys[k] in self.lex.list_openers:
            k += 1
        members = self.actor_list(k, end) if k > group.end else []
        return self._arg(group), [self._arg(a) for a in members]

    def read_slot(self, slot: Slot, match: TriggerMatch, clause: Segment, after: int,
                  consumed: set[int]) -> tuple[list[Arg], list[Phrase]]:
        """Arguments of one slot: (actors or things, nested events)."""
        end = clause.end
        marker = slot.marker
        peel_letters = 0
        if marker in ("direct", "genitive"):
            pos = after
        elif marker == "pair":
            pos = None
            for k in range(match.end, min(match.end + 5, end)):
                if self.keys[k] == "بين":
                    pos = k + 1
                    break
            if pos is None:
                return [], []
            actors = self.actor_list(pos, end)
            return ([self._arg(a) for a in actors] if len(actors) >= 2 else []), []
        elif marker in ("nisba", "nisba2"):
            out, k = [], match.end
            while k in self.actor_at and self.actor_at[k].head.rule == "nisba":
                out.append(self._arg(self.actor_at[k]))
                k = self.actor_at[k].end
            return (out if marker == "nisba" or len(out) >= 2 else []), []
        elif marker == "مثل":
            j = match.end
            while j < end and j in self.actor_at and self.actor_at[j].head.rule == "nisba":
                j = self.actor_at[j].end
            for ex in self.lex.exemplifiers:
                if tuple(self.keys[j:j + len(ex)]) == ex:
                    return [self._arg(a) for a in self.actor_list(j + len(ex), end)], []
            return [], []
        else:
            found = self._find_marker(marker, after, end)
            if found is None:
                return [], []
            pos, peel_letters = found
        if pos >= end:
            return [], []
        if slot.kind in ("actor", "any"):
            actors = self.actor_list(pos, end)
            if not actors:
                skipped = self.phrases.skip_openers(pos, end)
                actors = self.actor_list(skipped, end) if skipped != pos else []
            if actors:
                for a in actors:
                    consumed.update(range(a.start, a.end))
                return [self._arg(a) for a in actors], []
            if slot.kind == "actor":
                return [], []
        phrases = self.phrases.read(pos, end, peel_letters=peel_letters)
        things, nested = [], []
        if match.trigger.light == "delegate":   # "توسيع التعاون": the object is an event
            for p in phrases:
                inner = [m for m in token_triggers(self.doc, self.lex, p.start, False)
                         if m.trigger.pos == "noun" and m.trigger.predicate]
                if p.nested is None and inner:
                    p.nested = inner[0]
        for p in phrases:
            consumed.update(range(pos, p.end))
            if p.nested is not None:
                nested.append(p)
            else:
                things.append(self._thing(p))
        return things, nested

    # ----------------------------------------------------------------- agents
    def agent_for(self, match: TriggerMatch, clause: Segment, state: SentenceState,
                  verb: bool) -> tuple[Arg | None, int]:
        """The agent, and the token from which the trigger's objects are read."""
        after = match.end
        quote = self.coref.quote_at(match.start)
        if verb and match.form.startswith("ن") and quote is not None and quote.group is not None:
            speaker = quote.speaker.head
            return Arg(quote.group, Span(speaker.char_start, speaker.char_end, doc_text(self.doc)[
                speaker.char_start:speaker.char_end]),
                f"first person in a quote -> {quote.group.label}"), after
        k = after
        left = [a for a in self.actors if clause.start <= a.start and a.end <= match.start
                and match.start - a.end <= 2 and not self._has_preposition(a, clause)
                and self.can_act(a)]
        if verb and left and all(self.keys[t] in ("قد", "لا", "لم", "لن", "سوف")
                                 for t in range(left[-1].end, match.start)):
            return self._arg(left[-1]), after   # "إن موسكو تدعم": subject before the verb
        while k < clause.end and (self.keys[k] in self.lex.adverbial_openers or self.keys[k] == "غير"):
            k += 1
        if verb and k < clause.end and k not in self.actor_at:
            # "تضم منظمة أوبك", "زار وزير الخارجية السعودي": a type word or a title before
            # the subject's name or nisba
            length = 1 if self.lex.is_type_word(self.keys[k]) or self._institution(k) else \
                _title_length(self.keys, k, self.lex)
            if length and k + length in self.actor_at:
                k += length
        if verb and k in self.actor_at and not self._has_preposition(self.actor_at[k], clause) \
                and self.can_act(self.actor_at[k]):
            actor = self.actor_at[k]
            return self._arg(actor), actor.end
        if not verb and after in self.actor_at and not any(c in "بلك" for c in self._clitic(after)):
            actor = self.actor_at[after]
            if match.trigger.predicate not in SYMMETRIC and not self._genitive_is_object(match):
                return self._arg(actor), actor.end
        if not verb and match.definite and self._possessive(match):
            owner = [a for a in self.actors if a.end <= match.start and self.can_act(a)]
            if owner:
                return self._arg(owner[-1], f"possessive pronoun on {self.doc[match.start].text}"
                                            f" -> {owner[-1].head.entity.label}"), after
        before = [a for a in self.actors
                  if clause.start <= a.start and a.end <= match.start
                  and not self._has_preposition(a, clause) and self.can_act(a)]
        if before:
            return self._arg(before[-1]), after
        first = self.keys[clause.start]
        if first in self.lex.relative_pronouns and state.last_clause_actors:
            ante = state.last_clause_actors[-1]
            return self._arg(ante, f"relative pronoun {self.doc[clause.start].text} -> "
                                   f"{ante.head.entity.label}"), after
        if state.last_agent is not None and state.agent_age <= _MAX_AGENT_AGE and (
                first in self.lex.pronoun_subjects or self._continues_agent(match, clause)):
            how = "pronoun" if first in self.lex.pronoun_subjects else "dropped subject"
            a = state.last_agent
            return Arg(a.entity, a.span, f"{how} -> {a.entity.label}"), after
        return None, after

    def _continues_agent(self, match: TriggerMatch, clause: Segment) -> bool:
        """A dropped subject is only read where Arabic drops it: a clause that opens with the
        trigger (after و، قد، أولاً:) or a continuation such as من خلال / بما في ذلك."""
        k = clause.start
        while k < match.start and (self.keys[k] in self.lex.clause_openers
                                   or self.keys[k] in CONJUNCTION_ONLY):
            k += 1
        if k == match.start:
            return True
        return any(tuple(self.keys[match.start - len(c):match.start]) == c
                   for c in self.lex.agent_continuations)

    def _possessive(self, match: TriggerMatch) -> bool:
        """Does the trigger noun carry a third-person possessive suffix (دعمها، علاقاته)?"""
        word = self.keys[match.start]
        return word.endswith(("ها", "هم", "هما")) or (word.endswith("ه") and not any(
            stem == match.form or stem == "ال" + match.form for stem, _ in peel(word)))

    def _genitive_is_object(self, match: TriggerMatch) -> bool:
        """For a noun with both a genitive and a ل-slot (دعم روسيا لأوكرانيا) the genitive is
        the agent; with only a genitive slot of kind any (دعم أوكرانيا), it is the object."""
        markers = {s.marker for s in match.trigger.slots}
        return "genitive" in markers and not ({"ل", "إلى"} & markers and self._find_marker(
            "ل", match.end, min(match.end + 8, len(self.keys))) is not None)

    # ----------------------------------------------------------------- modality
    def modality(self, match: TriggerMatch, sentence: Segment, clause: Segment) -> str:
        keys = self.keys
        window = keys[max(clause.start, match.start - 3):match.start]
        if not any(" ".join(n) in " ".join(keys[max(clause.start, match.start - 3):match.start + 1])
                   for n in self.lex.not_negation):
            if any(w in ("لم", "لا", "لن", "ليس", "ليست", "عدم") for w in window[-2:]):
                return "negated"
        if any(w in ("قد", "ربما", "لعل") for w in window[-2:]):
            return "possible"
        before = " ".join(keys[sentence.start:match.start])
        for hedge in self.lex.hedges:
            phrase = " ".join(hedge)
            if len(hedge) > 1 or hedge[0] not in ("قد", "ربما", "لعل"):
                if f" {phrase} " in f" {before} ":
                    return "possible"
        return "asserted"

    # ----------------------------------------------------------------- emission
    def emit(self, subject: Arg, predicate: str, obj: Arg, match: TriggerMatch, sentence: int,
             seg: Segment, rule: str, modality: str, confidence: float,
             state: SentenceState) -> None:
        if subject.group or obj.group:   # "الطرفين": the statement holds for each party
            for s in subject.group or [subject]:
                for o in obj.group or [obj]:
                    self.emit(s, predicate, o, match, sentence, seg, rule, modality,
                              confidence, state)
            return
        if subject.entity.key == obj.entity.key or not predicate:
            return
        s, o = subject, obj
        if predicate in SYMMETRIC and s.entity.key > o.entity.key:
            s, o = o, s
        key = (sentence, s.entity.key, predicate, o.entity.key, modality)
        if key in self._seen:
            return
        self._seen.add(key)
        if modality == "possible":
            confidence = round(confidence * 0.6, 3)
        elif modality == "negated":
            confidence = round(confidence * 0.8, 3)
        resolution = tuple((role, a.resolution) for role, a in (("subject", s), ("object", o))
                           if a.resolution)
        attribution = state.attribution.key if state.attribution else ""
        quote = self.coref.quote_at(match.start)
        if quote is not None and quote.speaker is not None:
            speaker = quote.speaker.head.entity
            attribution = speaker.key
            resolution += (("attribution", f"quoted: {speaker.label}"),)
        if resolution:
            confidence = round(confidence * 0.85, 3)
        trig = self.doc[match.start:match.end]
        self.statements.append(Statement(
            subject=s.entity.key, predicate=predicate, object=o.entity.key, doc_id=self.doc_id,
            sentence=sentence, quote=Span(seg.char_start, seg.char_end,
                                          doc_text(self.doc)[seg.char_start:seg.char_end]),
            trigger=Span(trig.start_char, trig.end_char, trig.text),
            subject_span=s.span, object_span=o.span, rule=rule, confidence=confidence,
            modality=modality, attribution=attribution, time=state.time, resolution=resolution))

    # ----------------------------------------------------------------- triggers
    def _is_verb(self, match: TriggerMatch) -> bool:
        """A verb keeps its reading with an object pronoun (يقدمه); the article makes a noun."""
        pos = match.trigger.pos
        return pos in ("verb", "particle") and (not match.definite or match.suffix)

    def _choose(self, matches: list[TriggerMatch], i: int, clause: Segment) -> TriggerMatch | None:
        """Pick one reading when a word is both a verb and a noun (طلب، دعم، قطع)."""
        if not matches:
            return None
        longest = [m for m in matches if m.end - m.start == matches[0].end - matches[0].start]
        kinds = {m.trigger.pos for m in longest}
        if len(kinds) == 1 or len(longest) == 1:
            return longest[0]
        prev = self.keys[i - 1] if i - 1 >= clause.start else ""
        nounish = longest[0].definite or prev in self.lex.prepositions or prev in \
            self.lex.demonstratives or prev in ("ذلك",) or (
                i - 1 >= clause.start and (i - 1) in self.actor_tokens and prev.startswith("ل"))
        verbish = (not nounish) and longest[0].end in self.actor_at
        for m in longest:
            if verbish and m.trigger.pos == "verb":
                return m
            if not verbish and m.trigger.pos != "verb":
                return m
        return longest[0]

    def process_trigger(self, match: TriggerMatch, sentence: int, sent: Segment, clause: Segment,
                        state: SentenceState, consumed: set[int], agent_override: dict[int, Arg],
                        previous_agent: Arg | None) -> Arg | None:
        trig = match.trigger
        if match.end < clause.end and self.keys[match.end] in self.lex.passive_markers:
            return None
        nxt = set(self.keys[match.end:match.end + 2])
        if trig.blocked_by_next & nxt:
            return None
        verb = self._is_verb(match)
        if match.start in agent_override:
            agent, after = agent_override[match.start], match.end
        else:
            agent, after = self.agent_for(match, clause, state, verb)
            if agent is not None and agent.resolution and previous_agent is not None \
                    and self.keys[match.start].startswith("و"):
                agent = Arg(previous_agent.entity, previous_agent.span,
                            f"coordinated with the previous trigger -> {previous_agent.entity.label}")
        modality = self.modality(match, sent, clause)
        base_conf = 0.9 if agent is not None and not agent.resolution else 0.8
        if trig.pos == "include":
            self._include(match, sentence, sent, clause, state, consumed, modality)
            return agent
        roles: dict[str, list[Arg]] = {}      # role, or the slot's own predicate -> arguments
        confidence: dict[str, float] = {}     # a slot's own confidence, by the same key
        nested_all: list[Phrase] = []
        filled_object = False
        direct_actor = False
        last_object_end: int | None = None
        for slot in trig.slots:
            if slot.only_forms and match.form not in slot.only_forms:
                continue
            if slot.requires and not any(r in self.keys[clause.start:clause.end]
                                         or any(k.startswith(r) for k in
                                                self.keys[clause.start:clause.end])
                                         for r in slot.requires):
                continue
            if slot.only_when_direct_actor and not direct_actor:
                continue
            if slot.needs_agent and (agent is None or agent.resolution):
                continue   # "الأزمة في أوكرانيا" names one party; the other must be explicit
            if slot.role == "object" and filled_object and slot.kind == "thing":
                continue
            if slot.marker == "genitive" and (verb or match.definite):
                continue   # a genitive (idafa) follows only an indefinite noun: طلب المساعدة
            if slot.marker == "members_list":
                group, members = self.members_list(match, clause.end)
                if group is not None and members:
                    roles["group"], roles["members"] = [group], members
                continue
            if slot.marker == "object_nisba":
                # "بيع الأسلحة الأمريكية": the nationality of the thing names its provider
                if last_object_end is not None and last_object_end in self.actor_at and \
                        self.actor_at[last_object_end].head.rule == "nisba":
                    agent = self._arg(self.actor_at[last_object_end])
                continue
            if slot.marker == "owner":
                if last_object_end is not None and last_object_end in self.actor_at and \
                        "ل" in self._clitic(last_object_end):
                    roles.setdefault(slot.predicate or slot.role, []).append(
                        self._arg(self.actor_at[last_object_end]))
                    confidence[slot.predicate or slot.role] = slot.confidence
                continue
            if slot.marker == "direct" and trig.pos == "noun":
                continue
            args, nested = self.read_slot(slot, match, clause, after, consumed)
            if slot.kind == "any" and slot.marker in ("direct", "genitive") and args and \
                    args[0].phrase is None and "ب" in {s.marker for s in trig.slots}:
                direct_actor = True
                roles.setdefault("recipient", []).extend(args)
                continue
            if slot.kind == "thing":
                args = [a for a in args if a.phrase is not None]
            if (slot.predicate or trig.predicate) in self.lex.resource_predicates:
                # things sought, given or built are resources (arms, aid, goods, programmes)
                args = [a for a in args if a.phrase is None
                        or self.lex.is_resource(a.phrase.words[0].norm)]
            if slot.role == "object" and args and args[-1].phrase is not None:
                last_object_end = args[-1].phrase.end
            if nested and trig.light == "delegate" and agent is not None:
                for p in nested:
                    agent_override[p.nested.start] = agent
                    nested_all.append(p)
            if args:
                if slot.role == "object":
                    filled_object = True
                key = slot.predicate or slot.role
                roles.setdefault(key, []).extend(args)
                if slot.confidence:
                    confidence[key] = slot.confidence
        if trig.light == "block":   # "فرضت X عقوبات": the inner trigger is this one's object
            consumed.update(range(match.end, min(after + 2, clause.end)))
        if verb and trig.predicate in SYMMETRIC and agent is not None and after > match.end \
                and not agent.group and not roles.get("partner") and not roles.get("parties") \
                and state.last_agent is not None and state.last_agent.entity.key != agent.entity.key:
            # "والتقى الرئيس الأوكراني": a dropped subject meets the named one
            last = state.last_agent
            roles["partner"] = [agent]
            agent = Arg(last.entity, last.span, f"dropped subject -> {last.entity.label}")
        self._emit_roles(match, agent, roles, confidence, sentence, sent, state, modality,
                         base_conf)
        for p in nested_all:
            consumed.discard(p.nested.start)   # the nested trigger is read in its own turn
        return agent

    def _emit_roles(self, match: TriggerMatch, agent: Arg | None, roles: dict[str, list[Arg]],
                    confidence: dict[str, float], sentence: int, sent: Segment,
                    state: SentenceState, modality: str, base_conf: float) -> None:
        """Turn the arguments read for one trigger into statements."""
        trig, pred = match.trigger, match.trigger.predicate

        def emit(s: Arg, p: str, o: Arg, conf: float = base_conf) -> None:
            self.emit(s, p, o, match, sentence, sent, trig.id, modality, conf, state)
        if pred in SYMMETRIC and trig.pos != "rival":
            parties = roles.get("parties", [])
            partners = roles.get("partner", [])
            if len(parties) >= 2:
                for x in range(len(parties)):
                    for y in range(x + 1, len(parties)):
                        emit(parties[x], pred, parties[y])
            if agent is not None and agent.group and not partners and len(parties) < 2:
                members = agent.group            # "اتفق البلدان على التعاون": between them
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        emit(members[x], pred, members[y])
                return
            first = agent if agent is not None else (parties[0] if len(parties) == 1 else None)
            if first is not None:
                for p in partners:
                    emit(first, pred, p)
            return
        if trig.pos == "rival":
            members = roles.get("members", [])
            for partner in roles.get("partner", []):
                for member in members:
                    emit(member, pred, partner, 0.8)
            return
        if trig.inverse:
            group = roles["group"][0] if roles.get("group") else agent
            if group is not None:
                for member in roles.get("members", []):
                    emit(member, pred, group, 0.8)
            return
        if agent is None:
            return
        for obj in roles.get("object", []):
            emit(agent, pred, obj)
        for role, args in roles.items():
            if role in ("object", "recipient", "exchange", "partner", "parties", "members",
                        "group"):
                continue
            for a in args:
                emit(agent, role, a, confidence.get(role, base_conf))
        if roles.get("object") or roles.get("exchange"):
            for r in roles.get("recipient", []):   # giving something to X supports X
                emit(agent, "supports", r, 0.6)
        for thing in roles.get("exchange", []):
            emit(agent, "seeks", thing, 0.7)
            for r in roles.get("recipient", []):
                emit(r, "provides", thing, 0.6)

    def _include(self, match, sentence, sent, clause, state, consumed, modality) -> None:
        """"وتشمل هذه المساعدة X و Y": X and Y are more of what an earlier statement named."""
        k = match.end
        while k < clause.end and self.keys[k] in self.lex.demonstratives:
            k += 1
        if k >= clause.end:
            return
        noun = self.keys[k]
        noun = noun[2:] if noun.startswith("ال") else noun
        antecedent = None
        for st in reversed(self.statements):
            head = normalise(self.things.get(st.object, Entity("", "", "")).label.split(" ")[0]) \
                if st.object in self.things else ""
            head = head[2:] if head.startswith("ال") else head
            if head and head == noun:
                antecedent = st
                break
        if antecedent is None:
            return
        subject = Arg(self._entity(antecedent.subject), antecedent.subject_span,
                      f"{self.doc[k].text} -> what {self._entity(antecedent.subject).label} "
                      f"{antecedent.predicate} ({self._entity(antecedent.object).label})")
        phrases = self.phrases.read(k + 1, clause.end)
        for p in phrases:
            consumed.update(range(k, p.end))
            if p.nested is not None:
                nested_pred = p.nested.trigger.predicate
                objects = self.phrases.read(p.nested.end, clause.end, allow_nested=False)
                for o in objects:
                    self.emit(subject, nested_pred, self._thing(o), p.nested, sentence, sent,
                              p.nested.trigger.id + "+include", antecedent.modality
                              if modality == "asserted" else modality, 0.7, state)
            else:
                self.emit(subject, antecedent.predicate, self._thing(p), match, sentence, sent,
                          "include", antecedent.modality if modality == "asserted" else modality,
                          0.7, state)

    def _entity(self, key: str) -> Entity:
        for m in self.mentions:
            if m.entity.key == key:
                return m.entity
            if m.stands_for is not None and m.stands_for.key == key:
                return m.stands_for
        return self.things.get(key) or Entity(key=key, label=key, type="Other")

    # ----------------------------------------------------------------- structure
    def structural(self, sentence: int, seg: Segment, state: SentenceState) -> None:
        """leaderOf from titles, locatedIn from place + nisba, capitalOf from عاصمة."""
        for actor in self.actors:
            if not (seg.start <= actor.start < seg.end):
                continue
            head = actor.head
            if actor.title and actor.affiliation is not None and head.entity.type == "Person":
                aff = actor.affiliation
                self._person_role(head, actor, aff)
                if actor.head_title:
                    m = TriggerMatch(_TITLE, actor.start, aff.start, "title", "", False)
                    self.emit(self._arg(actor, metonymy=False), "leaderOf",
                              Arg(aff.entity, Span(aff.char_start, aff.char_end,
                                                   doc_text(self.doc)[aff.char_start:aff.char_end])),
                              m, sentence, seg, "title.head+affiliation", "asserted", 0.95, state)
                elif aff.entity.type == "Organisation":
                    # "المتحدث باسم البيت الأبيض جون إيرنست", "عضو مجلس الشورى": a title in an
                    # organisation that does not head it makes its holder a member
                    m = TriggerMatch(_MEMBER, actor.start, aff.start, "title", "", False)
                    self.emit(self._arg(actor, metonymy=False), "memberOf",
                              Arg(aff.entity, Span(aff.char_start, aff.char_end,
                                                   doc_text(self.doc)[aff.char_start:aff.char_end])),
                              m, sentence, seg, "title.member+affiliation", "asserted", 0.85,
                              state)
            elif actor.title and actor.head_title and head.entry is not None \
                    and head.entry.leader_of in self.gaz.by_qid and head.entry.role_ar \
                    and normalise(actor.title) == normalise(head.entry.role_ar):
                self._leads_listed_state(actor, actor.start, head.start, "title.head+gazetteer",
                                         "title + gazetteer: the state this leader heads",
                                         sentence, seg, state)
            elif not actor.title and self._titled_name(head):
                self._leads_listed_state(actor, head.start, head.end, "name-title+gazetteer",
                                         "a name with its title + gazetteer: the state this "
                                         "leader heads", sentence, seg, state)
        for m in self.mentions:
            if not (seg.start <= m.start < seg.end):
                continue
            nxt = self.mention_at.get(m.end)
            # a listed or model-found place or organisation, or a name after a place word
            # (مدينة أفيون التركية); a name guessed after an organisation word is too unsure
            located = m.rule in ("name", "ner") or (m.rule == "title" and m.entity.type in
                                                    ("City", "Place"))
            if m.entity.type in ("City", "Place", "Organisation") and located \
                    and nxt is not None and nxt.rule == "nisba" and nxt.entity.type == "State":
                tm = TriggerMatch(_LOCATED, nxt.start, nxt.end, "nisba", "", False)
                self.emit(Arg(m.entity, self._span(m)), "locatedIn",
                          Arg(nxt.entity, self._span(nxt)), tm, sentence, seg,
                          "place+nisba", "asserted", 0.9, state)
            if m.entity.type == "Organisation" and m.rule == "name":
                place = place_in_name(self.doc, m, self.gaz)
                if place is not None:
                    # the place is inside the name, not a mention of its own: give it a label
                    self.things.setdefault(place.entity.key, place.entity)
                    tm = TriggerMatch(_LOCATED_NAME, place.start, place.end, "في", "", False)
                    self.emit(Arg(m.entity, self._span(m)), "locatedIn",
                              Arg(place.entity, self._span(place)), tm, sentence, seg,
                              "name+place", "asserted", 0.9, state)
        self._capitals(sentence, seg, state)

    def _capitals(self, sentence: int, seg: Segment, state: SentenceState) -> None:
        for k in range(seg.start, seg.end):
            stem = normalise(self.keys[k])
            if stem not in ("عاصمه", "العاصمه") and not any(
                    s in ("عاصمه", "العاصمه") for s, _ in peel(stem)):
                continue
            nxt = self.mention_at.get(k + 1)
            prev = next((m for m in self.mentions if m.end == k and m.entity.type == "City"), None)
            if nxt is None:
                continue
            city, state_m = None, None
            if nxt.entity.type == "State":
                state_m = nxt
                after = self.mention_at.get(nxt.end)
                city = prev or (after if after is not None and after.entity.type == "City" else None)
            if city is None or state_m is None:
                continue
            tm = TriggerMatch(_CAPITAL, k, k + 1, "عاصمة", "", False)
            self.emit(Arg(city.entity, self._span(city)), "capitalOf",
                      Arg(state_m.entity, self._span(state_m)), tm, sentence, seg,
                      "capital", "asserted", 0.9, state)

    def _leads_listed_state(self, actor: Actor, start: int, end: int, rule: str, note: str,
                            sentence: int, seg: Segment, state: SentenceState) -> None:
        """leaderOf the state the gazetteer says the actor's head leads, with the title at
        tokens [start, end) as its trigger; the state may not be named in the document, so it
        gets its label here."""
        head = actor.head
        state_entity = self.gaz.by_qid[head.entry.leader_of].entity()
        self.things.setdefault(state_entity.key, state_entity)
        m = TriggerMatch(_TITLE, start, end, "title", "", False)
        self.emit(self._arg(actor, metonymy=False), "leaderOf",
                  Arg(state_entity, self._span(head), note),
                  m, sentence, seg, rule, "asserted", 0.7, state)

    def _titled_name(self, head: Mention) -> bool:
        """A listed leader named with the title of the office the gazetteer gives him, the
        title inside the name matched (الملك سلمان، خادم الحرمين الشريفين الملك سلمان), or by
        a name that is all title (خادم الحرمين الشريفين: no word of his name), and not as the
        namesake of an institution (مستشفى الملك فهد، مركز الملك سلمان للإغاثة)."""
        entry = head.entry
        if head.entity.type != "Person" or entry is None or not entry.role_ar \
                or entry.leader_of not in self.gaz.by_qid:
            return False
        words = normalise(doc_text(self.doc)[head.char_start:head.char_end]).split()
        role = normalise(entry.role_ar).split()
        titled = any(words[k:k + len(role)] == role for k in range(len(words))) or \
            not set(words) & set(normalise(entry.ar).split())
        if not titled or head.start == 0:
            return False
        before, heads = self.keys[head.start - 1], chunk_heads()
        namesake = before.isalpha() and not before.startswith(("ال", "وال")) and \
            not head.clitic and (lemma(before) in heads.actor or lemma(before) in heads.thing)
        return not namesake

    def _person_role(self, head: Mention, actor: Actor, aff: Mention) -> None:
        entity = head.entity
        title = f"{actor.title} {doc_text(self.doc)[aff.char_start:aff.char_end]}".strip()
        self.people[entity.key] = replace(entity, job_title=entity.job_title or title,
                                          affiliation=entity.affiliation or aff.entity.key)

    def _span(self, m: Mention) -> Span:
        return Span(m.char_start, m.char_end, doc_text(self.doc)[m.char_start:m.char_end])

    # ----------------------------------------------------------------- sentence context
    def _attribution_and_time(self, sent: Segment, state: SentenceState) -> None:
        keys, preps = self.keys, self.lex.attribution_preps_by_first
        for k in range(sent.start, sent.end):
            if k in self.actor_tokens:
                continue   # a name is no speech verb: كيري is not ك + يرى
            for stem, _ in peel(keys[k]):
                if any(len(p) == 1 or tuple(keys[k + 1:k + len(p)]) == p[1:]
                       for p in preps.get(stem, ())) or stem in self.lex.attribution_verbs:
                    j = k + 1
                    while j < sent.end and j not in self.actor_at and j - k <= 2:
                        j += 1
                    actor = self.actor_at.get(j)
                    if actor is not None and state.attribution is None:
                        state.attribution = self._arg(actor).entity
            if _YEAR.match(keys[k]) and not state.time:
                state.time = keys[k]

    def read(self) -> list[Statement]:
        for index, sent in enumerate(sentences(self.doc)):
            # a dropped subject is resolved within its sentence; a pronoun subject (وهو، هي)
            # opening the next sentence may still reach back to the last agent
            carry = self.keys[sent.start] in self.lex.pronoun_subjects
            state = SentenceState(last_agent=self.discourse_agent if carry else None)
            self._attribution_and_time(sent, state)
            self.sentence_context[index] = (state.attribution, state.time)
            self.structural(index, sent, state)
            for clause in clauses(self.doc, sent):
                self._clause(index, sent, clause, state)
            self.discourse_agent = state.last_agent
        return self.statements

    def _clause(self, index: int, sent: Segment, clause: Segment, state: SentenceState) -> None:
        consumed: set[int] = set()
        agent_override: dict[int, Arg] = {}
        clause_agent: Arg | None = None
        previous_agent: Arg | None = None
        first = self.keys[clause.start]
        if first in self.lex.continuation_openers and state.last_trigger is not None \
                and state.last_trigger_agent is not None:
            cont = state.last_trigger
            fake = TriggerMatch(cont.trigger, clause.start, clause.start + 1, cont.form,
                                cont.clitic, cont.definite, cont.suffix)
            agent_override[clause.start] = state.last_trigger_agent
            self.process_trigger(fake, index, sent, clause, state, consumed, agent_override, None)
        i = clause.start
        while i < clause.end:
            if i in consumed or (i in self.actor_tokens and i not in agent_override):
                i += 1
                continue
            match = self._choose(token_triggers(self.doc, self.lex, i), i, clause)
            if match is None:
                i += 1
                continue
            agent = self.process_trigger(match, index, sent, clause, state, consumed,
                                         agent_override, previous_agent)
            if agent is not None and match.trigger.predicate:
                previous_agent = agent
                state.last_trigger, state.last_trigger_agent = match, agent
                if clause_agent is None:
                    clause_agent = agent
            i = match.end
        subjects = [a for a in self.actors if clause.start <= a.start < clause.end
                    and not self._has_preposition(a, clause) and self.can_act(a)]
        state.agent_age += 1
        if clause_agent is not None:
            state.last_agent = clause_agent
            if not clause_agent.resolution:
                state.agent_age = 0
        elif subjects:
            state.last_agent, state.agent_age = self._arg(subjects[0]), 0
        elif self.actors and clause.start in self.actor_at and "ل" in self._clitic(clause.start):
            # "لكوريا الشمالية أولوياتها": a topic fronted with ل
            state.last_agent, state.agent_age = self._arg(self.actor_at[clause.start]), 0
        state.last_clause_actors = [a for a in self.actors if clause.start <= a.start < clause.end]


def _title_length(keys: list[str], k: int, lex: Lexicon) -> int:
    return match_title(keys, k, lex.person_titles)[0]


def _pseudo(predicate: str, rid: str) -> Trigger:
    """A trigger record for structural patterns (titles, nisba, عاصمة), for provenance."""
    return Trigger(id=rid, predicate=predicate, pos="structure", forms=(), slots=())


_TITLE = _pseudo("leaderOf", "title")
_LOCATED = _pseudo("locatedIn", "place+nisba")
_LOCATED_NAME = _pseudo("locatedIn", "name+place")
_MEMBER = _pseudo("memberOf", "title")
_CAPITAL = _pseudo("capitalOf", "capital")
