"""Self-training the relation model on unlabelled news: the experiment of stop 32 (README,
"What was measured and not kept").

The shipped model reads unlabelled SaudiNewsNet articles (`../shared/data/saudinewsnet/
articles-2015-07-21..08-11-unlabelled.jsonl.gz`, whose README allows self-training; no
annotated article is in it); each of its candidate pairs becomes a silver example: the labels
its predicate admits at probability >= --min-prob are positive, those between --ignore-below
and --min-prob are no evidence, the rest negative. With --positives-only a silver pair teaches
only its positive labels (its negatives are what the teacher missed as much as what is not
there). The model is then fitted on the annotated training articles (as `khabar
train-relations` analyses them) plus the silver examples, with the shipped model's thresholds
(cross-validation would be optimistic: the teacher saw every fold), pruned as the trainer
prunes, and saved into --out. Measure it on dev by copying it over the shipped model:

    python bench/self_training.py --out /tmp/silver-model
    cp /tmp/silver-model/* extract/models/relations/
    python ../shared/eval/devset.py; git checkout extract/models/relations
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from extract.records import Document
from extract.relmodel import train
from extract.relmodel.model import LABELS, RelationModel

UNLABELLED = (train.SHARED / "data" / "saudinewsnet"
              / "articles-2015-07-21..08-11-unlabelled.jsonl.gz")


def unlabelled_texts(path: Path, every: int, limit: int, max_words: int) -> Iterator[str]:
    """Every `every`-th article's text as `khabar build` reads it (up to `limit` of them),
    skipping the very long."""
    from khabar.inputs import iter_documents

    taken = 0
    for n, item in enumerate(iter_documents([path])):
        if n % every or not isinstance(item, Document) or len(item.text.split()) > max_words:
            continue
        yield item.text
        taken += 1
        if taken >= limit:
            return


def silver_examples(texts: Iterator[str], teacher: RelationModel, min_prob: float,
                    ignore_below: float, positives_only: bool) -> list[train.Example]:
    """The teacher's reading of each pair as a training example (see the module docstring)."""
    from extract import lexicon
    from extract.pipeline import build_nlp
    from extract.relmodel.reader import barred_labels, doc_pair_vectors, document_pairs

    nlp = build_nlp(use_relation_model=False)
    lex = lexicon.default()
    out: list[train.Example] = []
    started = time.perf_counter()
    for n, text in enumerate(texts, 1):
        doc = nlp(text)
        pairs = list(document_pairs(doc, lex))
        if pairs:
            vectors = doc_pair_vectors(doc, pairs)
            probs = teacher.scores_many([p.features for p in pairs], vectors)
            for k, pair in enumerate(pairs):
                barred = barred_labels(pair)
                positive = {LABELS[i] for i in np.flatnonzero(probs[k] >= min_prob)} - barred
                if positives_only:
                    if not positive:
                        continue
                    ignore = set(LABELS) - positive
                else:
                    ignore = barred | {LABELS[i] for i in np.flatnonzero(
                        (probs[k] >= ignore_below) & (probs[k] < min_prob))}
                out.append(train.Example(pair.features, positive, ignore,
                                         None if vectors is None else vectors[k]))
        if n % 250 == 0:
            print(f"  {n} unlabelled articles read ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the model")
    parser.add_argument("--articles", type=int, default=2000, help="unlabelled articles read")
    parser.add_argument("--every", type=int, default=10, help="read every n-th article")
    parser.add_argument("--max-words", type=int, default=1500)
    parser.add_argument("--min-prob", type=float, default=0.5)
    parser.add_argument("--ignore-below", type=float, default=0.05)
    parser.add_argument("--positives-only", action="store_true")
    parser.add_argument("--jobs", type=int, default=train.DEFAULTS["jobs"])
    args = parser.parse_args(argv)
    teacher = RelationModel.load()
    sets, extra = train.training_sets()
    started = time.perf_counter()
    examples = [ex for a in train.analyse(sets + extra) for ex in a.examples]
    silver = silver_examples(unlabelled_texts(UNLABELLED, args.every, args.articles,
                                              args.max_words),
                             teacher, args.min_prob, args.ignore_below, args.positives_only)
    print(f"annotated: {len(examples)} pairs, {sum(len(e.positive) for e in examples)} "
          f"positive labels; silver: {len(silver)} pairs, "
          f"{sum(len(e.positive) for e in silver)} positive labels", file=sys.stderr)
    meta = dict(teacher.meta, self_training={
        "articles": args.articles, "every": args.every, "min_prob": args.min_prob,
        "ignore_below": args.ignore_below, "positives_only": args.positives_only,
        "pairs": len(silver)})
    fitted = teacher.meta       # the student is fitted as the teacher was
    model = train.fit(examples + silver, fitted["C"], fitted["min_count"], teacher.thresholds,
                      meta, fitted["vector_dim"], fitted["vector_scale"], jobs=args.jobs)
    model.pruned(fitted["pruned"]["floor"]).save(args.out)
    print(f"model -> {args.out} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
