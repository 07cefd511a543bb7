"""Draw SaudiNewsNet articles for khabar's own annotators (`data/annotations/`).

Articles come from the corpus subset (`articles-2015-08-06..09.jsonl.gz`, the file
`extract/relmodel/gold.py` rebuilds annotated texts from). An article is drawn when it is not
annotated yet, has 150 to 650 words, names at least three distinct gazetteer states or
organisations (news about actors: sport scores and weather reports give few triples), and
shares no run of eight normalised words with a dev or shared training article or an article
already annotated (agencies repeat their copy across newspapers, and a dev sentence must not
become training data). The draw is a seeded shuffle, so the same seed gives the same list.
Texts are written to OUT/articles/<id>.ar.txt for the annotators, and the ids in order to
OUT/pick.json.

    python tools/draw_annotation_batch.py OUT [--count 400] [--seed 20261201]
        [--min-words 150] [--max-words 650] [--min-actors 3]

The defaults are the criteria of the second and third rounds; the fourth round, once those
admitted nothing more, drew with `--min-words 100 --max-words 900 --min-actors 2`, and the
fifth the rest with two actors: `--min-words 900 --max-words 3000` and `--min-words 60
--max-words 99` (`--seed 20261202`; data/annotations/README.md).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from extract import gazetteer
from extract.normalize import normalise
from extract.relmodel.gold import OWN_ANNOTATIONS, SAUDINEWSNET, SHARED

RUN = 8
#: The second and third rounds' criteria (the defaults of `draw` and of the command line).
CRITERIA = {"min_words": 150, "max_words": 650, "min_actors": 3}


def _words(text: str) -> list[str]:
    return [normalise(w) for w in re.findall(r"\w+", text)]


def _runs(text: str) -> set[str]:
    words = _words(text)
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _actor_names() -> set[str]:
    """The gazetteer's states and organisations (not the seats of power that stand for a
    state), every listed form of four letters or more, normalised."""
    return {normalise(name) for entry in gazetteer.default().entries.values()
            if entry.type in ("State", "Organisation") and not entry.stands_for
            for name in (entry.ar, *entry.aliases) if len(name) >= 4}


def draw(count: int, seed: int, min_words: int = CRITERIA["min_words"],
         max_words: int = CRITERIA["max_words"],
         min_actors: int = CRITERIA["min_actors"]) -> tuple[list[str], dict[str, str]]:
    texts = {}
    with gzip.open(SAUDINEWSNET, "rt", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            texts[art["id"]] = art["title"].strip() + "\n\n" + art["content"].strip() + "\n"
    done = {p.stem for p in (OWN_ANNOTATIONS / "gold").glob("*.json")}
    taken: set[str] = set()
    for part in ("dev", "train"):
        for path in (SHARED / "eval" / part / "articles").glob("*.ar.txt"):
            taken |= _runs(path.read_text(encoding="utf-8"))
    for doc_id in done:
        taken |= _runs(texts[doc_id])
    names = _actor_names()
    drawn = []
    for doc_id, text in sorted(texts.items()):
        if doc_id in done or not min_words <= len(text.split()) <= max_words:
            continue
        joined = " ".join(_words(text))
        if sum(1 for n in names if n in joined) < min_actors or _runs(text) & taken:
            continue
        drawn.append(doc_id)
    random.Random(seed).shuffle(drawn)
    return drawn[:count], texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--min-words", type=int, default=CRITERIA["min_words"])
    parser.add_argument("--max-words", type=int, default=CRITERIA["max_words"])
    parser.add_argument("--min-actors", type=int, default=CRITERIA["min_actors"],
                        help="distinct gazetteer states or organisations the article must name")
    args = parser.parse_args(argv)
    picked, texts = draw(args.count, args.seed, args.min_words, args.max_words, args.min_actors)
    (args.out / "articles").mkdir(parents=True, exist_ok=True)
    for doc_id in picked:
        (args.out / "articles" / f"{doc_id}.ar.txt").write_text(texts[doc_id], encoding="utf-8")
    (args.out / "pick.json").write_text(json.dumps(picked), encoding="utf-8")
    print(f"{len(picked)} articles drawn into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
