"""khabar's own annotated articles (`data/annotations/`) are training data: each must be
well-formed by `../shared/eval/ANNOTATION.md`, name an article the corpus holds, and quote its
evidence verbatim from that article, or the trainer aligns triples to the wrong sentences."""
from __future__ import annotations

import json
import re

import pytest

from extract.relmodel.gold import (OWN_ANNOTATIONS, SAUDINEWSNET, SHARED, article_text,
                                  evidence_spans)
from extract.relmodel.model import PREDICATES

GOLD = sorted((OWN_ANNOTATIONS / "gold").glob("*.json"))
AGREEMENT = sorted((OWN_ANNOTATIONS.parent / "agreement").glob("*.json"))

pytestmark = pytest.mark.skipif(not SAUDINEWSNET.is_file(),
                                reason="needs ../shared/data/saudinewsnet beside the clone")


def _keys(slot: str | list[str]) -> list[str]:
    return slot if isinstance(slot, list) else [slot]


def _problems(gold: dict, text: str) -> list[str]:
    out = []
    entities = gold["entities"]
    for key, entity in entities.items():
        if not entity.get("forms"):
            out.append(f"{key} has no forms")
    for part in ("required", "allowed"):
        for triple in gold[part]:
            if len(triple) != 4:
                out.append(f"{part}: {triple} is not [subject, predicate, object, evidence]")
                continue
            subject, predicate, obj, evidence = triple
            if predicate not in PREDICATES:
                out.append(f"{part}: unknown predicate {predicate}")
            out += [f"{part}: {k} is not an entity" for k in _keys(subject) + _keys(obj)
                    if k not in entities]
            # found as the trainer finds it: letters and digits, normalised (the order of
            # a shadda and its vowel varies), each part of a quote abridged with "..."
            pieces = [p for p in re.split(r"…|\.\.\.", evidence) if len(p.strip()) >= 4]
            if not pieces or any(not evidence_spans(text, p) for p in pieces):
                out.append(f"{part}: evidence not in the article: {evidence[:60]}")
    return out


def test_the_annotated_articles_are_many_and_distinct() -> None:
    documents = [json.loads(p.read_text(encoding="utf-8"))["document"] for p in GOLD]
    assert len(GOLD) >= 2000
    assert len(set(documents)) == len(documents)
    assert all(d == f"{p.stem}.ar.txt" for p, d in zip(GOLD, documents))


def test_every_annotation_is_well_formed_and_quotes_its_article() -> None:
    problems = []
    for path in GOLD:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = article_text(OWN_ANNOTATIONS, gold["document"])
        problems += [f"{path.name}: {p}" for p in _problems(gold, text)]
    assert not problems, "\n".join(problems[:20])


def test_the_blind_annotations_are_of_shared_training_articles() -> None:
    """Each agreement file annotates a shared training article (scored against its gold by
    tools/annotation_agreement.py), never a dev one."""
    assert len(AGREEMENT) >= 80
    for path in AGREEMENT:
        assert (SHARED / "eval" / "train" / "gold" / path.name).is_file(), path.name
        assert not (SHARED / "eval" / "dev" / "gold" / path.name).exists(), path.name
