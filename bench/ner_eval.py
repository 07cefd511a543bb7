"""Score the shipped Arabic NER on ANERcorp's test split (CAMeL Lab split).

Entity-level exact match under the conlleval/seqeval convention (an `I-` tag that starts an
entity starts a new one): overall micro P/R/F1 and per type, and the same split by novelty:
entities whose exact surface form the training file shows as an entity ("seen") and the rest
("unseen"), which is where a model without pretrained representations loses. Prints the tables
and writes bench/results/ner_eval.json. Usage:

    python bench/ner_eval.py [--model DIR] [--data FILE] [--train FILE] [--out JSON] [--context N]
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
from extract.ner.train import ANERCORP_TEST, ANERCORP_TRAIN, read_conll, tag_spans  # noqa: E402
from graph.atomic import write_text  # noqa: E402


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


def entity_forms(sentences: list) -> set[str]:
    """Surface forms (words joined by a space) of every gold entity in `sentences`, any label."""
    return {" ".join(w for w, _ in sent[a:b])
            for sent in sentences for a, b, _ in tag_spans([t for _, t in sent])}


def _chunks(sentences: list, size: int) -> list[list]:
    return [sentences[i:i + size] for i in range(0, len(sentences), size)]


def evaluate(model: Path, data: Path, context: int = 1, seen: set[str] | None = None) -> dict:
    """Run the model on `data` and compare entity spans with the gold ones. `context` = how many
    consecutive sentences make one Doc: 1 is the standard sentence-by-sentence measure; more
    gives the model's document-level step (one name, one reading per Doc) the neighbouring
    sentences of the same article, as `khabar build` does with whole articles. ANERcorp marks
    no article boundaries, so a chunk may straddle two articles."""
    import spacy
    from spacy.tokens import Doc

    t0 = time.perf_counter()
    nlp = spacy.load(model)
    load_s = time.perf_counter() - t0
    sentences = read_conll(data)
    chunks = _chunks(sentences, context)
    gold, pred = set(), set()
    form: dict[tuple, str] = {}
    gold_tags, pred_tags = [], []
    t0 = time.perf_counter()
    docs = (Doc(nlp.vocab, words=[w for s in chunk for w, _ in s]) for chunk in chunks)
    n = 0
    for chunk, doc in zip(chunks, nlp.pipe(docs, batch_size=64)):
        offset = 0
        for sent in chunk:
            end = offset + len(sent)
            tags = [t for _, t in sent]
            spans = [(n, *span) for span in tag_spans(tags)]
            gold.update(spans)
            found = [(n, e.start - offset, e.end - offset, e.label_) for e in doc.ents
                     if offset <= e.start < end]
            pred.update(found)
            for key in spans + found:
                form[key] = " ".join(w for w, _ in sent[key[1]:key[2]])
            gold_tags.append(tags)
            pred_tags.append([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O"
                              for t in doc[offset:end]])
            offset, n = end, n + 1
    tag_s = time.perf_counter() - t0
    tp = gold & pred
    by = {kind: Counter() for kind in LABELS}
    for name, spans in (("tp", tp), ("pred", pred), ("gold", gold)):
        for span in spans:
            by.setdefault(span[3], Counter())[name] += 1
    n_words = sum(len(s) for s in sentences)
    novelty = {}
    if seen is not None:
        for name, keep in (("seen", True), ("unseen", False)):
            part = [{k for k in spans if (form[k] in seen) == keep} for spans in (tp, pred, gold)]
            novelty[name] = prf(*map(len, part))
    return {
        "model": str(model), "data": str(data), "sentences": len(sentences), "words": n_words,
        "context_sentences": context,
        "overall": prf(len(tp), len(pred), len(gold)),
        "per_type": {k: prf(c["tp"], c["pred"], c["gold"]) for k, c in sorted(by.items())},
        "novelty": novelty,
        "seqeval_f1": _seqeval_f1(gold_tags, pred_tags),
        "load_seconds": round(load_s, 2), "words_per_second": round(n_words / tag_s),
    }


def _row(name: str, row: dict, note: str = "") -> None:
    print(f"{name:<8}{row['precision']:>8.4f}{row['recall']:>8.4f}{row['f1']:>8.4f}"
          f"{row['support']:>9}{note}")


def _table(res: dict) -> None:
    print(f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}")
    for name, row in [*res["per_type"].items(), ("overall", res["overall"])]:
        _row(name, row)
    for name, row in res["novelty"].items():
        _row(name, row, f"   (entity form {'in' if name == 'seen' else 'not in'} training)")
    print(f"seqeval package F1 (cross-check): {res['seqeval_f1']}")
    print(f"load {res['load_seconds']} s, {res['words_per_second']} words/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=model_path())
    ap.add_argument("--data", type=Path, default=ANERCORP_TEST)
    ap.add_argument("--train", type=Path, default=ANERCORP_TRAIN,
                    help="what the model was trained on, for the seen/unseen split (default: the "
                         "whole ANERcorp train file, which the shipped refit model trained on)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ner_eval.json")
    ap.add_argument("--context", type=int, default=20, metavar="N",
                    help="also score with N consecutive sentences per Doc (default 20, about "
                         "one ANERcorp article); 0 to skip")
    args = ap.parse_args()
    if not args.model.is_dir():
        sys.exit(f"ner_eval: no model at {args.model}")
    seen = entity_forms(read_conll(args.train)) if args.train.is_file() else None
    res = {"sentence": evaluate(args.model, args.data, seen=seen)}
    print("One sentence per Doc (standard measure):")
    _table(res["sentence"])
    if args.context > 1:
        res["document"] = evaluate(args.model, args.data, args.context, seen=seen)
        print(f"\n{args.context} consecutive sentences per Doc (document-level step sees the article):")
        _table(res["document"])
    # timings vary run to run; the JSON keeps them but scores are what it is for
    write_text(args.out, json.dumps(res, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
