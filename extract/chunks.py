"""Noun phrases that name actors and things no gazetteer or NER model lists.

News names most of its actors with common nouns: "الغرفة التجارية الإيرانية", "الحكومة
الشرعية", "الفصائل الإسلامية", "المجتمع الدولي", "مجلس الشورى"; and what is sought, given or
developed is a noun phrase too: "مساعداتها المالية", "برنامجها النووي". A chunk starts at a
word whose lemma heads such phrases in the annotated articles (`data/lexicon/heads.json`, mined
by `tools/mine_heads.py`) and runs, head first as Arabic noun phrases do, over what can follow a
head: words with the article (genitives and adjectives), nisba adjectives, names, a coordinated
definite word (التجارة والصناعة), and an indefinite word that a definite genitive follows
(قوات حفظ السلام). Prepositions, function words, punctuation, verbs and conjoined
indefinites end it, and so does a head word with the article after a name: a name closes the
genitive chain (اتحاد الجزائر | المجموعة الثانية). Chunks may overlap named mentions and each
other: they are candidates for the relation model, which decides which of them take part in a
relation.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from extract.lexicon import DATA, Lexicon
from extract.mentions import Mention, char_span, doc_keys, doc_text
from extract.morph import frequency, lemma, proclitics
from extract.normalize import normalise, strip_marks
from extract.segment import Segment

MAX_WORDS = 8
_NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يات")


@dataclass(frozen=True)
class Chunk:
    """A noun phrase over tokens [start, end) whose first word's proclitics are peeled."""

    start: int
    end: int
    char_start: int
    char_end: int
    label: str
    kind: str          # "actor" | "thing"
    head: str          # the head's lemma key


@dataclass(frozen=True)
class Heads:
    actor: frozenset[str]
    thing: frozenset[str]
    complemented: frozenset[str]    # actor heads whose names take a complement with ل


@lru_cache(maxsize=1)
def heads() -> Heads:
    raw = json.loads((DATA / "lexicon" / "heads.json").read_text(encoding="utf-8"))
    words = json.loads((DATA / "lexicon" / "function_words.json").read_text(encoding="utf-8"))
    never = {lemma(normalise(w)) for w in words["not_heads"]}
    complemented = frozenset(raw.get("complemented", {}))
    raw = {kind: {h: n for h, n in raw[kind].items() if h not in never}
           for kind in ("actor", "thing")}
    # a head that headed more actors than things is an actor head, and the other way round
    thing = frozenset(h for h, n in raw["thing"].items() if n > raw["actor"].get(h, 0))
    actor = frozenset(raw["actor"]) - thing
    return Heads(actor, thing, complemented & actor)


def _is_adjective(key: str) -> bool:
    bare = key[2:] if key.startswith("ال") else key
    return len(bare) >= 4 and bare.endswith(_NISBA_ENDINGS)


def _hamza_noun(text: str) -> bool:
    """هيئة، بيئة، فئة: the spelling folds ئة to the nisba's ية, but a nisba has no hamza."""
    return strip_marks(text).endswith(("ئة", "ئه"))


def first_word(key: str) -> tuple[str, str]:
    """(the word without proclitics, the proclitic letters) for a chunk's first word."""
    clitic = proclitics(key)
    stem = key[len(clitic):]
    if clitic.endswith("ل") and stem.startswith("ل"):
        return "ا" + stem, clitic        # للحكومة: ل + الحكومة
    return stem, clitic


