"""Train the relation model on annotated articles: `khabar train-relations`.

1. Every annotated article is run through the extraction pipeline up to the rule reader,
   and its candidate pairs are read with their features (`extract.relmodel.reader`).
2. Each candidate is mapped to gold entities by the evaluation's own label rules
   (`gold.GoldMatcher`), and each gold triple to the sentences its evidence quote covers.
   Where a required triple is stated in a sentence, one pair there is its positive example:
   the one whose candidates the gold names most exactly, then the closest. Other pairs that
   also map to it (a nisba inside a longer phrase, a second mention), and pairs a triple the
   gold only allows or states elsewhere maps to, are no evidence either way for that label.
3. One logistic regression per label (scikit-learn's liblinear, a fixed seed: the same data
   gives the same weights), fitted on the pairs whose argument types the label's predicate
   admits (`reader.admits`: the only pairs it decides), on features seen at least
   `min_count` times, and on the pair's contextual vector (`features.pair_vectors`) projected
   on its principal directions (per part: first argument, second, words between), each
   scaled to unit variance times `vector_scale`. Labels are fitted in parallel processes
   (`jobs`), each from its own seed.
4. The decision threshold is chosen by cross-validation over articles, scored as the
   evaluation scores (`evaluate.py`): the highest F1 whose precision is at least
   `min_precision` (analysts read what is drawn; a threshold that doubles the wrong triples
   for a point of F1 is no gain). Then each predicate may get its own threshold, the best of
   its own out-of-fold F1 where its own precision reaches `min_precision`; these are kept
   only when, together, they beat the one threshold out of fold (chosen on the same scores,
   so that figure is optimistic). The CV figures, overall and per predicate, are kept in
   the model's meta. Then the model is fitted on every article.
5. The saved model drops the features whose weight is under `prune` for every label
   (`RelationModel.pruned`), as it stores weights as float16: a way to ship the fit, so the
   cross-validated figures above are the full fit's.

    khabar train-relations [--set DIR ...] [--folds 5] [--prune 0.02] [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from extract.records import Entity, Span, Statement
from extract.relmodel.combine import combine
from extract.relmodel.evaluate import Score, Triple, _as_set, score_triples
from extract.relmodel.gold import (OWN_ANNOTATIONS, ROOT, SHARED, SHARED_TRAIN, GoldMatcher,
                                   _fold, evidence_spans, iter_gold)
from extract.relmodel.model import (LABELS, MODEL_DIR, PREDICATES, SYMMETRIC, RelationModel,
                                    split_label)
from extract.relmodel.reader import (Pair, Structures, _entity, barred_labels, decisions,
                                     doc_entities, doc_pair_vectors, document_pairs,
                                     structure_statements)

DEFAULTS = {"C": 2.0, "min_count": 8, "folds": 5, "min_precision": 0.55, "seed": 0,
            "vector_dim": 32, "vector_scale": 0.3, "jobs": min(4, os.cpu_count() or 1),
            "prune": 0.02}
#: Parts of a pair vector (`features.pair_vectors`): first argument, second, words between.
VECTOR_PARTS = 3
THRESHOLDS = (0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3)
#: Out-of-fold triples a predicate must output at a threshold for its own precision there
#: to count (fewer say nothing).
MIN_OWN_COUNTED = 10


@dataclass
class Example:
    features: list[str]
    positive: set[str]
    ignore: set[str]
    vector: np.ndarray | None = None


@dataclass
class Article:
    name: str
    gold: dict
    examples: list[Example] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    rules: list[Statement] = field(default_factory=list)   # the rule reader's statements
    entities: dict[str, Entity] = field(default_factory=dict)


def _keys(matcher: GoldMatcher, entity: Entity) -> set[str]:
    labels = [entity.label] + ([entity.label_en] if entity.label_en else [])
    return matcher.match(labels, [entity.qid] if entity.qid else [])


def _distance(pair: Pair) -> int:
    return max(0, pair.b.start - pair.a.end)


def label_pairs(article: Article, text: str, pairs: list[Pair]) -> None:
    """Attach the gold targets to each pair (see the module docstring)."""
    gold = article.gold
    matcher = GoldMatcher(gold["entities"])
    triples = []
    for part in ("required", "allowed"):
        for t in gold.get(part, []):
            spans = evidence_spans(text, t[3]) if len(t) > 3 else []
            triples.append((_as_set(t[0]), t[1], _as_set(t[2]), part, spans))
    forms = {" ".join(_fold(f)) for e in gold["entities"].values()
             for f in e.get("forms", []) + e.get("exact", [])}
    cache: dict[tuple[int, bool], set[str]] = {}

    def keys(c, place: bool) -> set[str]:
        key = (id(c), place)
        if key not in cache:
            cache[key] = _keys(matcher, c.entity if place else c.acting_entity())
        return cache[key]

    def exact(c) -> int:
        return int(" ".join(_fold(c.entity.label)) in forms)

    best: dict[tuple[int, int], tuple[tuple[int, int], int, str]] = {}
    found: list[set[str]] = []
    for n, pair in enumerate(pairs):
        touched: set[str] = set()
        seg = pair.seg
        for pred_label in LABELS:
            pred, direction = split_label(pred_label)
            first, second = (pair.a, pair.b) if direction in ">=" else (pair.b, pair.a)
            place = pred in ("locatedIn", "capitalOf")
            s_keys, o_keys = keys(first, place), keys(second, place)
            if not s_keys or not o_keys:
                continue
            for t, (subj, p, obj, part, spans) in enumerate(triples):
                if p != pred or not ((s_keys & subj and o_keys & obj) or (
                        pred in SYMMETRIC and o_keys & subj and s_keys & obj)):
                    continue
                touched.add(pred_label)
                here = any(seg.char_start < end and start < seg.char_end
                           for start, end in spans)
                if part == "required" and here:
                    rank = (-(exact(first) + exact(second)), _distance(pair))
                    slot = (t, pair.sentence)
                    if slot not in best or rank < best[slot][0]:
                        best[slot] = (rank, n, pred_label)
        found.append(touched)
    positive: list[set[str]] = [set() for _ in pairs]
    for _rank, n, pred_label in best.values():
        positive[n].add(pred_label)
    for pair, pos, touched in zip(pairs, positive, found):
        inadmissible = barred_labels(pair)
        article.examples.append(Example(pair.features, pos - inadmissible,
                                        (touched - pos) | inadmissible))
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
        entities = doc_entities(doc)
        structures = Structures()
        pairs = list(document_pairs(doc, lex, structures))
        listed, listed_entities = structure_statements(doc, gold["name"], structures)
        entities.update(listed_entities)
        article = Article(gold["name"], gold, rules=list(doc._.statements or []) + listed,
                          entities=entities)
        label_pairs(article, text, pairs)
        vectors = doc_pair_vectors(doc, pairs)
        if vectors is not None:
            for example, vector in zip(article.examples, vectors):
                example.vector = vector
        articles.append(article)
        if progress and n % 25 == 0:
            print(f"  {n} articles analysed ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr)
    return articles


def projection(vectors: np.ndarray, dim: int, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """(mean, P) such that (v - mean) @ P is v on the top `dim` principal directions of each
    part of the pair vectors, each at unit variance times `scale`. Directions come from the
    covariance's eigenvectors, each signed so that its largest entry is positive: the same
    vectors give the same projection."""
    x = vectors.astype(np.float64)
    mean = x.mean(axis=0)
    width = x.shape[1] // VECTOR_PARTS
    dim = min(dim, width)
    p = np.zeros((x.shape[1], VECTOR_PARTS * dim))
    for part in range(VECTOR_PARTS):
        cols = slice(part * width, (part + 1) * width)
        centred = x[:, cols] - mean[cols]
        values, directions = np.linalg.eigh(centred.T @ centred / max(1, len(centred)))
        order = np.argsort(-values, kind="stable")[:dim]
        chosen = directions[:, order]
        chosen *= np.sign(chosen[np.abs(chosen).argmax(axis=0), np.arange(dim)])
        spread = np.sqrt(np.maximum(values[order], 1e-12))
        p[cols, part * dim:(part + 1) * dim] = chosen / spread * scale
    return mean, p


_SHARED: dict = {}      # the design matrix and examples, shared with forked label fitters


def _fit_label(k: int) -> tuple[np.ndarray, float] | None:
    from sklearn.linear_model import LogisticRegression
    X, examples, C = _SHARED["X"], _SHARED["examples"], _SHARED["C"]
    label = LABELS[k]
    y = np.array([label in ex.positive for ex in examples], dtype=np.int8)
    rows = np.array([label not in ex.ignore for ex in examples])
    if y[rows].sum() < 2:
        return None
    # liblinear's primal solver: the dual one gives the same weights here (probabilities
    # within 0.001), 1.3 to 3 times slower per label (more examples than features)
    clf = LogisticRegression(C=C, solver="liblinear", dual=False, max_iter=2000,
                             random_state=DEFAULTS["seed"])
    clf.fit(X[rows], y[rows])
    return clf.coef_[0], float(clf.intercept_[0])


def _fit_labels(X, examples: list[Example], C: float, jobs: int) -> list:
    _SHARED.update(X=X, examples=examples, C=C)
    try:
        if jobs > 1:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                return pool.map(_fit_label, range(len(LABELS)))
        return [_fit_label(k) for k in range(len(LABELS))]
    finally:
        _SHARED.clear()


def example_vectors(examples: list[Example]) -> np.ndarray | None:
    """The examples' pair vectors as one matrix (None where any is missing)."""
    if not examples or any(ex.vector is None for ex in examples):
        return None
    return np.stack([ex.vector for ex in examples])


