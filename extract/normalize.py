"""Arabic normalisation for matching, one token at a time.

Matching works on tokens, and every token keeps its character offset into the original text, so
normalising a token's string never costs an offset: analysts always see the original text.

`normalise` folds orthographic variants (diacritics, tatweel, alef/hamza forms, alef maqsura,
ta marbuta, Persian letters, Arabic-Indic digits); `name_key` also folds the letters that
transliterations of foreign names disagree on (بيونغ/بيونج), and is used only for names.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pyarabic import araby

_DELETE = set(araby.TASHKEEL) | {araby.TATWEEL, "\u0670", "\u0653", "\u0654", "\u0655"}
_DELETE |= {chr(c) for c in range(0x0610, 0x061B)} | {chr(c) for c in range(0x06D6, 0x06EE)}
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ي": "ي", "گ": "ك", "پ": "ب", "ڤ": "ف", "چ": "ج", "ژ": "ز",
    "\u200c": "", "\u200d": "", "\u200f": "", "\u200e": "",
}
_FOLD.update({chr(0x0660 + d): str(d) for d in range(10)})   # Arabic-Indic digits
_FOLD.update({chr(0x06F0 + d): str(d) for d in range(10)})   # Extended Arabic-Indic digits
_BASE = {**{c: "" for c in _DELETE}, **_FOLD}


def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (text copied from PDFs and old pages: ﺻﻔﻌﺔ, ﻻ) fold to the
    letters they draw, folded in turn; forms that stand for a phrase (ﷺ) are left alone."""
    base = str.maketrans(_BASE)
    out = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        char = chr(code)
        plain = unicodedata.normalize("NFKC", char)
        if plain != char and " " not in plain.strip():
            out[char] = plain.translate(base).strip()
    return out


_TABLE = str.maketrans({**_BASE, **_presentation_forms()})
_NAME_TABLE = str.maketrans({"غ": "ج"})

#: Quotation marks of Arabic news, opening and closing alike (papers use ” to open, too): the
#: tokenizer splits them off (`pipeline.build_nlp`) and names match across them (`mentions`).
QUOTATION_MARKS = "«»“”\""

#: Proclitics, outermost first: conjunction, then preposition, then article.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """Orthographic folding: the form every lexicon and gazetteer lookup compares."""
    return _SPACES.sub(" ", text.translate(_TABLE).lower()).strip()


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """`normalise` plus transliteration folding (غ/ج), for comparing names only."""
    return normalise(text).translate(_NAME_TABLE)


@lru_cache(maxsize=200_000)
def peel(word: str) -> tuple[tuple[str, str], ...]:
    """Readings of a normalised word with proclitics peeled: ((stem, clitics), ...).

    The unpeeled word comes first. و/ف, then ب/ل/ك, and لل as ل + ال; stems keep their ال.
    Stems shorter than two letters are not offered, so short words are never cut to nothing.
    """
    out = [(word, "")]
    rest, prefix = word, ""
    if rest[:1] in CONJUNCTIONS and len(rest) > 2:
        prefix, rest = rest[0], rest[1:]
        out.append((rest, prefix))
    if rest.startswith("لل") and len(rest) > 3:
        out.append(("ال" + rest[2:], prefix + "ل"))
    elif rest[:1] in PREPOSITIONS and len(rest) > 2:
        out.append((rest[1:], prefix + rest[0]))
    return tuple(dict.fromkeys(out))


def strip_article(word: str) -> str:
    """The word without its definite article (ال), when it has one and something is left."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def strip_marks(text: str) -> str:
    """A label as written, without diacritics, tatweel or invisible marks: the letters (and
    digits, spaces, hyphens) stay exactly as the text has them."""
    return "".join(ch for ch in text if ch in " -" or normalise(ch))
