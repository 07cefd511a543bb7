"""Score the shipped Arabic NER on ANERcorp's test split (CAMeL Lab split).

Entity-level exact match under the conlleval/seqeval convention (an `I-` tag that starts an
entity starts a new one): overall micro P/R/F1 and per type. Prints a table and writes
bench/results/ner_eval.json. Usage:

    python bench/ner_eval.py [--model DIR] [--data FILE] [--out JSON]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.ner import LABELS, model_path  # noqa: E402
from extract.ner.train import ANERCORP_TEST, read_conll, tag_spans  # noqa: E402
from khabar.atomic import write_text  # noqa: E402


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "support": n_gold}


def _seqeval_f1(gold: list[list[str]], pred: list[list[str]]) -> float | None:
    """Cross-check with the seqeval package itself (default conlleval mode), if installed."""
    try:
        from seqeval.metrics import f1_score
    except ImportError:
        return None
    return round(float(f1_score(gold, pred)), 4)


def evaluate(model: Path, data: Path) -> dict:
    """Run the model on every sentence of `data` and compare entity spans with the gold ones."""
    import spacy
    from spacy.tokens import Doc

    t0 = time.perf_counter()
    nlp = spacy.load(model)
    load_s = time.perf_counter() - t0
    sentences = read_conll(data)
    gold, pred = set(), set()
    gold_tags, pred_tags = [], []
    t0 = time.perf_counter()
    docs = (Doc(nlp.vocab, words=[w for w, _ in s]) for s in sentences)
    for i, (sent, doc) in enumerate(zip(sentences, nlp.pipe(docs, batch_size=64))):
        gold.update((i, *span) for span in tag_spans([t for _, t in sent]))
        pred.update((i, e.start, e.end, e.label_) for e in doc.ents)
        gold_tags.append([t for _, t in sent])
        pred_tags.append([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc])
    tag_s = time.perf_counter() - t0
    tp = gold & pred
    by = {kind: Counter() for kind in LABELS}
    for name, spans in (("tp", tp), ("pred", pred), ("gold", gold)):
        for span in spans:
            by.setdefault(span[3], Counter())[name] += 1
    n_words = sum(len(s) for s in sentences)
    return {
        "model": str(model), "data": str(data), "sentences": len(sentences), "words": n_words,
        "overall": prf(len(tp), len(pred), len(gold)),
        "per_type": {k: prf(c["tp"], c["pred"], c["gold"]) for k, c in sorted(by.items())},
        "seqeval_f1": _seqeval_f1(gold_tags, pred_tags),
        "load_seconds": round(load_s, 2), "words_per_second": round(n_words / tag_s),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=model_path())
    ap.add_argument("--data", type=Path, default=ANERCORP_TEST)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ner_eval.json")
    args = ap.parse_args()
    if not args.model.is_dir():
        sys.exit(f"ner_eval: no model at {args.model}")
    res = evaluate(args.model, args.data)
    print(f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}")
    for name, row in [*res["per_type"].items(), ("overall", res["overall"])]:
        print(f"{name:<8}{row['precision']:>8.4f}{row['recall']:>8.4f}{row['f1']:>8.4f}"
              f"{row['support']:>9}")
    print(f"seqeval package F1 (cross-check): {res['seqeval_f1']}")
    print(f"load {res['load_seconds']} s, {res['words_per_second']} words/s")
    # timings vary run to run; the JSON keeps them but scores are what it is for
    write_text(args.out, json.dumps(res, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
