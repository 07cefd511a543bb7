"""Names the NER model tags in most of their occurrences across a corpus (mined by
tools/mine_corpus_names.py), found wherever they occur.

The NER reads each article on its own, so a name it tags in most articles (عرفات، قاديروف،
هيومن رايتس ووتش) may still go untagged in one sentence whose context it reads differently,
and that sentence's relations are lost with it. Across 8 M words of unlabelled news the
evidence adds up: a form the model tagged in at least `min_tagged` of its occurrences, in
several articles, and in at least `min_share` of all its occurrences, is a name of that news,
not a word that is sometimes a name (فتح، النصر، الأسد fail the share). The pipeline marks
its occurrences where neither the gazetteer nor the NER found anything (`find`), as NER
mentions of the type the model gave it most often. Forms are keyed as the gazetteer keys
its names (`name_key` per word, proclitics peeled from the first), and counted with the same
longest-match scan that finds them, so mining and finding agree.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from extract.lexicon import DATA
from extract.mentions import doc_name_keys, longest_matches
from extract.normalize import peel

PATH = DATA / "lexicon" / "corpus_names.json"
_ARABIC = re.compile("[\u0621-\u064a]")

#: (normalised words of the form, the clitic peeled from its first word) as a document has it
Form = tuple[str, ...]


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    clitic: str
    form: Form


def form_of(keys: list[str], start: int, end: int, clitic: str) -> Form | None:
    """The form of tokens [start, end) whose first word carries `clitic` (name keys)."""
    first = next((stem for stem, c in peel(keys[start]) if c == clitic), None)
    if first is None:
        return None
    return (first, *keys[start + 1:end])


class FormIndex:
    """Forms by first word, longest first: the gazetteer's longest-match scan over them."""

    def __init__(self, forms: Iterable[Form]):
        index: dict[str, list[Form]] = defaultdict(list)
        for form in set(forms):
            index[form[0]].append(form)
        #: first word -> [(form,), ...], longest first: the items `longest_matches` reads
        self.index = {w: [(f,) for f in sorted(fs, key=lambda f: (-len(f), f))]
                      for w, fs in index.items()}

    def scan(self, keys: list[str]) -> list[Occurrence]:
        """Every occurrence, left to right, longest form first, the least peeled reading on
        a tie, no overlaps (the gazetteer's scan, `mentions.longest_matches`)."""
        return [Occurrence(start, end, clitic, form)
                for start, end, clitic, (form,) in longest_matches(keys, self.index)]


@dataclass
class Tally:
    """What the miner counts: per form, the tagged occurrences, the articles they are in, the
    type and label the model gave them, and (second pass) all occurrences."""

    tagged: Counter
    articles: Counter
    types: dict[Form, Counter]
    labels: dict[Form, Counter]
    occurrences: Counter

    @classmethod
    def empty(cls) -> Tally:
        return cls(Counter(), Counter(), defaultdict(Counter), defaultdict(Counter), Counter())

    def add_tagged(self, tagged: list[tuple[Form, str, str]]) -> None:
        """One article's tagged names: (form, type, label)."""
        for form, etype, label in tagged:
            self.tagged[form] += 1
            self.types[form][etype] += 1
            self.labels[form][label] += 1
        self.articles.update({form for form, _, _ in tagged})


#: The model's types kept: its MISC names (currencies, events, products) are no actors.
TYPES = ("Person", "Place", "Organisation")


def select(tally: Tally, min_tagged: int, min_articles: int, min_share: float,
           known: set[Form]) -> dict[str, dict]:
    """The forms kept: tagged often enough, in enough articles, in a large enough share of
    their occurrences, mostly as a person, place or organisation, written in Arabic, and
    neither a gazetteer name (`known`) nor such a name or a more often tagged form with a
    proclitic the model left on."""
    out = {}
    for form, n in tally.tagged.items():
        if n < min_tagged or tally.articles[form] < min_articles or form in known:
            continue
        if sum(len(w) for w in form) < 3 or not all(form) or not _ARABIC.search(form[0]):
            continue      # a space inside, or page furniture (next previous)
        if any((stem, *form[1:]) in known or tally.tagged[(stem, *form[1:])] >= n
               for stem, _ in peel(form[0])[1:]):
            continue      # بواشنطن، بحزب العمال الكردستاني: a proclitic the model kept
        share = n / max(tally.occurrences[form], n)
        if share < min_share:
            continue
        etype, _ = min(tally.types[form].items(), key=lambda kv: (-kv[1], kv[0]))
        if etype not in TYPES:
            continue
        label, _ = min(tally.labels[form].items(), key=lambda kv: (-kv[1], kv[0]))
        out[" ".join(form)] = {"type": etype, "label": label, "tagged": n,
                               "articles": tally.articles[form],
                               "share": round(share, 3)}
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class CorpusNames:
    """The shipped list: form -> entity type."""

    types: dict[Form, str]
    index: FormIndex

    def find(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """(start, end, clitic, type) of every listed name in the document."""
        return [(o.start, o.end, o.clitic, self.types[o.form])
                for o in self.index.scan(doc_name_keys(doc))]


def load(path: Path = PATH) -> CorpusNames:
    raw = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"names": {}}
    types = {tuple(form.split()): v["type"] for form, v in raw["names"].items()}
    return CorpusNames(types, FormIndex(types))


@lru_cache(maxsize=1)
def default() -> CorpusNames:
    return load()
