"""Annotated articles: where they are, how to read them, and how their triples map onto the
sentences and mentions of our own analysis (for training and cross-validation only).

Gold files follow `../shared/eval/ANNOTATION.md`. The shared training set keeps each article's
text beside its gold file; khabar's own annotations (`data/annotations/saudinewsnet/gold/`)
name a SaudiNewsNet article id, and the text is rebuilt from the corpus file as
"title, blank line, content" (the corpus may not be copied into the repository).
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from extract.normalize import normalise

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SHARED_TRAIN = SHARED / "eval" / "train"
OWN_ANNOTATIONS = ROOT / "data" / "annotations" / "saudinewsnet"
SAUDINEWSNET = SHARED / "data" / "saudinewsnet" / "articles-2015-08-06..09.jsonl.gz"


def annotated_sets() -> list[Path]:
    """Every training set that exists here: the shared one, then khabar's own."""
    return [p for p in (SHARED_TRAIN, OWN_ANNOTATIONS) if (p / "gold").is_dir()]


@lru_cache(maxsize=2)
def _corpus(path: Path) -> dict[str, str]:
    texts = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            texts[art["id"]] = art["title"].strip() + "\n\n" + art["content"].strip() + "\n"
    return texts


def article_text(folder: Path, document: str, corpus: Path = SAUDINEWSNET) -> str:
    """The text a gold file was annotated on."""
    path = folder / "articles" / document
    if path.is_file():
        return path.read_text(encoding="utf-8")
    doc_id = document.removesuffix(".ar.txt")
    texts = _corpus(corpus)
    if doc_id not in texts:
        raise FileNotFoundError(f"{document}: neither {path} nor an article {doc_id} in {corpus}")
    return texts[doc_id]


def iter_gold(sets: list[Path]) -> Iterator[tuple[dict, str]]:
    """(gold, text) for every gold file of the given sets, in name order."""
    for folder in sets:
        for gold_path in sorted((folder / "gold").glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            gold.setdefault("name", gold_path.stem)
            yield gold, article_text(folder, gold["document"])


# ----------------------------------------------------------------------------- alignment
_LETTERS = re.compile(r"\w", re.UNICODE)


def _letters(text: str) -> tuple[str, list[int]]:
    """The text's letters and digits, normalised, with each one's offset in the text."""
    chars, offsets = [], []
    for i, ch in enumerate(text):
        for n in normalise(ch):        # a ligature (ﻻ) folds to two letters
            if _LETTERS.match(n):
                chars.append(n)
                offsets.append(i)
    return "".join(chars), offsets


def evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Character spans of the text that an evidence quote covers. Quotes abridged with "…"
    are matched part by part; a quote that cannot be found gives no span."""
    flat, offsets = _doc_letters(text)
    out = []
    for part in re.split(r"…|\.\.\.", evidence):
        needle, _ = _letters(part)
        if len(needle) < 4:
            continue
        at = flat.find(needle)
        if at < 0:
            continue
        out.append((offsets[at], offsets[at + len(needle) - 1] + 1))
    return out


@lru_cache(maxsize=64)
def _doc_letters(text: str) -> tuple[str, list[int]]:
    return _letters(text)


# ----------------------------------------------------------------------------- entity matching
_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _fold(text: str) -> list[str]:
    """The words of a label as the evaluation compares them (ONTOLOGY.md, "How labels are
    matched"): marks dropped, alef/hamza, ى/ي, ة/ه and غ/ج folded, punctuation as space."""
    text = _MARKS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و")
    text = text.replace("ئ", "ي").replace("غ", "ج")
    return re.sub(r"[^\w\s]", " ", text.lower()).split()


def _peeled(word: str) -> set[str]:
    out = {word}
    if word[:1] in "وف" and len(word) > 3:
        word = word[1:]
        out.add(word)
    if word.startswith("لل") and len(word) > 4:
        out.update({"ال" + word[2:], word[2:]})
    elif word[:1] in "بلك" and len(word) > 3:
        word = word[1:]
        out.add(word)
    if word.startswith("ال") and len(word) > 4:
        out.add(word[2:])
    return out


def _same(system: str, gold: str) -> bool:
    peeled = _peeled(system)
    return gold in peeled or (gold.startswith("ال") and gold[2:] in peeled)


class GoldMatcher:
    """Which gold entities a node with these labels and Wikidata ids stands for, by the rules
    the evaluation states: a Wikidata id, else a label equal to a form, else (labels of up to
    eight words) the longest form inside the label, the earliest on a tie; "exact" forms only
    match whole labels; a capital's key brings its state's."""

    def __init__(self, entities: dict):
        self.by_qid = {e["qid"]: k for k, e in entities.items() if e.get("qid")}
        self.forms = [(_fold(f), k, False) for k, e in entities.items() for f in e.get("forms", [])]
        self.forms += [(_fold(f), k, True) for k, e in entities.items() for f in e.get("exact", [])]
        self.forms = [x for x in self.forms if x[0]]
        self.stands_for = {k: e["stands_for"] for k, e in entities.items() if e.get("stands_for")}

    def match(self, labels: list[str], qids: list[str]) -> set[str]:
        found = {self.by_qid[q] for q in qids if q in self.by_qid}
        if not found:
            for label in labels:
                found |= self._label(_fold(label))
        return found | {self.stands_for[k] for k in found if k in self.stands_for}

    def _label(self, words: list[str]) -> set[str]:
        if not words:
            return set()
        exact = {k for form, k, _ in self.forms
                 if len(form) == len(words) and all(map(_same, words, form))}
        if exact or len(words) > 8:
            return exact
        best, keys = None, set()
        for form, k, exact_only in self.forms:
            if exact_only:
                continue
            n = len(form)
            at = next((i for i in range(len(words) - n + 1)
                       if all(map(_same, words[i:i + n], form))), None)
            if at is None:
                continue
            rank = (-n, at)
            if best is None or rank < best:
                best, keys = rank, {k}
            elif rank == best:
                keys.add(k)
        return keys