class Chunker:
    """Finds the chunks of one sentence."""

    def __init__(self, doc: Doc, lex: Lexicon, mentions: list[Mention]):
        self.doc, self.lex = doc, lex
        self.keys = doc_keys(doc)
        self.heads = heads()
        self.name_at = {m.start: m for m in mentions if m.rule in ("name", "ner", "nisba", "title")}
        self.title_words = lex.title_first_words
        self.inside = {i for m in mentions if m.rule in ("name", "ner", "title")
                       for i in range(m.start + 1, m.end)}

    def _stop(self, j: int) -> bool:
        tok, key = self.doc[j], self.keys[j]
        return ((tok.is_punct and tok.text != "+") or tok.is_space or not key
                or key in self.lex.stop_words or key in self.lex.attribution_verbs
                or key in self.lex.led_by
                or key.isdigit() and len(key) == 4)

    def chunk_at(self, i: int, end: int) -> Chunk | None:
        key = self.keys[i]
        if i in self.inside or not key.isalpha() or key in self.lex.led_by:
            return None
        if _is_adjective(key) and not _hamza_noun(self.doc[i].text) and i > 0 and \
                self.keys[i - 1].isalpha() and \
                self.keys[i - 1] not in self.lex.stop_words:
            return None        # "المنطقة الحدودية": an adjective qualifies, it heads nothing
        head = lemma(key)
        kind = "actor" if head in self.heads.actor else "thing" if head in self.heads.thing \
            else ""
        if not kind or key in self.lex.stop_words:
            return None
        word, clitic = first_word(key)
        if word.endswith("ت") and not word.endswith("ات") and frequency(word[:-1]) > \
                frequency(word):
            return None        # طلبت: a verb in the perfect, not the noun طلب
        definite = word.startswith("ال")
        j, last_definite, joined, named = i + 1, definite, False, False
        # "الهيئة العامة" so far: a definite head and its adjectives, which may take one
        # complement with ل (الهيئة العامة للسياحة والآثار، المرصد السوري لحقوق الإنسان)
        # where the training articles' names show the head taking one
        modified = definite and head in self.heads.complemented
        while j < end and j - i < MAX_WORDS and not self._stop(j):
            k = self.keys[j]
            if modified and j > i + 1 and self._complement(j, end):
                modified = False
                if j in self.name_at:
                    j = self.name_at[j].end     # المكتب السياسي لحماس: a name closes it
                    break
                j += 1
                continue
            if j in self.name_at:
                name = self.name_at[j]
                if name.rule != "nisba":
                    modified = False
                if proclitics(k) or (name.entity.type == "Person" and j > i + 1):
                    break      # بالرياض is a place phrase, وحزب الله the next actor of a
                    #            list; a person after the head is apposed
                before = self.keys[j - 1] if j - 1 > i else word
                if before.startswith("ال") and name.rule in ("name", "ner") \
                        and not _is_adjective(k):
                    break      # a definite noun takes no genitive: "الصحيفة مجلس حقوق
                    #            الإنسان" is a word and then a name, not one phrase (a
                    #            state's name that is also its nisba, السعودية, agrees)
                j = name.end
                last_definite = True
                named = name.rule in ("name", "ner")
                continue
            if named and k.startswith("ال") and not _is_adjective(k) and (
                    lemma(k) in self.heads.actor or lemma(k) in self.heads.thing):
                break          # a name closes the genitive chain: "اتحاد الجزائر" and then
                #                "المجموعة الثانية" is the next phrase, not part of it
            after_name, named = named, False
            # an adjective agrees in definiteness: after a definite word only a definite one
            # (والإنسانية is one); "الوفد جمعية" is a subject and its verb's object, not a
            # noun and its nisba
            definite_k = (k[1:] if k[:1] in "وف" else k).startswith("ال")
            adjective = k.startswith("ال") or (
                _is_adjective(k) and (definite_k or not last_definite)
                and not any(c in "بلك" for c in proclitics(k)))
            if not adjective:
                modified = False
            if j > i + 1 and (k in self.title_words or k[2:] in self.title_words):
                break          # "المحكمة العامة الشيخ ...": a title opens the next name
            if (k.isdigit() or k == "+") and j <= i + 4:
                j += 1         # مجموعة 5+1، الدول الـ 12: a number names the group
                continue
            if adjective:       # not لحماية: a preposition starts no adjective
                last_definite = k.startswith("ال") or last_definite
                j += 1
                continue
            if k[:1] in "وف" and k[1:3] == "ال" and not joined and j > i + 1 and kind == "actor":
                joined = True          # غرفة التجارة والصناعة: one coordinated genitive
                j += 1
                continue
            if not definite and (not (after_name or proclitics(k)) or self._complement(j, end)) \
                    and j + 1 < end and self.keys[j + 1].startswith("ال") and \
                    not self._stop(j + 1) and k.isalpha() and not k.startswith(("و", "ف")):
                j += 1                 # قوات حفظ السلام: an indefinite link of a genitive chain
                continue               # after a name, or for a word with a preposition,
                #                        only a complement with ل (سوق مسقط للأوراق المالية),
                #                        not مدينة الموصل | شمال العراق, فريق | بمحافظة الأحساء
            break
        start_char, _ = char_span(self.doc[i], clitic)
        end_tok = self.doc[j - 1]
        end_char = end_tok.idx + len(end_tok.text)
        label = strip_marks(doc_text(self.doc)[start_char:end_char]).strip()
        if clitic.endswith("ل") and key[len(clitic) - 1:].startswith("لل"):
            label = "ا" + label       # للحكومة -> الحكومة: the article's alef comes back
        if not label or (j == i + 1 and j in self.name_at):
            return None        # "مدينة" before "فلاديفوستوك": the type word of a name
        return Chunk(i, j, start_char, end_char, label, kind, head)

    def _complement(self, j: int, end: int) -> bool:
        """Token j opens a complement with the preposition ل: a name other than a person's
        (لحماس), a word with the article (للسياحة), or a noun a definite genitive follows
        (لحقوق الإنسان); not a function word (لها، لأنها) nor a purpose clause (لإيجاد حل)."""
        key = self.keys[j]
        if proclitics(key) != "ل" or len(key) < 5 or key in self.lex.stop_words \
                or key[1:] in self.lex.stop_words:
            return False
        name = self.name_at.get(j)
        if name is not None:
            return name.entity.type != "Person"
        return key.startswith("لل") or (j + 1 < end and self.keys[j + 1].startswith("ال")
                                         and not self._stop(j + 1))

    def sentence(self, seg: Segment) -> list[Chunk]:
        out = []
        for i in range(seg.start, seg.end):
            chunk = self.chunk_at(i, seg.end)
            if chunk is not None:
                out.append(chunk)
        return out