def fit(examples: list[Example], C: float = DEFAULTS["C"],
        min_count: int = DEFAULTS["min_count"], threshold: float | np.ndarray = 0.5,
        meta: dict | None = None, vector_dim: int = DEFAULTS["vector_dim"],
        vector_scale: float = DEFAULTS["vector_scale"],
        jobs: int = DEFAULTS["jobs"]) -> RelationModel:
    """One logistic regression per label on the examples (with their pair vectors where every
    example has one and `vector_dim` > 0)."""
    from scipy.sparse import csr_matrix, hstack

    counts = Counter(f for ex in examples for f in set(ex.features))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, ex in enumerate(examples):
        for c in sorted({index[f] for f in ex.features if f in index}):
            rows.append(r)
            cols.append(c)
    X = csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                   shape=(len(examples), len(names)))
    vectors = example_vectors(examples) if vector_dim > 0 else None
    if vectors is not None:
        mean, p = projection(vectors, vector_dim, vector_scale)
        X = hstack([X, csr_matrix((vectors.astype(np.float64) - mean) @ p)], format="csr")
    weights = np.zeros((len(names), len(LABELS)), dtype=np.float32)
    intercepts = np.full(len(LABELS), -20.0, dtype=np.float32)   # a label never seen: never
    dense = np.zeros((X.shape[1] - len(names), len(LABELS)))
    for k, fitted in enumerate(_fit_labels(X, examples, C, jobs)):
        if fitted is None:
            continue
        coef, intercept = fitted
        weights[:, k] = coef[:len(names)]
        dense[:, k] = coef[len(names):]
        intercepts[k] = intercept
    vector_weights = None
    if vectors is not None:
        folded = p @ dense                       # the projection folded into the weights
        vector_weights = np.vstack([folded, -(mean @ folded)[None, :]]).astype(np.float32)
    thresholds = np.broadcast_to(np.asarray(threshold, dtype=np.float32), (len(LABELS),))
    return RelationModel(LABELS, index, weights, intercepts, thresholds.copy(), meta or {},
                         vector_weights)


