"""Mine the head words of actor and thing noun phrases from annotated articles.

An annotated entity's forms are noun phrases, head first (ANNOTATION.md): "الحكومة الشرعية",
"غرفة التجارة والصناعة الألمانية", "مساعداتها المالية". The lemma of the first word of each
multi-word form is a head; a head counts once per entity, and must be followed by at least two
different words across the forms (a name recurs with one). Heads that are names (gazetteer entries, the NER's
name lists) or function words are dropped: only common nouns that head an actor
(حكومة، غرفة، فصائل) or a thing (مساعدات، أسلحة، برنامج) are kept, with how many entities of
each kind they headed, and the actor heads that take a complement with ل after their
adjectives (الهيئة العامة للسياحة، المرصد السوري لحقوق الإنسان, the phrase's own words). Output: extract/data/lexicon/heads.json (data, read by
extract/chunks.py).

    python tools/mine_heads.py [--set DIR ...] [--min 2]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from extract.morph import lemma, proclitics
from extract.normalize import normalise
from extract.relmodel.gold import annotated_sets, iter_gold
from graph.atomic import write_text

OUT = Path(__file__).resolve().parent.parent / "extract" / "data" / "lexicon" / "heads.json"


def _names() -> set[str]:
    """Lemmas of words that are names, not common nouns: one-word gazetteer names and the
    words of listed people's names."""
    from extract import gazetteer
    names: set[str] = set()
    gaz = gazetteer.default()
    for words_list in gaz.index.values():
        for words, entry, rule in words_list:
            if rule == "name" and (len(words) == 1 or entry.type == "Person"):
                names.update(lemma(w) for w in words)
    return names


def _complement_after_adjectives(words: list[str]) -> bool:
    """A definite head, one or more words with the article, then a word with the preposition
    ل: «المرصد السوري لحقوق الإنسان»."""
    if not words[0].startswith("ال"):
        return False
    at = 1
    while at < len(words) and words[at].startswith("ال"):
        at += 1
    return 1 < at < len(words) and proclitics(words[at]) == "ل"


def mine(sets: list[Path], minimum: int) -> dict:
    actor: Counter[str] = Counter()
    thing: Counter[str] = Counter()
    complemented: Counter[str] = Counter()
    followers: dict[str, set[str]] = {}
    for gold, _text in iter_gold(sets):
        for key, ent in gold["entities"].items():
            heads, with_complement = set(), set()
            for form in ent.get("forms", []) + ent.get("exact", []):
                words = form.split()
                if len(words) >= 2 and any("\u0621" <= ch <= "\u064a" for ch in words[0]):
                    heads.add(lemma(words[0]))
                    followers.setdefault(lemma(words[0]), set()).add(lemma(words[1]))
                    if _complement_after_adjectives([normalise(w) for w in words]):
                        with_complement.add(lemma(words[0]))
            for head in heads:
                (thing if key.startswith("T_") else actor)[head] += 1
            if not key.startswith("T_"):
                complemented.update(with_complement)
    # a common noun heads phrases with different continuations; a name (داعش الإرهابي)
    # recurs with the same one
    varied = {h for h, nxt in followers.items() if len(nxt) >= 2}
    names = _names()
    stop = {lemma(w) for w in json.loads((OUT.parent / "function_words.json").read_text(
        encoding="utf-8"))["stop_words"]}
    keep = lambda h: len(h) >= 2 and h in varied and h not in names and h not in stop  # noqa: E731
    return {
        "_doc": "Head words (lemma keys, extract/morph.py) of actor and thing noun phrases, "
                "mined from the annotated training articles by tools/mine_heads.py: for each "
                "head, how many annotated entities it headed. Names and function words are "
                "excluded. Read by extract/chunks.py.",
        "actor": {h: n for h, n in sorted(actor.items()) if n >= minimum and keep(h)},
        "thing": {h: n for h, n in sorted(thing.items()) if n >= minimum and keep(h)},
        "complemented": {h: n for h, n in sorted(complemented.items())
                         if n >= minimum and keep(h) and h in actor},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append", default=None,
                        help="annotated set folder (default: every training set)")
    parser.add_argument("--min", type=int, default=2, help="entities a head must head")
    args = parser.parse_args(argv)
    data = mine(args.set or annotated_sets(), args.min)
    write_text(OUT, json.dumps(data, ensure_ascii=False, indent=0) + "\n")
    print(f"{len(data['actor'])} actor heads ({len(data['complemented'])} with a complement), "
          f"{len(data['thing'])} thing heads -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
