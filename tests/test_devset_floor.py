"""A quality floor on real annotated news: a few dev articles built as `khabar build` builds
them and scored by the evaluation's own scorer (../shared/eval/score.py). The floor sits well
below the measured figure (README, "Relations on real news"): it catches a broken extractor,
not a point of F1."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extract.records import Document
from graph.assemble import assemble
from graph.turtle import write_turtle
from tests.extract_helpers import extractor

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
ARTICLES = ("02-aljazirah-525590", "08-aawsat-6508db", "12-aljazirah-0e638e",
            "20-alyaum-cf7dcb", "33-aawsat-eddd9e", "36-aawsat-a94bb9")
pytestmark = pytest.mark.skipif(not (EVAL / "dev" / "gold").is_dir(),
                                reason="../shared/eval/dev not present")


def _scorer():
    spec = importlib.util.spec_from_file_location("khabar_eval_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def test_dev_articles_stay_above_the_floor(tmp_path):
    score = _scorer()
    totals = dict(correct=0, counted=0, found=0, required=0, actors=0, actors_found=0)
    for name in ARTICLES:
        gold = EVAL / "dev" / "gold" / f"{name}.json"
        doc = json.loads(gold.read_text(encoding="utf-8"))["document"]
        text = (EVAL / "dev" / "articles" / doc).read_text(encoding="utf-8")
        result = extractor()(Document(id=name, text=text))
        path = tmp_path / f"{name}.ttl"
        write_turtle(assemble([result]), path)
        res = score(path, gold)
        for key in totals:
            totals[key] += res[key]
    precision = totals["correct"] / max(1, totals["counted"])
    recall = totals["found"] / max(1, totals["required"])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert totals["required"] > 100
    assert f1 >= 0.12, totals
    assert precision >= 0.35, totals
    assert totals["actors_found"] / totals["actors"] >= 0.75, totals
