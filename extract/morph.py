"""Lemma keys: one key per word family, so that a trigger is listed once and matches its
inflections, clitics, tanween and attached pronouns (اجتماع، اجتماعا، واجتماعه، اجتماعات;
التقى، يلتقي، والتقت، التقيا).

No Arabic morphological analyser with a permissive licence and a shipped lexicon exists on
PyPI (the ones that do, qalsadi/arramooz and farahidi, are GPL; see README "Lemma keys"), so
this is a light stemmer of khabar's own. It strips, in order: the conjunction و/ف, a
preposition ب/ل/ك, the article, the future س, attached pronouns, one inflectional suffix
(plural, dual, feminine, tanween, verb person endings), one imperfect prefix (where the
word also occurs with another one: تدعم/يدعم, but not تطرف), and a final weak ي. Proclitic and article stripping are guarded by word frequencies from 8 M words of
SaudiNewsNet (`data/morph/frequencies.json.gz`): a leading letter is only peeled when the rest
is at least as common a word (بحث stays بحث, وليد stays وليد, but ودعم -> دعم). The key is not a
dictionary lemma: it is a stable stem that the inflections of one word share, which is what
trigger matching and the relation model's features need. Results are cached per word type.
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from extract.normalize import normalise

DATA = Path(str(resources.files("extract") / "data" / "morph"))


@lru_cache(maxsize=1)
def _rules() -> dict:
    return json.loads((DATA / "affixes.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    with gzip.open(DATA / "frequencies.json.gz", "rt", encoding="utf-8") as fh:
        return json.load(fh)


def frequency(word: str) -> int:
    """How often the normalised word occurs on its own in the frequency corpus."""
    return _frequencies().get(word, 0)


def _split_proclitics(word: str) -> tuple[str, str, bool]:
    """(the proclitic letters, the rest, whether they end in the ل of لل): a letter is peeled
    only where the rest is at least as common a word, or carries the article."""
    freq = _frequencies()
    rules = _rules()
    clitic, w = "", word
    if w[:1] in rules["conjunctions"] and len(w) > 3 and freq.get(w[1:], 0) >= freq.get(w, 0):
        clitic, w = w[0], w[1:]
    if w.startswith("لل") and len(w) > 4:
        return clitic + "ل", w[1:], True   # ل + الحكومة, its alef dropped: the rest is لحكومة
    if w[:1] in rules["prepositions"] and len(w) > 3 and (
            w[1:3] == "ال" or freq.get(w[1:], 0) >= freq.get(w, 0)):
        clitic, w = clitic + w[0], w[1:]
    return clitic, w, False


def proclitics(word: str) -> str:
    """The proclitic letters on a normalised word (و، ب، ول، لل ...), peeled only where the
    rest is at least as common a word, or carries the article: وزير keeps its و, ووزير
    loses one, للحكومة is ل + الحكومة."""
    return _split_proclitics(word)[0]


def _peel_proclitics(w: str) -> str:
    """The word without its proclitics and, where the rest stands without it, the article."""
    _, w, article = _split_proclitics(w)
    if article:
        return w[1:]                       # ل + ال: the article goes with it
    freq = _frequencies()
    if w.startswith("ال") and len(w) > 4:
        bare = freq.get(w[2:], 0)
        verb = freq.get("ي" + w[1:], 0) > bare          # التقى: يلتقي is commoner than تقي
        stem = bare < 3 and freq.get(w, 0) >= 20        # التزام, التقت: no word without ال
        if not (verb or stem):
            w = w[2:]
    return w


def _known(stem: str, weak: bool = False) -> bool:
    """Is the stem a word of its own, with or without ta marbuta or the article (or, for
    a verb ending after a weak stem, with its final ي: التقت -> التقى)?"""
    freq = _frequencies()
    forms = (stem, stem + "ه", "ال" + stem, "ال" + stem + "ه") + ((stem + "ي",) if weak else ())
    return any(freq.get(form, 0) >= _rules()["known_min"] for form in forms)


@lru_cache(maxsize=300_000)
def lemma(word: str) -> str:
    """The lemma key of one word (any spelling, with or without clitics); "" for non-words."""
    w = normalise(word)
    if not w.isalpha():
        return w
    if len(w) <= 2:
        return w
    rules = _rules()
    w = _peel_proclitics(w)
    if w[:2] in rules["future"] and len(w) > 4 and frequency(w[1:]) > frequency(w):
        w = w[1:]
    unknown = frequency(w) < rules["known_min"]
    for suffix in rules["pronouns"]:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and (
                unknown or _known(w[:-len(suffix)]) or _known(w[:-len(suffix) - 1])):
            w = w[:-len(suffix)]
            if w.endswith("ت") and len(w) > 3:
                w = w[:-1] + "ه"           # حكومته -> حكومة: ta marbuta before a pronoun
            break
    unknown = frequency(w) < rules["known_min"]
    for suffix in rules["suffixes"]:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and (
                unknown or _known(w[:-len(suffix)], suffix in rules["weak_endings"])):
            w = w[:-len(suffix)]    # تعاون keeps its ون (تعا is no word), يدعمون loses it
            break
    if w[:1] in rules["prefixes"] and len(w) >= 4 and any(
            frequency(other + w[1:] + weak) >= rules["known_min"]
            for other in rules["prefixes"] if other != w[0] and other != "ا"
            for weak in ("", "ي")):
        w = w[1:]    # تدعم -> دعم (يدعم is a word too); تطرف stays (no يطرف, نطرف)
    if w.endswith(tuple(rules["weak_finals"])) and len(w) >= 4:
        w = w[:-1]
    return w


def lemmas(text: str) -> tuple[str, ...]:
    """Lemma keys of every word of a phrase (a multi-word trigger, say)."""
    return tuple(lemma(w) for w in text.split())
