"""Noun phrases for the things that are sought, provided and developed.

Arabic noun phrases put the head first: a head noun, then adjectives that agree with it in
definiteness (الأسلحة الكيميائية، مساعدة عسكرية) or a genitive that makes an idafa (تكنولوجيا
الغواصات). Coordination distributes: "مساعدات غذائية وصحية" is two things (food aid, health aid),
"الأسلحة والذخائر" two things (weapons, ammunition). A conjunct whose head is itself a trigger
noun ("ودعم برامج الصواريخ") is returned as a nested event, not as a thing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from extract.lexicon import Lexicon, TriggerMatch
from extract.mentions import token_triggers
from extract.normalize import normalise, strip_marks

MAX_WORDS = 5
_NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يات", "يا")
_PRONOUN_SUFFIXES = ("هما", "هم", "ها")
_PROGRAMME_HEADS = {"برنامج", "برامج"}


@dataclass
class Word:
    index: int          # token index
    norm: str           # normalised, proclitics peeled
    text: str           # original text, proclitics peeled, diacritics removed
    char_start: int
    char_end: int


@dataclass
class Phrase:
    """A thing: a noun phrase over original text, or a nested event (`nested`)."""

    words: list[Word]
    nested: TriggerMatch | None = None
    definite_head: bool = False
    extra: list[Word] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.words[0].index

    @property
    def end(self) -> int:
        return max(w.index for w in self.words) + 1

    @property
    def char_start(self) -> int:
        return min(w.char_start for w in self.words)

    @property
    def char_end(self) -> int:
        return max(w.char_end for w in self.words)

    @property
    def label(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def head(self) -> str:
        head = self.words[0].norm
        return head[2:] if head.startswith("ال") else head

    @property
    def type(self) -> str:
        return "Programme" if self.head in _PROGRAMME_HEADS else "Thing"



def _word(doc: Doc, i: int, clitic_letters: int = 0) -> Word:
    tok = doc[i]
    text, pos = tok.text, 0
    skip = clitic_letters
    while skip and pos < len(text):
        if normalise(text[pos]):
            skip -= 1
        pos += 1
    norm = normalise(text[pos:])
    return Word(i, norm, strip_marks(text[pos:]), tok.idx + pos, tok.idx + len(text))


def is_adjective(norm: str, lex: Lexicon) -> bool:
    """Nisba adjectives and participles: the words that follow and qualify a head noun."""
    bare = norm[2:] if norm.startswith("ال") else norm
    if norm in lex.non_adjective_i or len(bare) < 3:
        return False
    if bare.endswith(_NISBA_ENDINGS) and len(bare) >= 4:
        return True
    return bare.startswith("م") and len(bare) >= 4 and bare.endswith(("ه", "ات", "ين", "ون"))


def _looks_like_verb(norm: str, lex: Lexicon) -> bool:
    return norm.startswith(("ي", "سي", "ست")) and len(norm) >= 4 and not norm.startswith("يو")


class PhraseReader:
    """Reads noun phrases in one document; `stops(i)` says where an actor mention starts."""

    def __init__(self, doc: Doc, keys: list[str], lex: Lexicon, actor_tokens: set[int]):
        self.doc, self.keys, self.lex, self.actor_tokens = doc, keys, lex, actor_tokens

    def _blocked(self, i: int, end: int) -> bool:
        tok = self.doc[i]
        return (i >= end or tok.is_punct or tok.is_space or i in self.actor_tokens
                or self.keys[i] in self.lex.stop_words)

    def skip_openers(self, i: int, end: int) -> int:
        """Skip demonstratives, light nouns (الوصول إلى ...) and adverbials (بشكل غير مباشر)."""
        lex = self.lex
        for _ in range(6):
            if i >= end:
                return i
            key = self.keys[i]
            if key in lex.demonstratives or key in ("من",):
                i += 1
                continue
            light = next((w for w in lex.light_nouns
                          if tuple(self.keys[i:i + len(w)]) == w), None)
            if light:
                i += len(light)
                if i < end and self.keys[i] in ("الي", "الى", "على", "علي", "الي", "من"):
                    i += 1
                continue
            if key in lex.adverbial_openers:
                i += 1   # بشكل [غير] مباشر: the opener and the word it governs
                if i < end and self.keys[i] == "غير":
                    i += 1
                if key.startswith("ب") and i < end and not self.keys[i].startswith("ال"):
                    i += 1
                continue
            return i
        return i

    def head_at(self, i: int, end: int, conj: bool = False,
                peel_letters: int = 0) -> tuple[Word, bool] | None:
        """The head word at i: a conjunction (when `conj`) and a preposition before the
        article are peeled, so "للموارد" reads "الموارد" and "والذخائر" "الذخائر"."""
        if self._blocked(i, end) and not conj:
            return None
        drop = peel_letters + (1 if conj else 0)
        key = self.keys[i][drop:]
        if not any(ch.isalpha() for ch in key) or key in self.lex.stop_words:
            return None
        skip, article = drop, False
        if key[:1] in "بلك" and key[1:3] == "ال" and len(key) > 4:
            skip += 1
        elif key.startswith("لل") and len(key) > 4:
            skip, article = skip + 2, True
        word = _word(self.doc, i, skip)
        if article:
            word.norm, word.text = "ال" + word.norm, "ال" + word.text
        if word.norm in self.lex.stop_words or _looks_like_verb(word.norm, self.lex):
            return None
        return word, word.norm.startswith("ال")

    def read(self, i: int, end: int, allow_nested: bool = True,
             conj: bool = False, peel_letters: int = 0) -> list[Phrase]:
        """Every conjunct of the noun phrase starting at token i (after openers);
        `peel_letters` proclitic letters are dropped from the first word (بطائرات)."""
        if not conj and not peel_letters:
            i = self.skip_openers(i, end)
        first = self.head_at(i, end, conj, peel_letters)
        if first is None:
            return []
        head, definite = first
        nested = self._nested(i) if allow_nested else None
        if nested is not None:
            return [Phrase([head], nested=nested)]
        words = [head]
        head_suffix = next((s for s in _PRONOUN_SUFFIXES if head.norm.endswith(s)
                            and not definite and len(head.norm) - len(s) >= 3), "")
        j = i + 1
        adjective_at = None   # index in words where the trailing adjectives begin
        while j < end and len(words) < MAX_WORDS and not self._blocked(j, end):
            key = self.keys[j]
            if key.startswith("و") and len(key) > 3:
                break
            if is_adjective(key, self.lex) and (key.startswith("ال") == (definite or bool(head_suffix))):
                if adjective_at is None:
                    adjective_at = len(words)
                words.append(_word(self.doc, j))
            elif not definite and not head_suffix and key.startswith("ال") and adjective_at is None \
                    and not self.lex.is_trigger_word(key):
                words.append(_word(self.doc, j))   # idafa: the genitive makes it definite
                definite = True
            else:
                break
            j += 1
        if head_suffix and len(words) > 1:
            # "برامجها النووية" -> "البرامج النووية": the article replaces the pronoun
            head.text = "ال" + head.text[:-len(head_suffix)]
            head.norm = "ال" + head.norm[:-len(head_suffix)]
        phrases = [Phrase(words, definite_head=definite)]
        phrases += self._conjuncts(words, adjective_at, definite or bool(head_suffix), j, end,
                                   allow_nested)
        return phrases

    def _nested(self, i: int) -> TriggerMatch | None:
        """A trigger noun heading its own event: in construct with a genitive (دعم برامج
        الصواريخ) or followed by one of its prepositions (الابتعاد عن، علاقاتها مع)."""
        for match in token_triggers(self.doc, self.lex, i):
            if match.trigger.pos != "noun" or not match.trigger.predicate:
                continue
            nxt = self.keys[match.end] if match.end < len(self.keys) else ""
            markers = {normalise(s.marker) for s in match.trigger.slots}
            construct = not match.definite and (nxt.startswith("ال")
                                                 or match.end in self.actor_tokens)
            if construct or nxt in markers:
                return match
        return None

    def _conjuncts(self, words: list[Word], adjective_at: int | None, definite: bool,
                   j: int, end: int, allow_nested: bool) -> list[Phrase]:
        """Coordinated adjectives share the head; coordinated nouns start new phrases."""
        out: list[Phrase] = []
        while j < end and self.keys[j].startswith("و") and len(self.keys[j]) > 2:
            rest = self.keys[j][1:]
            if j in self.actor_tokens:
                break
            if is_adjective(rest, self.lex) and adjective_at is not None \
                    and rest.startswith("ال") == definite:
                out.append(Phrase(words[:adjective_at] + [_word(self.doc, j, 1)]))
                j += 1
                continue
            if rest in self.lex.stop_words or _looks_like_verb(rest, self.lex) \
                    or any(m.trigger.pos == "verb" for m in token_triggers(self.doc, self.lex, j, False)):
                break
            if allow_nested:
                nested = self._nested(j)
                if nested is not None:
                    out.append(Phrase([_word(self.doc, j, 1)], nested=nested))
                    break
            sub = self._from_conjunct(j, end)
            if not sub:
                break
            out += sub
            j = max(p.end for p in sub)
        return out

    def _from_conjunct(self, j: int, end: int) -> list[Phrase]:
        """A noun phrase whose first word carries the conjunction و."""
        return self.read(j, end, allow_nested=False, conj=True)
