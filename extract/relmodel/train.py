"""Train the relation model on annotated articles: `khabar train-relations`.

1. Every annotated article is run through the extraction pipeline up to the rule reader,
   and its candidate pairs are read with their features (`extract.relmodel.reader`).
2. Each candidate is mapped to gold entities by the evaluation's own label rules
   (`gold.GoldMatcher`), and each gold triple to the sentences its evidence quote covers.
   A pair is a positive example of `p>` / `p<` / `p=` where a required triple of the gold
   links its two candidates and its evidence lies in the pair's sentence; a triple the gold
   only allows, or states in another sentence, is no evidence either way for that label.
3. One logistic regression per label (scikit-learn, liblinear: deterministic) on features
   seen at least twice; the decision threshold is chosen by cross-validation over documents
   (the article-level F1 the evaluation computes), then the model is fitted on everything.

    python -m extract.relmodel.train [--set DIR ...] [--folds 5] [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from extract.relmodel.gold import GoldMatcher, _fold, annotated_sets, evidence_spans, iter_gold
from extract.relmodel.model import LABELS, MODEL_DIR, SYMMETRIC, RelationModel, split_label
from extract.relmodel.reader import Pair, document_pairs

DEFAULTS = {"C": 0.3, "min_count": 2, "threshold": 0.35, "folds": 5, "seed": 13}


@dataclass
class Example:
    features: list[str]
    positive: set[str]
    ignore: set[str]


@dataclass
class Article:
    name: str
    gold: dict
    examples: list[Example] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    rules: list = field(default_factory=list)       # the rule reader's statements


def _keys(matcher: GoldMatcher, entity) -> set[str]:
    labels = [entity.label] + ([entity.label_en] if entity.label_en else [])
    return matcher.match(labels, [entity.qid] if entity.qid else [])


def _distance(pair: Pair) -> int:
    return max(0, pair.b.start - pair.a.end)


def _as_set(x) -> set[str]:
    return set(x if isinstance(x, list) else [x])


def label_pairs(article: Article, text: str, pairs: list[Pair]) -> None:
    """Attach the gold targets to each pair (see the module docstring)."""
    gold = article.gold
    matcher = GoldMatcher(gold["entities"])
    triples = []
    for part in ("required", "allowed"):
        for t in gold.get(part, []):
            spans = evidence_spans(text, t[3]) if len(t) > 3 else []
            triples.append((_as_set(t[0]), t[1], _as_set(t[2]), part, spans))
    cache: dict[tuple[int, bool], set[str]] = {}
    forms = {" ".join(_fold(f)) for e in gold["entities"].values()
             for f in e.get("forms", []) + e.get("exact", [])}

    def exact(c) -> int:
        """Is the candidate's text one of the gold's forms (not a longer phrase holding one)?"""
        return int(" ".join(_fold(c.entity.label)) in forms)

    def keys(c, place: bool) -> set[str]:
        key = (id(c), place)
        if key not in cache:
            cache[key] = _keys(matcher, c.entity if place else c.acting_entity())
        return cache[key]
    # each required triple stated in a sentence gets one positive pair there: the one whose
    # candidates the gold names most exactly, then the closest; other pairs that also map to
    # it (a nisba inside a longer phrase, a second mention) are no evidence either way
    best: dict[tuple[int, int], tuple[tuple, int, str]] = {}
    found: list[tuple[set[str], set[str]]] = []
    for n, pair in enumerate(pairs):
        positive, ignore = set(), set()
        seg = pair.seg
        for pred_label in LABELS:
            pred, direction = split_label(pred_label)
            first, second = (pair.a, pair.b) if direction in ">=" else (pair.b, pair.a)
            place = pred in ("locatedIn", "capitalOf")
            s_keys, o_keys = keys(first, place), keys(second, place)
            if not s_keys or not o_keys:
                continue
            for t, (subj, p, obj, part, spans) in enumerate(triples):
                if p != pred:
                    continue
                hit = (s_keys & subj and o_keys & obj) or (
                    pred in SYMMETRIC and o_keys & subj and s_keys & obj)
                if not hit:
                    continue
                here = any(seg.char_start < b and a < seg.char_end for a, b in spans)
                if part == "required" and here:
                    rank = (-(exact(first) + exact(second)), _distance(pair))
                    slot = (t, pair.sentence)
                    if slot not in best or rank < best[slot][0]:
                        best[slot] = (rank, n, pred_label)
                ignore.add(pred_label)
        found.append((positive, ignore))
    for _rank, n, pred_label in best.values():
        found[n][0].add(pred_label)
    for pair, (positive, ignore) in zip(pairs, found):
        article.examples.append(Example(pair.features, positive, ignore - positive))
    article.pairs = pairs


def analyse(sets: list[Path], progress: bool = True) -> list[Article]:
    """Run the pipeline (without the model) over every annotated article."""
    from extract import lexicon
    from extract.pipeline import build_nlp
    nlp = build_nlp(use_relation_model=False)
    lex = lexicon.default()
    articles = []
    started = time.perf_counter()
    for n, (gold, text) in enumerate(iter_gold(sets), 1):
        doc = nlp(text)
        article = Article(gold["name"], gold, rules=list(doc._.statements or []))
        label_pairs(article, text, list(document_pairs(doc, lex)))
        articles.append(article)
        if progress and n % 25 == 0:
            print(f"  {n} articles analysed ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr)
    return articles


def fit(examples: list[Example], C: float, min_count: int, threshold: float,
        meta: dict | None = None, positive_weight: float = 1.0) -> RelationModel:
    """One logistic regression per label on the examples."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for ex in examples for f in set(ex.features))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, ex in enumerate(examples):
        for c in sorted({index[f] for f in ex.features if f in index}):
            rows.append(r)
            cols.append(c)
    X = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                   shape=(len(examples), len(names)))
    weights = np.zeros((len(names), len(LABELS)), dtype=np.float32)
    intercepts = np.full(len(LABELS), -10.0, dtype=np.float32)
    for k, label in enumerate(LABELS):
        y = np.array([label in ex.positive for ex in examples], dtype=np.int8)
        w = np.array([0.0 if label in ex.ignore else 1.0 for ex in examples])
        if y.sum() < 2:
            continue
        clf = LogisticRegression(C=C, solver="liblinear", dual=True, max_iter=1000,
                                 class_weight={0: 1.0, 1: positive_weight})
        clf.fit(X, y, sample_weight=w)
        weights[:, k] = clf.coef_[0]
        intercepts[k] = clf.intercept_[0]
    return RelationModel(LABELS, index, weights, intercepts,
                         np.full(len(LABELS), threshold, dtype=np.float32), meta or {})


def folds(articles: list[Article], k: int) -> list[list[int]]:
    """Documents dealt round-robin in name order: deterministic, balanced by size."""
    return [list(range(i, len(articles), k)) for i in range(k)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append", default=None,
                        help="annotated set folder with gold/ (default: all training sets)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model folder")
    parser.add_argument("--C", type=float, default=DEFAULTS["C"])
    parser.add_argument("--threshold", type=float, default=DEFAULTS["threshold"])
    args = parser.parse_args(argv)
    sets = args.set or annotated_sets()
    articles = analyse(sets)
    examples = [ex for a in articles for ex in a.examples]
    meta = {"sets": [str(s.name) for s in sets], "articles": len(articles),
            "pairs": len(examples), "C": args.C}
    model = fit(examples, args.C, DEFAULTS["min_count"], args.threshold, meta)
    model.save(args.out)
    print(json.dumps(meta))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
