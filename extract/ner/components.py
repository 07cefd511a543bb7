"""In-pipeline Arabic normalisation for the NER model.

The model is fed raw, whitespace-split words; spelling variation (hamza forms of alef, alef
maqsura vs. yaa, taa marbuta vs. haa, diacritics, tatweel) would otherwise split one name into
several unrelated feature hashes. This component runs first in the pipeline and writes:

- ``token.norm_``: the orthographically normalised word (the key for hash embeddings and for
  the static vectors), and
- ``token.lemma_``: that form with its proclitics (wa-, fa-, bi-, li-, ka-, al-) removed, a cheap
  stem that lets "والمانيا" and "ألمانيا" share a feature. It is a feature, not a dictionary lemma;
  a stem the training data shows fewer than ``rare_below`` times is written as ``RARE``.

It is registered through the ``spacy_factories`` entry point (see pyproject.toml), so plain
``spacy.load(path)`` finds it in a fresh interpreter once the package is installed.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

FACTORY = "khabar_ar_normaliser"

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_CHAR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic digits
})
# Conjunction, then preposition, then article; "لل" is li- + al- with the alef elided.
_PROCLITICS = re.compile(r"^(?:[وف])?(?:(?:[بكل])?ال|لل|[بكل])?")
_MIN_STEM = 2


def normalise(word: str) -> str:
    """Orthographic normal form of one word: no diacritics/tatweel, unified alef/yaa/taa, digits."""
    return _DIACRITICS.sub("", word).translate(_CHAR_MAP)


def stem(word: str) -> str:
    """Normalised word without its proclitics, keeping at least `_MIN_STEM` letters."""
    norm = normalise(word)
    match = _PROCLITICS.match(norm)
    cut = match.end() if match else 0
    while cut and len(norm) - cut < _MIN_STEM:  # too short a remainder: clitic was a letter
        cut -= 1
    return norm[cut:]


RARE = "<rare>"


class ArabicNormaliser:
    """Sets NORM and LEMMA on every token.

    With `rare_below` > 0, a stem seen fewer than that many times in the training data gets
    the shared LEMMA `RARE` instead of its own: the model then learns one embedding for "a word
    it has (almost) never seen" from the training singletons, and reads it, with the context,
    for the unseen names of new text, whose own hash rows would only be noise (the singleton
    replacement of Lample et al., 2016). The known stems are learnt at initialisation and saved
    with the model (known_stems.json); with `rare_below` = 0 nothing is saved."""

    def __init__(self, rare_below: int = 0) -> None:
        self.rare_below = rare_below
        self.known: set[str] = set()

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.norm_ = norm = normalise(token.text)
            lemma = stem(norm)  # normalise is idempotent: stem() need not redo it
            token.lemma_ = lemma if not self.rare_below or lemma in self.known else RARE
        return doc

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Count the stems of the training words; keep those seen `rare_below` times or more."""
        if not self.rare_below or get_examples is None:
            return
        counts = Counter(stem(token.text) for example in get_examples()
                         for token in example.reference)
        self.known = {k for k, n in counts.items() if n >= self.rare_below}

    def to_disk(self, path, *, exclude=()) -> None:
        if not self.rare_below:
            return
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "known_stems.json").write_text(
            json.dumps(sorted(self.known), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> ArabicNormaliser:
        if self.rare_below:
            self.known = set(json.loads((Path(path) / "known_stems.json").read_text(encoding="utf-8")))
        return self


@Language.factory(FACTORY, default_config={"rare_below": 0})
def make_normaliser(nlp: Language, name: str, rare_below: int) -> ArabicNormaliser:
    """spaCy factory: referenced by config.cfg and by the `spacy_factories` entry point."""
    return ArabicNormaliser(rare_below)


GAZETTEER_FACTORY = "khabar_ar_gazetteer"
_CLITIC = re.compile(r"^(?:[وف]?[بكل]?|[وف])")


class GazetteerFeature:
    """Marks tokens inside a known name with `token.tag_ = "G" + label` (GLOC, GPERS, ...), a
    feature the tok2vec embeds, so the model may trust a gazetteer without being bound by it.

    Longest match over normalised words; the first word may carry a proclitic (وبغداد). The
    entries ship inside the model directory (gazetteer.json), written at initialisation."""

    max_words = 5

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}
        self._first_words: dict[str, int] | None = None
        self._first_of: dict[str, str] | None = None

    def __call__(self, doc: Doc) -> Doc:
        norms = [normalise(t.text) for t in doc]
        i = 0
        while i < len(norms):
            hit = self._match(norms, i)
            if hit is None:
                i += 1
                continue
            n, label = hit
            for token in doc[i:i + n]:
                token.tag_ = "G" + label
            i += n
        return doc

    def _match(self, norms: list[str], i: int) -> tuple[int, str] | None:
        first = norms[i]
        cuts = range(len(_CLITIC.match(first).group()) + 1)
        firsts = self._firsts()
        longest = max(firsts.get(first[cut:], 0) for cut in cuts)
        for n in range(min(longest, self.max_words, len(norms) - i), 0, -1):
            rest = norms[i + 1:i + n]
            for cut in cuts:
                key = " ".join([first[cut:], *rest])
                if key in self.entries:
                    return n, self.entries[key]
        return None

    def _firsts(self) -> dict[str, int]:
        """First word of each entry -> the most words an entry starting with it has: most
        words start none, and are passed over without trying every length and clitic."""
        if self._first_words is None or self._first_of is not self.entries:
            firsts: dict[str, int] = {}
            for key in self.entries:
                words = key.split(" ")
                firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
            self._first_words, self._first_of = firsts, self.entries
        return self._first_words

    def initialize(self, get_examples=None, *, nlp=None, source: str | None = None) -> None:
        """Load entries from a JSON object {name: label} written by the training driver."""
        if source:
            raw = json.loads(Path(source).read_text(encoding="utf-8"))
            self.entries = {" ".join(normalise(w) for w in k.split()): v for k, v in raw.items()}

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "gazetteer.json").write_text(
            json.dumps(self.entries, ensure_ascii=False, sort_keys=True, indent=0) + "\n",
            encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> GazetteerFeature:
        self.entries = json.loads((Path(path) / "gazetteer.json").read_text(encoding="utf-8"))
        return self


@Language.factory(GAZETTEER_FACTORY)
def make_gazetteer(nlp: Language, name: str) -> GazetteerFeature:
    """spaCy factory for the gazetteer feature (entry point `spacy_factories`)."""
    return GazetteerFeature()


CONSISTENCY_FACTORY = "khabar_ar_consistency"
# Conjunction + preposition clitics a name may carry in running text (not the article: الـ is
# part of many names). Longest first; "لل" is li- + al- with the alef elided.
_NAME_CLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_MIN_CORE = 3


def name_variants(word: str) -> set[str]:
    """The normalised word and its readings without a leading conjunction/preposition clitic
    (at least `_MIN_CORE` letters left). وبوتين and بوتين share بوتين; a name that merely begins
    with such a letter (وليد، بوتين) keeps its full form among the variants too."""
    norm = normalise(word)
    out = {norm}
    for head in ("ولل", "فلل", "لل"):
        if norm.startswith(head) and len(norm) - len(head) >= _MIN_CORE - 1:
            out.add("ال" + norm[len(head):])
    for clitic in _NAME_CLITICS:
        if norm.startswith(clitic) and len(norm) - len(clitic) >= _MIN_CORE:
            out.add(norm[len(clitic):])
    return {v for v in out if len(v) >= _MIN_CORE}


class DocumentConsistency:
    """One name, one reading per document: after the NER, every other occurrence of a name it
    tagged somewhere in the Doc (same words, the first one with or without a proclitic) gets the
    same label, unless it overlaps an entity already found. Feed a whole article as one Doc to
    use it; a one-sentence Doc is left as the NER made it.

    A news article names someone in full once and then keeps repeating the name in contexts the
    model reads less well ("وقال بوين"); this is the document-level consistency of Krishnan and
    Manning (2006), done as a post-process. Words that the training data mostly shows outside
    any entity (كان، مدينة، له) are never propagated on their own; that list is learned at
    initialisation and saved with the model (consistency.json)."""

    min_count = 3
    max_entity_share = 0.5
    max_words = 6

    def __init__(self) -> None:
        self.common: set[str] = set()

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        if not ents:
            return doc
        labels: dict[tuple[str, ...], dict[str, int]] = {}
        for ent in ents:
            parts = [ent]
            if ent.label_ == "PERS" and len(ent) > 1:
                parts.append(ent[-1:])  # the family name, repeated alone later in the article
            for part in parts:
                for key in self._keys(part):
                    counts = labels.setdefault(key, {})
                    counts[ent.label_] = counts.get(ent.label_, 0) + 1
        taken = [False] * len(doc)
        for ent in ents:
            taken[ent.start:ent.end] = [True] * len(ent)
        norms = [normalise(t.text) for t in doc]
        variants = [sorted(name_variants(norm)) for norm in norms]  # normalise is idempotent
        firsts = {k[0] for k in labels}
        starts = [any(v in firsts for v in vs) for vs in variants]
        added = []
        for n in sorted({len(k) for k in labels}, reverse=True):
            for i in range(len(doc) - n + 1):
                if not starts[i] or any(taken[i:i + n]):
                    continue
                counts = next((labels[k] for k in ((v, *norms[i + 1:i + n]) for v in variants[i])
                               if k in labels), None)
                if counts:
                    label = max(sorted(counts), key=counts.__getitem__)
                    added.append(Span(doc, i, i + n, label=label))
                    taken[i:i + n] = [True] * n
        if added:
            doc.ents = sorted([*ents, *added], key=lambda s: s.start)
        return doc

    def _keys(self, ent: Span) -> list[tuple[str, ...]]:
        """(variant of the first word, normalised other words) for each variant of the first
        word; none for long spans or for a lone word that is mostly not a name."""
        if len(ent) > self.max_words:
            return []
        rest = tuple(normalise(t.text) for t in ent[1:])
        return [(v, *rest) for v in sorted(name_variants(ent[0].text))
                if len(ent) > 1 or v not in self.common]

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Learn the words that are mostly not (part of) an entity in the training data."""
        if get_examples is None:
            return
        seen: dict[str, list[int]] = {}
        for example in get_examples():
            for token in example.reference:
                counts = seen.setdefault(normalise(token.text), [0, 0])
                counts[0] += 1
                counts[1] += token.ent_iob_ in ("B", "I")
        self.common = {w for w, (n, inside) in seen.items()
                       if n >= self.min_count and inside / n < self.max_entity_share}

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "consistency.json").write_text(
            json.dumps(sorted(self.common), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> DocumentConsistency:
        self.common = set(json.loads((Path(path) / "consistency.json").read_text(encoding="utf-8")))
        return self


@Language.factory(CONSISTENCY_FACTORY)
def make_consistency(nlp: Language, name: str) -> DocumentConsistency:
    """spaCy factory for the document-consistency post-process (entry point `spacy_factories`)."""
    return DocumentConsistency()
