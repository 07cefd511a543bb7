"""Lemma-key options measured: do a word's inflections share one key, and at what speed.

    python bench/lemma_bench.py        # needs snowballstemmer and nltk for the other options

Families: one lemma each, the trigger words of ONTOLOGY.md's predicates (and two titles) in
the inflections and clitics news uses (the issue's examples اجتماع/التقى and others of the
same kind); a verb and its verbal noun are two lemmas (زار، زيارة). A family counts as kept
together when every form gets the same key and no other family gets that key (a root
stemmer that merges وزير and وزارة loses the difference between a minister and a ministry). Speed:
keys per second over the first 200,000 words of the SaudiNewsNet subset, with no cache (the
pipeline caches per word type, so its real cost is lower).
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAMILIES = [  # one lemma each: its inflections and clitics, not its derivations
    ["اجتماع", "اجتماعا", "واجتماعه", "اجتماعات", "الاجتماع", "للاجتماع"],
    ["التقى", "يلتقي", "والتقت", "التقيا", "سيلتقي"],
    ["زار", "يزور", "وزارت", "زاروا"],
    ["زيارة", "وزيارته", "زيارات", "بزيارة", "الزيارة"],
    ["دعم", "يدعم", "ودعمت", "تدعم", "الدعم", "بدعمها"],
    ["اتفاق", "اتفاقا", "الاتفاق", "واتفاقه", "للاتفاق"],
    ["وقع", "يوقع", "ووقعت", "توقع", "وقعا"],
    ["هاجم", "يهاجم", "وهاجمت", "هاجموا"],
    ["هجوم", "الهجوم", "بهجوم", "وهجومه", "هجوما"],
    ["طالب", "يطالب", "وتطالب", "طالبت", "يطالبون"],
    ["اتهم", "يتهم", "واتهمت", "اتهموا"],
    ["استقبل", "يستقبل", "واستقبلت", "استقبلوا"],
    ["عقوبات", "العقوبات", "بعقوبات", "وعقوباتها"],
    ["هدد", "يهدد", "وهددت", "تهدد", "هددوا"],
    ["وزير", "الوزير", "ووزير", "وزيرا", "لوزير"],
    ["وزارة", "الوزارة", "ووزارة", "لوزارة", "بوزارة"],
]


def _words(limit: int) -> list[str]:
    path = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles-2015-08-06..09.jsonl.gz"
    words: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            words += json.loads(line).get("content", "").split()
            if len(words) >= limit:
                break
    return words[:limit]


def options() -> dict:
    from extract import morph
    from extract.normalize import normalise
    found = {"khabar (extract/morph.py)": lambda w: morph.lemma.__wrapped__(normalise(w))}
    try:
        import snowballstemmer
        stemmer = snowballstemmer.stemmer("arabic")
        found["Snowball Arabic (snowballstemmer)"] = stemmer.stemWord
    except ImportError:
        pass
    try:
        from nltk.stem.isri import ISRIStemmer
        found["ISRI (nltk)"] = ISRIStemmer().stem
    except ImportError:
        pass
    return found


def main() -> int:
    words = _words(200_000)
    for name, key in options().items():
        keys = [{key(w) for w in family} for family in FAMILIES]
        together = sum(1 for i, k in enumerate(keys)
                       if len(k) == 1 and not any(k & other for j, other in enumerate(keys) if j != i))
        started = time.perf_counter()
        for w in words:
            key(w)
        rate = len(words) / (time.perf_counter() - started)
        split = [f"{FAMILIES[i][0]}: {len(k)} keys" for i, k in enumerate(keys) if len(k) > 1]
        print(f"{name}: {together}/{len(FAMILIES)} families kept together, {rate:,.0f} words/s"
              + (f"; split: {', '.join(split)}" if split else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