def triples(article: Article, probs: np.ndarray, threshold: float | np.ndarray) -> set[Triple]:
    """What the pipeline would output for the article at this threshold (one for every
    label, or one per label): the rule reader's statements and the model's, combined as the
    pipeline combines them, as plain triples (negated ones are not)."""
    entities = dict(article.entities)
    found: list[Statement] = []
    cut = np.broadcast_to(np.asarray(threshold, dtype=np.float64), (len(LABELS),))
    nowhere = Span(0, 0, "")
    for pair, pair_probs in zip(article.pairs, probs):
        for s, predicate, o, prob in decisions(pair, pair_probs, cut):
            subject, obj = _entity(s, predicate), _entity(o, predicate)
            if subject.key == obj.key:
                continue
            entities.setdefault(subject.key, subject)
            entities.setdefault(obj.key, obj)
            found.append(Statement(subject.key, predicate, obj.key, article.name, pair.sentence,
                                   nowhere, nowhere, Span(s.char_start, s.char_end, ""),
                                   Span(o.char_start, o.char_end, ""), "model", prob,
                                   pair.modality))
    out: set[Triple] = set()
    for st in combine(article.rules, found, entities):
        if st.modality != "negated":
            out.add((entities.get(st.subject, Entity(st.subject, st.subject, "Other")),
                     st.predicate, entities.get(st.object, Entity(st.object, st.object, "Other"))))
    return out


