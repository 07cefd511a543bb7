"""The gazetteer: names, nisba adjectives and titles from the data files, indexed for matching.

Data lives in `extract/data/gazetteer/*.jsonl` (see its README). This module only indexes it:
every Arabic name and alias becomes a key of normalised words (`name_key`); every nisba adjective
(روسي) is expanded to the forms news uses (روسي، روسية، الروسي، الروسية، الروسيين، ...).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from extract.normalize import name_key, normalise
from extract.records import Entity

DATA = Path(str(resources.files("extract") / "data" / "gazetteer"))
_FILES = ("states", "regions", "organisations", "people", "cities", "events", "seats")
#: When two entries share a name, the earlier type wins (a state over a city of the same name).
_TYPE_PRIORITY = {"State": 0, "Person": 1, "Organisation": 2, "Region": 3, "City": 4, "Event": 5}
#: Nisba endings, indefinite: singular m/f, plural m (two cases), plural f.
_NISBA_SUFFIXES = ("", "ه", "ين", "ون", "ات")
#: The rule of a form from `home.json`: a newspaper's word for its own state (المملكة).
HOME = "home"


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry, as read from the data files."""

    key: str
    type: str
    ar: str
    en: str = ""
    qid: str = ""
    aliases: tuple[str, ...] = ()
    nisba: tuple[str, ...] = ()
    capital_of: str = ""      # QID of the state a capital city stands for
    stands_for: str = ""      # QID of the state a seat of power stands for (الكرملين)
    leader_of: str = ""       # QID of the state or organisation a person heads or headed
    country: str = ""
    role: str = ""
    role_ar: str = ""
    geonames: str = ""
    based_in: str = ""

    def entity(self) -> Entity:
        return Entity(key=self.key, label=self.ar, type=self.type, label_en=self.en,
                      qid=self.qid, geonames=self.geonames, source="gazetteer")


@dataclass
class Gazetteer:
    """Names indexed by their first normalised word, longest forms first."""

    entries: dict[str, Entry] = field(default_factory=dict)
    by_qid: dict[str, Entry] = field(default_factory=dict)
    index: dict[str, list[tuple[tuple[str, ...], Entry, str]]] = field(default_factory=dict)
    titles: dict = field(default_factory=dict)

    def add_form(self, words: tuple[str, ...], entry: Entry, rule: str) -> None:
        if not words:
            return
        bucket = self.index.setdefault(words[0], [])
        for i, (other_words, other, other_rule) in enumerate(bucket):
            if other_words == words:
                if (_TYPE_PRIORITY.get(entry.type, 9), rule != "name") < \
                        (_TYPE_PRIORITY.get(other.type, 9), other_rule != "name"):
                    bucket[i] = (words, entry, rule)
                return
        bucket.append((words, entry, rule))

    def finish(self) -> None:
        for bucket in self.index.values():
            bucket.sort(key=lambda item: (-len(item[0]), item[1].key))


def nisba_forms(nisba: str) -> set[tuple[str, ...]]:
    """All the forms of a nisba adjective, each word inflected alike (الكوري الشمالي)."""
    words = name_key(nisba).split()
    out = set()
    for article in ("", "ال"):
        for suffix in _NISBA_SUFFIXES:
            out.add(tuple(article + w + suffix for w in words))
    return out


def _entry(record: dict) -> Entry:
    qid = record.get("qid", "") or ""
    key = f"wd:{qid}" if qid else f"{record['type']}:{name_key(record['ar'])}"
    return Entry(
        key=key, type=record["type"], ar=record["ar"], en=record.get("en", "") or "", qid=qid,
        aliases=tuple(record.get("aliases", []) or ()), nisba=tuple(record.get("nisba", []) or ()),
        capital_of=record.get("capital_of", "") or "", stands_for=record.get("stands_for", "") or "",
        leader_of=record.get("leader_of", "") or "", country=record.get("country", "") or "",
        role=record.get("role", "") or "", role_ar=record.get("role_ar", "") or "",
        geonames=str(record.get("geonames", "") or ""), based_in=record.get("based_in", "") or "")


def load(folder: Path = DATA) -> Gazetteer:
    gaz = Gazetteer()
    for name in _FILES:
        path = folder / f"{name}.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = _entry(json.loads(line))
            if entry.key in gaz.entries:
                continue
            gaz.entries[entry.key] = entry
            if entry.qid:
                gaz.by_qid.setdefault(entry.qid, entry)
            for form in (entry.ar, *entry.aliases):
                gaz.add_form(tuple(name_key(form).split()), entry, "name")
            for nisba in entry.nisba:
                for words in nisba_forms(nisba):
                    gaz.add_form(words, entry, "nisba")
    home_path = folder / "home.json"
    if home_path.exists():
        for form, qid in json.loads(home_path.read_text(encoding="utf-8"))["forms"].items():
            gaz.add_form(tuple(name_key(form).split()), gaz.by_qid[qid], HOME)
    titles_path = folder / "titles.json"
    if titles_path.exists():
        gaz.titles = json.loads(titles_path.read_text(encoding="utf-8"))
    gaz.finish()
    return gaz


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return load()


def norm_words(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).split())
