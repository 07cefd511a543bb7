"""The statistical Arabic NER shipped with khabar (spaCy, trained on ANERcorp).

Use: ``nlp = load(); doc = nlp(Doc(nlp.vocab, words=words))`` with raw whitespace-split words
(normalisation happens inside the pipeline); ``doc.ents`` carry PERS, LOC, ORG or MISC.
``tag(words)`` does exactly that and returns ``(start, end, label)`` token spans.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LABELS = ("PERS", "LOC", "ORG", "MISC")
PRETRAIN_EPOCHS = 4  # spacy pretrain epochs over SaudiNewsNet before NER training (0: none)


def model_path() -> Path:
    """The model directory inside the installed package (no download, ever)."""
    return Path(__file__).resolve().parent.parent / "models" / "ner"


@lru_cache(maxsize=1)
def load():
    """The spaCy pipeline, loaded once per process."""
    import spacy

    from extract.ner import components  # noqa: F401  registers the normaliser if not installed

    return spacy.load(model_path())


def tag(words: list[str]) -> list[tuple[int, int, str]]:
    """Entity token spans [start, end) with their label, for one sentence of raw words."""
    from spacy.tokens import Doc

    nlp = load()
    doc = nlp(Doc(nlp.vocab, words=words))
    return [(ent.start, ent.end, ent.label_) for ent in doc.ents]