def folds(articles: list[Article], k: int) -> list[list[int]]:
    """Articles dealt round-robin in name order: deterministic, balanced by size."""
    return [list(range(i, len(articles), k)) for i in range(k)]


@dataclass
class CrossValidation:
    by_threshold: dict[float, Score]
    by_predicate: dict[str, Score]        # at the shipped thresholds
    threshold: float
    # each predicate's own threshold, where that did better out of fold than one for all
    per_predicate: dict[str, float] = field(default_factory=dict)
    per_predicate_score: Score | None = None

    def thresholds(self) -> np.ndarray:
        return label_thresholds(self.per_predicate, self.threshold)


def label_thresholds(own: dict[str, float], threshold: float) -> np.ndarray:
    """One threshold per label: its predicate's own, else the one for all."""
    return np.array([own.get(split_label(label)[0], threshold) for label in LABELS],
                    dtype=np.float32)


def _total(results: list[Score]) -> Score:
    total = Score()
    for result in results:
        total += result
    return total


def _by_predicate(articles: list[Article], results: list[Score]) -> dict[str, Score]:
    """Out-of-fold figures per predicate, from each article's scored triples."""
    by_predicate = {p: Score() for p in PREDICATES}
    for a, result in zip(articles, results):
        for i in result.missed:
            by_predicate[a.gold["required"][i][1]].required += 1
        for i in set(range(len(a.gold["required"]))) - set(result.missed):
            p = a.gold["required"][i][1]
            by_predicate[p].required += 1
            by_predicate[p].found += 1
            by_predicate[p].correct += 1
            by_predicate[p].counted += 1
        for _s, p, _o in result.wrong:
            by_predicate[p].counted += 1
    return by_predicate


def _own_thresholds(by_predicate_at: dict[float, dict[str, Score]], chosen: float,
                    min_precision: float) -> dict[str, float]:
    """Each predicate's best out-of-fold threshold among those where its own precision
    reaches `min_precision` on at least MIN_OWN_COUNTED triples; the one for all where none
    does. A predicate the model reads surely (leaderOf from titles) can then go lower, one it
    reads poorly stays where it was."""
    out = {}
    for p in PREDICATES:
        eligible = [t for t in THRESHOLDS if by_predicate_at[t][p].counted >= MIN_OWN_COUNTED
                    and by_predicate_at[t][p].precision >= min_precision]
        if eligible:
            out[p] = max(eligible, key=lambda t: (round(by_predicate_at[t][p].f1, 4), t))
    return {p: t for p, t in out.items() if t != chosen}


