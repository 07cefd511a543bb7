"""bench/self_training.py's silver examples: the teacher's confident labels are positive only
where the predicate admits the pair, its uncertain ones are no evidence, and a positives-only
silver pair teaches nothing but its positive labels."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from extract.relmodel.model import LABELS, RelationModel

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench" / "self_training.py"
SEED = ROOT / "seeds" / "putin-kim-vladivostok.ar.txt"


def _bench():
    spec = importlib.util.spec_from_file_location("self_training", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_silver_labels_follow_the_teacher() -> None:
    bench = _bench()
    teacher = RelationModel.load()
    text = SEED.read_text(encoding="utf-8")
    full = bench.silver_examples(iter([text]), teacher, 0.5, 0.05, positives_only=False)
    assert full and sum(len(ex.positive) for ex in full) >= 5   # the seed's plain relations
    for ex in full:
        probs = teacher.scores(ex.features, ex.vector)
        confident = {LABELS[k] for k in np.flatnonzero(probs >= 0.5)}
        unsure = {LABELS[k] for k in np.flatnonzero((probs >= 0.05) & (probs < 0.5))}
        assert ex.positive <= confident and not ex.positive & ex.ignore
        assert unsure <= ex.ignore
        assert confident - ex.positive <= ex.ignore       # barred by the signatures
    only = bench.silver_examples(iter([text]), teacher, 0.5, 0.05, positives_only=True)
    assert [ex.positive for ex in only] == [ex.positive for ex in full if ex.positive]
    assert all(ex.ignore == set(LABELS) - ex.positive for ex in only)
