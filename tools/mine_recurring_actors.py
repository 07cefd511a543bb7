"""Mine the descriptive actors that news names again and again, from unlabelled articles.

A phrase headed by an actor word that was an entity by its own article's evidence (named
twice, or related by a statement) in at least `--min` articles is kept wherever it is named
(`extract/recurring.py` says why). Output: extract/data/lexicon/recurring_actors.json (data,
read by extract/lexicon.py).

    python tools/mine_recurring_actors.py [CORPUS ...] [--workers 2] [--min 2]

The default corpora are the two SaudiNewsNet files of ../shared/data/saudinewsnet/ (8 M
words; no annotated article is among them): about 25 minutes on two cores. With --cache DIR
the extraction results are kept, and a rerun with the same pipeline reads them.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from extract.recurring import mine
from graph.atomic import write_text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "extract" / "data" / "lexicon" / "recurring_actors.json"
CORPORA = sorted((ROOT.parent / "shared" / "data" / "saudinewsnet").glob("*.jsonl.gz"))


def main(argv: list[str] | None = None) -> int:
    from khabar.build import collect

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="*", default=CORPORA,
                        help="article files or folders (default: the SaudiNewsNet corpora)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--min", type=int, default=2,
                        help="articles in which a phrase must be an entity by their own evidence")
    parser.add_argument("--cache", type=Path, default=None,
                        help="cache extraction results in this folder (a rerun reads them)")
    args = parser.parse_args(argv)
    if not args.corpora:
        parser.error("no corpus given and none found in ../shared/data/saudinewsnet/")
    report = collect(list(args.corpora), workers=args.workers, cache_dir=args.cache)
    data = mine(report.results, args.min)
    write_text(OUT, json.dumps(data, ensure_ascii=False, indent=0) + "\n")
    print(f"{len(data['phrases'])} recurring actors from {len(report.results)} articles -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
