"""Per-predicate and per-newspaper tables of a dev-set run, beside the model's cross-validation.

    python ../shared/eval/devset.py --json bench/results/devset.json
    python bench/dev_tables.py bench/results/devset.json [--gold ../shared/eval/dev/gold]

Everything is read from devset.py's JSON (each article's missed and wrong triples) and the gold
files: an output triple that earns a required one is correct, a listed wrong one is not, so a
predicate's precision is found / (found + wrong) and its recall found / required. The
newspaper is the gold file's name between its number and its hash (07-alyaum-1a2b3c.json).
The train set's cross-validated figures per predicate come from the shipped model's meta.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _figures(found: int, counted: int, required: int) -> tuple[float, float, float]:
    p = found / counted if counted else 0.0
    r = found / required if required else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tables(run: dict, gold_dir: Path, predicates: list[str]) -> tuple[list, list]:
    """Rows (name, P, R, F1, found, counted, required) per predicate and per newspaper."""
    required, missed, wrong = Counter(), Counter(), Counter()
    papers: dict[str, Counter] = {}
    for article in run["articles"]:
        gold = json.loads((gold_dir / article["gold"]).read_text(encoding="utf-8"))
        for triple in gold["required"]:
            required[triple[1]] += 1
        for line in article.get("missed", []):
            missed[line.split()[1]] += 1
        for line in article.get("wrong", []):
            wrong[next(w for w in line.split() if w in predicates)] += 1
        paper = papers.setdefault(article["gold"].split("-")[1], Counter())
        for key in ("found", "counted", "required"):
            paper[key] += article.get(key, 0)
        paper["articles"] += 1
    by_predicate = []
    for pred in predicates:
        found = required[pred] - missed[pred]
        if required[pred] or wrong[pred]:
            by_predicate.append((pred, *_figures(found, found + wrong[pred], required[pred]),
                                 found, found + wrong[pred], required[pred]))
    by_paper = [(f"{name} ({c['articles']})", *_figures(c["found"], c["counted"], c["required"]),
                 c["found"], c["counted"], c["required"]) for name, c in sorted(papers.items())]
    return by_predicate, by_paper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="devset.py --json output")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "eval" / "dev" / "gold")
    args = parser.parse_args(argv)
    from extract.relmodel.model import PREDICATES, RelationModel

    run = json.loads(args.run.read_text(encoding="utf-8"))
    by_predicate, by_paper = tables(run, args.gold, list(PREDICATES))
    cv = RelationModel.load().meta.get("cv", {}).get("by_predicate", {})
    print("| predicate | dev P | dev R | dev F1 | found / output / required | CV P | CV R | CV F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, p, r, f, found, counted, req in by_predicate:
        c = cv.get(name, {})
        cv_cells = (f"{c['precision']:.2f} | {c['recall']:.2f} | {c['f1']:.2f}" if c
                    else "– | – | –")
        print(f"| {name} | {p:.2f} | {r:.2f} | {f:.2f} | {found} / {counted} / {req} | {cv_cells} |")
    print("\n| newspaper (articles) | P | R | F1 | found / output / required |")
    print("|---|---|---|---|---|")
    for name, p, r, f, found, counted, req in by_paper:
        print(f"| {name} | {p:.2f} | {r:.2f} | {f:.2f} | {found} / {counted} / {req} |")
    m = run["micro"]
    print(f"\nmicro P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}; "
          f"actors {m['actors_found']}/{m['actors']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
