"""In-pipeline Arabic normalisation for the NER model.

The model is fed raw, whitespace-split words; spelling variation (hamza forms of alef, alef
maqsura vs. yaa, taa marbuta vs. haa, diacritics, tatweel) would otherwise split one name into
several unrelated feature hashes. This component runs first in the pipeline and writes:

- ``token.norm_``: the orthographically normalised word (the key for hash embeddings and for
  the static vectors), and
- ``token.lemma_``: that form with its proclitics (wa-, fa-, bi-, li-, ka-, al-) removed, a cheap
  stem that lets "والمانيا" and "ألمانيا" share a feature. It is a feature, not a dictionary lemma.

It is registered through the ``spacy_factories`` entry point (see pyproject.toml), so plain
``spacy.load(path)`` finds it in a fresh interpreter once the package is installed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

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


class ArabicNormaliser:
    """Sets NORM and LEMMA on every token; stateless, so nothing is saved with the model."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.norm_ = normalise(token.text)
            token.lemma_ = stem(token.text)
        return doc


@Language.factory(FACTORY)
def make_normaliser(nlp: Language, name: str) -> ArabicNormaliser:
    """spaCy factory: referenced by config.cfg and by the `spacy_factories` entry point."""
    return ArabicNormaliser()


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
        for n in range(min(self.max_words, len(norms) - i), 0, -1):
            rest = norms[i + 1:i + n]
            first = norms[i]
            for cut in range(len(_CLITIC.match(first).group()) + 1):
                key = " ".join([first[cut:], *rest])
                if key in self.entries:
                    return n, self.entries[key]
        return None

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
