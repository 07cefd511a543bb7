"""The extractor's word lists, loaded from data files and normalised once.

`extract/data/lexicon/relations.json` holds the trigger lexicon (one entry per trigger family,
with the slots its arguments are read from); `function_words.json` the closed-class words
(prepositions, hedges, negators, attribution cues); titles and type words come from the
gazetteer's `titles.json`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from extract.morph import lemma, proclitics
from extract.normalize import normalise, peel

DATA = Path(str(resources.files("extract") / "data"))
_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه", "نا", "كم")


def by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases indexed by their first word, in their listed order."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


@dataclass(frozen=True)
class Slot:
    marker: str
    role: str
    kind: str
    predicate: str = ""           # overrides the trigger's predicate for this slot
    requires: tuple[str, ...] = ()
    only_forms: tuple[str, ...] = ()
    confidence: float = 0.0
    needs_agent: bool = False
    only_when_direct_actor: bool = False


@dataclass(frozen=True)
class Trigger:
    id: str
    predicate: str
    pos: str
    forms: tuple[tuple[str, ...], ...]
    slots: tuple[Slot, ...]
    light: str = ""
    inverse: bool = False
    blocked_by_next: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TriggerMatch:
    trigger: Trigger
    start: int          # token index
    end: int
    form: str           # the normalised form matched
    clitic: str
    definite: bool      # the trigger word has the article or a pronoun suffix (no genitive)
    suffix: bool = False  # the definiteness comes from an attached pronoun (دعمها، يقدمه)


def _words(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).split())


def _norm_list(values: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({_words(v) for v in values if _words(v)}, key=lambda w: (-len(w), w)))


class Lexicon:
    """All word lists, normalised; built once per process by `default()`."""

    def __init__(self, folder: Path = DATA):
        rel = json.loads((folder / "lexicon" / "relations.json").read_text(encoding="utf-8"))
        fw = json.loads((folder / "lexicon" / "function_words.json").read_text(encoding="utf-8"))
        titles_path = folder / "gazetteer" / "titles.json"
        titles = json.loads(titles_path.read_text(encoding="utf-8")) if titles_path.exists() else {}
        self.triggers = [self._trigger(t) for t in rel["triggers"]]
        self.resource_predicates = set(rel.get("resource_predicates", []))
        self.trigger_index: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}
        for trig in self.triggers:
            for form in trig.forms:
                self.trigger_index.setdefault(form[0], []).append((form, trig))
        for bucket in self.trigger_index.values():
            bucket.sort(key=lambda item: -len(item[0]))
        # one-word forms by lemma key too, so that a form listed once matches its inflections
        # (اجتماع: اجتماعا، واجتماعه، اجتماعات), keeping the part of speech of the listed form
        self.lemma_index: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}
        for trig in self.triggers:
            for form in trig.forms:
                if len(form) == 1 and len(lemma(form[0])) >= 3:
                    bucket = self.lemma_index.setdefault(lemma(form[0]), [])
                    if all(t.id != trig.id for _, t in bucket):
                        bucket.append((form, trig))
        single = {k: {w[0] for w in _norm_list(v)} for k, v in fw.items() if isinstance(v, list)}
        self.stop_words = single["stop_words"] | single["prepositions"]
        self.prepositions = single["prepositions"]
        self.hedges = _norm_list(fw["hedges"])
        self.negators = _norm_list(fw["negators"])
        self.not_negation = _norm_list(fw["not_negation"])
        self.attribution_preps = _norm_list(fw["attribution_prepositions"])
        # the same by first word, and the phrases that mark negation or hedging: a sentence's
        # words are looked up, not the lists scanned at every token
        self.attribution_preps_by_first = by_first_word(self.attribution_preps)
        self.not_negation_by_first = by_first_word(self.not_negation)
        self.hedge_phrases_by_first = by_first_word(tuple(p for p in self.hedges if len(p) >= 2))
        self.attribution_verbs = single["attribution_verbs"]
        self.light_nouns = _norm_list(fw["light_nouns"])
        self.demonstratives = single["demonstratives"]
        self.relative_pronouns = single["relative_pronouns"]
        self.pronoun_subjects = single["pronoun_subjects"]
        self.adverbial_openers = single["adverbial_openers"]
        self.passive_markers = single["passive_markers"]
        self.exemplifiers = _norm_list(fw["exemplifiers"])
        self.continuation_openers = single["continuation_openers"]
        self.year_words = single["year_words"]
        res = json.loads((folder / "lexicon" / "resources.json").read_text(encoding="utf-8"))
        self.resources = {normalise(w) for key, words in res.items() if not key.startswith("_")
                          for w in words}
        self.non_adjective_i = single["non_adjective_i"]
        self.list_openers = single["list_openers"]
        self.institution_nouns = single["institution_nouns"]
        self.agent_continuations = _norm_list(fw["agent_continuations"])
        self.clause_openers = single["clause_openers"]
        self.list_continuers = _norm_list(fw["list_continuers"])
        self.list_joiners = _norm_list(fw["list_joiners"])
        self.patronymic_links = single["patronymic_links"]
        self.led_by = single["led_by"]
        recurring = folder / "lexicon" / "recurring_actors.json"
        self.recurring_actors: frozenset[str] = frozenset(json.loads(recurring.read_text(
            encoding="utf-8"))["phrases"] if recurring.exists() else ())
        self._load_titles(titles)

    def _load_titles(self, titles: dict) -> None:
        def listed(value) -> dict[str, str]:
            if isinstance(value, dict):
                return {k: v for k, v in value.items() if not k.startswith("_")}
            return {v: "" for v in value or []}
        person = {**listed(titles.get("person_titles", [])),
                  **listed(titles.get("title_roles", []))}
        head = listed(titles.get("head_titles", []))
        self.person_titles = _norm_list(list(person) + list(head))
        #: first words of the person titles: where a title may start (chunks, patronyms)
        self.title_first_words = frozenset(words[0] for words in self.person_titles)
        self.head_titles = set(_norm_list(list(head)))
        self.title_types: dict[tuple[str, ...], str] = {}
        for group, default_type in (("org_types", "Organisation"), ("place_types", "Place")):
            for word, etype in listed(titles.get(group, [])).items():
                self.title_types[_words(word)] = etype if isinstance(etype, str) and etype \
                    else default_type
        self.type_words = tuple(sorted(self.title_types, key=lambda w: (-len(w), w)))
        admin = listed(titles.get("administration_words", {"إدارة": "administration",
                                                            "حكومة": "government"}))
        self.administration_words = {normalise(k): v or "administration" for k, v in admin.items()}

    @staticmethod
    def _trigger(raw: dict) -> Trigger:
        slots = tuple(Slot(marker=s["marker"], role=s["role"], kind=s["kind"],
                           predicate=s.get("predicate", ""),
                           requires=tuple(normalise(r) for r in s.get("requires", [])),
                           only_forms=tuple(normalise(f) for f in s.get("only_forms", [])),
                           confidence=s.get("confidence", 0.0),
                           needs_agent=s.get("needs_agent", False),
                           only_when_direct_actor=s.get("only_when_direct_actor", False))
                      for s in raw["slots"])
        forms = list(raw["forms"])
        if raw["pos"] == "verb":   # first person plural (ندعم، نسعى) from the 3rd person forms
            forms += ["ن" + f[1:] for f in forms if f[:1] in "يت" and len(f) > 3]
        return Trigger(id=raw["id"], predicate=raw["predicate"], pos=raw["pos"],
                       forms=_norm_list(forms), slots=slots, light=raw.get("light", ""),
                       inverse=raw.get("inverse", False),
                       blocked_by_next=frozenset(normalise(w) for w in raw.get("blocked_by_next", [])))

    def type_of_title(self, words: list[str]) -> str:
        return self.title_types.get(tuple(words), "Person")

    def is_resource(self, head: str) -> bool:
        """Is `head` (normalised) the head of a thing that can be sought or provided?"""
        bare = head[2:] if head.startswith("ال") and len(head) > 3 else head
        return bare in self.resources or any(
            bare.endswith(suffix) and bare[:-len(suffix)] in self.resources
            for suffix in _PRONOUN_SUFFIXES)

    def is_type_word(self, word: str) -> bool:
        return (word,) in self.title_types

    def is_head_title(self, words: list[str]) -> bool:
        return tuple(words) in self.head_titles

    def is_trigger_word(self, word: str) -> bool:
        return any(r[0] in self.trigger_index for r in _readings(word)) or \
            lemma(word) in self.lemma_index

    @staticmethod
    def phrase_at(keys: list[str], i: int, end: int,
                  phrases: tuple[tuple[str, ...], ...]) -> int:
        """The length of the first of `phrases` (listed longest first) that the words
        keys[i:end] start with, or 0."""
        for phrase in phrases:
            n = len(phrase)
            if i + n <= end and tuple(keys[i:i + n]) == phrase:
                return n
        return 0

    def match_triggers(self, keys: list[str], i: int,
                       ta_marbuta: bool = False) -> list[TriggerMatch]:
        """Triggers whose form starts at token i, longest form first. `ta_marbuta`: the
        word ends in ة, so its final ه (after normalisation) is no pronoun suffix (وفرة)."""
        out = []
        for stem, clitic, definite, suffix in _readings(keys[i], ta_marbuta):
            for form, trig in self.trigger_index.get(stem, ()):
                if tuple(keys[i + 1:i + len(form)]) == form[1:]:
                    out.append(TriggerMatch(trig, i, i + len(form), " ".join(form), clitic,
                                            definite, suffix))
        if not out:
            key = lemma(keys[i])
            for form, trig in self.lemma_index.get(key, ()):
                clitic = proclitics(keys[i])
                stem = keys[i][len(clitic):]
                suffix = not ta_marbuta and stem != form[0] and stem.endswith(_PRONOUN_SUFFIXES)
                out.append(TriggerMatch(trig, i, i + 1, form[0], clitic,
                                        stem.startswith("ال") or suffix, suffix))
        out.sort(key=lambda m: -(m.end - m.start))
        return out


@lru_cache(maxsize=100_000)
def _readings(word: str, ta_marbuta: bool = False) -> tuple[tuple[str, str, bool, bool], ...]:
    """(stem, clitics, definite, suffix) readings: proclitics peeled, article and pronoun
    suffix off."""
    out = []
    for stem, clitic in peel(word):
        out.append((stem, clitic, False, False))
        bare = stem[2:] if stem.startswith("ال") and len(stem) > 3 else ""
        if bare:
            out.append((bare, clitic, True, False))
        for suffix in _PRONOUN_SUFFIXES:
            if ta_marbuta and suffix == "ه":
                continue
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                out.append((stem[:-len(suffix)], clitic, True, True))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def default() -> Lexicon:
    return Lexicon()