def cross_validate(articles: list[Article], k: int = DEFAULTS["folds"],
                   C: float = DEFAULTS["C"], min_count: int = DEFAULTS["min_count"],
                   min_precision: float = DEFAULTS["min_precision"],
                   extra: list[Article] | None = None,
                   vector_dim: int = DEFAULTS["vector_dim"],
                   jobs: int = DEFAULTS["jobs"]) -> CrossValidation:
    """Out-of-fold scores at every candidate threshold, and the threshold to ship.
    `extra` articles are added to every fold's training data (never scored)."""
    held: dict[str, np.ndarray] = {}
    for fold in folds(articles, k):
        test = set(fold)
        train = [ex for i, a in enumerate(articles) if i not in test for ex in a.examples]
        train += [ex for a in extra or [] for ex in a.examples]
        model = fit(train, C, min_count, vector_dim=vector_dim, jobs=jobs)
        for i in fold:
            examples = articles[i].examples
            held[articles[i].name] = model.scores_many([e.features for e in examples],
                                                       example_vectors(examples))
    by_threshold, per_article = {}, {}
    for t in THRESHOLDS:
        per_article[t] = [score_triples(a.gold, triples(a, held[a.name], t)) for a in articles]
        by_threshold[t] = _total(per_article[t])
    eligible = [t for t, s in by_threshold.items() if s.precision >= min_precision]
    chosen = max(eligible or THRESHOLDS, key=lambda t: (round(by_threshold[t].f1, 4), t))
    by_predicate_at = {t: _by_predicate(articles, per_article[t]) for t in THRESHOLDS}
    cv = CrossValidation(by_threshold, by_predicate_at[chosen], chosen)
    own = _own_thresholds(by_predicate_at, chosen, min_precision)
    if own:
        cut = label_thresholds(own, chosen)
        results = [score_triples(a.gold, triples(a, held[a.name], cut)) for a in articles]
        total = _total(results)
        # chosen on the same out-of-fold scores: kept only where it is better overall
        if total.precision >= min_precision and total.f1 > by_threshold[chosen].f1:
            cv.per_predicate, cv.per_predicate_score = own, total
            cv.by_predicate = _by_predicate(articles, results)
    return cv


def _figures(s: Score) -> dict:
    return {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
            "f1": round(s.f1, 3), "found": s.found, "required": s.required,
            "correct": s.correct, "counted": s.counted}


def train(sets: list[Path], out: Path, k: int = DEFAULTS["folds"], C: float = DEFAULTS["C"],
          min_count: int = DEFAULTS["min_count"],
          min_precision: float = DEFAULTS["min_precision"], extra_sets: list[Path] = (),
          progress: bool = True, vector_dim: int = DEFAULTS["vector_dim"],
          jobs: int = DEFAULTS["jobs"], prune: float = DEFAULTS["prune"]) -> RelationModel:
    """Analyse, cross-validate, fit on everything, save into `out`; return the model.

    The model saved is pruned (`RelationModel.pruned`): like its float16 storage, a way to
    ship it, not a part of the fit, so the cross-validated figures are the full fit's."""
    articles = analyse(sets, progress)
    extra = analyse(list(extra_sets), progress) if extra_sets else []
    cv = (cross_validate(articles, k, C, min_count, min_precision, extra, vector_dim, jobs)
          if k > 1 else None)
    threshold = cv.threshold if cv else 0.1
    thresholds = cv.thresholds() if cv else threshold
    meta = {"sets": [_portable(s) for s in sets],
            "extra_sets": [_portable(s) for s in extra_sets], "articles": len(articles),
            "extra_articles": len(extra),
            "pairs": sum(len(a.examples) for a in articles + extra),
            "positives": sum(len(e.positive) for a in articles + extra for e in a.examples),
            "C": C, "min_count": min_count, "min_precision": min_precision,
            "threshold": threshold, "vector_dim": vector_dim,
            "vector_scale": DEFAULTS["vector_scale"]}
    if cv is not None:
        meta["cv"] = {"folds": k, "by_threshold": {str(t): _figures(s)
                                                   for t, s in cv.by_threshold.items()},
                      "by_predicate": {p: _figures(s) for p, s in cv.by_predicate.items()}}
        if cv.per_predicate_score is not None:
            meta["thresholds_by_predicate"] = dict(sorted(cv.per_predicate.items()))
            meta["cv"]["per_predicate_thresholds"] = _figures(cv.per_predicate_score)
    model = fit([e for a in articles + extra for e in a.examples], C, min_count, thresholds,
                meta, vector_dim, jobs=jobs)
    if prune > 0:
        model = model.pruned(prune)
    model.save(out)
    return model


