"""bench/ner_eval.py's scores: the seen/unseen split partitions the gold entities by whether
the training file shows their exact form as an entity, and adds up to the overall figures."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from extract.ner import model_path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "ner_eval.py"


def _bench():
    spec = importlib.util.spec_from_file_location("ner_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _conll(path: Path, sentences: list[list[tuple[str, str]]]) -> Path:
    path.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in sentences) + "\n",
                    encoding="utf-8")
    return path


def test_seen_and_unseen_entities_partition_the_score(tmp_path: Path) -> None:
    bench = _bench()
    train = _conll(tmp_path / "train.txt", [
        [("زار", "O"), ("الرئيس", "O"), ("بيروت", "B-LOC"), ("أمس", "O")],
        [("قال", "O"), ("دميتري", "B-PERS"), ("بيسكوف", "I-PERS")],
    ])
    seen = bench.entity_forms(bench.read_conll(train))
    assert seen == {"بيروت", "دميتري بيسكوف"}
    data = _conll(tmp_path / "test.txt", [
        [("وصل", "O"), ("الوزير", "O"), ("إلى", "O"), ("بيروت", "B-LOC"), ("قادما", "O"),
         ("من", "O"), ("كوالالمبور", "B-LOC")],
        [("وقال", "O"), ("بيسكوف", "B-PERS"), ("إن", "O"), ("الكرملين", "B-ORG"), ("يرحب", "O")],
    ])
    res = bench.evaluate(model_path(), data, seen=seen)
    novelty = res["novelty"]
    # only بيروت has a form the training file shows; بيسكوف alone is a different form
    assert novelty["seen"]["support"] == 1 and novelty["unseen"]["support"] == 3
    hits = {k: round(v["recall"] * v["support"]) for k, v in novelty.items()}
    assert hits["seen"] + hits["unseen"] == round(res["overall"]["recall"] * 4)
    assert bench.evaluate(model_path(), data)["novelty"] == {}