def _portable(folder: Path) -> str:
    """A set's name as the meta records it: the same on every machine (no absolute paths)."""
    folder = folder.resolve()
    for base, name in ((ROOT, ""), (SHARED, "../shared/")):
        if folder.is_relative_to(base):
            return name + folder.relative_to(base).as_posix()
    return folder.name


def training_sets(sets: list[Path] | None = None, extra: list[Path] | None = None,
                  no_extra: bool = False) -> tuple[list[Path], list[Path]]:
    """The sets to train on and the extra ones, with the defaults: the shared training
    articles, plus khabar's own annotations where they are present (unless `no_extra`)."""
    if no_extra:
        extra = []
    elif extra is None:
        extra = [OWN_ANNOTATIONS] if (OWN_ANNOTATIONS / "gold").is_dir() else []
    return list(sets or [SHARED_TRAIN]), list(extra)


def cv_summary(model: RelationModel) -> str:
    """One line on the cross-validated figures at the chosen threshold ("" without CV)."""
    meta = model.meta
    if "cv" not in meta:
        return ""
    best = meta["cv"]["by_threshold"][str(meta["threshold"])]
    line = (f"cross-validated ({meta['cv']['folds']} folds, {meta['articles']} articles): "
            f"P={best['precision']:.3f} R={best['recall']:.3f} F1={best['f1']:.3f} "
            f"at threshold {meta['threshold']}")
    own = meta["cv"].get("per_predicate_thresholds")
    if own:
        line += (f"; with the predicates' own thresholds "
                 f"({', '.join(f'{p} {t}' for p, t in meta['thresholds_by_predicate'].items())}) "
                 f"P={own['precision']:.3f} R={own['recall']:.3f} F1={own['f1']:.3f}")
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar train-relations",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, action="append", default=None,
                        help="annotated set folder with gold/ (and articles/); repeatable "
                             "(default: ../shared/eval/train)")
    parser.add_argument("--extra", type=Path, action="append", default=None,
                        help="further annotated sets added to the training data, never scored "
                             "(default: khabar's own, data/annotations/saudinewsnet; "
                             "--no-extra for none)")
    parser.add_argument("--no-extra", action="store_true",
                        help="train on the --set articles only")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model folder")
    parser.add_argument("--folds", type=int, default=DEFAULTS["folds"],
                        help="cross-validation folds that choose the threshold (1: none)")
    parser.add_argument("--C", type=float, default=DEFAULTS["C"], help="inverse L2 strength")
    parser.add_argument("--min-count", type=int, default=DEFAULTS["min_count"])
    parser.add_argument("--min-precision", type=float, default=DEFAULTS["min_precision"])
    parser.add_argument("--vector-dim", type=int, default=DEFAULTS["vector_dim"],
                        help="principal directions kept per part of the pair's contextual "
                             "vector (0: features only)")
    parser.add_argument("--jobs", type=int, default=DEFAULTS["jobs"],
                        help="labels fitted at once, one process each")
    parser.add_argument("--prune", type=float, default=DEFAULTS["prune"],
                        help="drop the features whose weight is under this for every label "
                             "from the saved model (0: keep all)")
    args = parser.parse_args(argv)
    sets, extra = training_sets(args.set, args.extra, args.no_extra)
    started = time.perf_counter()
    model = train(sets, args.out, args.folds, args.C, args.min_count, args.min_precision,
                  extra, vector_dim=args.vector_dim, jobs=args.jobs, prune=args.prune)
    if cv_summary(model):
        print(cv_summary(model))
    print(f"model: {len(model.features)} features x {len(model.labels)} labels -> {args.out} "
          f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
