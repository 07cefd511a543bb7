"""Descriptive actors that recur across a corpus (mined by tools/mine_recurring_actors.py).

A noun phrase headed by an actor word (المجتمع الدولي، التحالف العربي، الحكومة العراقية) is an
entity of its article where the article itself shows it is one: it names it twice, or a
statement relates it (`extract.pipeline.to_result`). Across a corpus that evidence adds up: a
phrase that was an entity by its own article's evidence in several articles is an actor news
names again and again, and `to_result` keeps it wherever it is named, even once. Only an
article's own evidence counts, never the list, so mining with the list in place gives the
same list. Entries are entity keys of noun-phrase chunks (`extract/chunks.py`): after a change
to the chunker or to `name_key`, mine the list again (some entries would never match).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from extract.records import DocumentResult


def established(result: DocumentResult) -> set[str]:
    """Keys of the descriptive actors (noun-phrase chunks) that the article itself makes
    entities: named twice, or related by a statement."""
    named = Counter(m.entity for m in result.mentions if m.rule == "chunk")
    related = {k for st in result.statements for k in (st.subject, st.object)}
    return {k for k, n in named.items() if n >= 2 or k in related}


def mine(results: Iterable[DocumentResult], minimum: int) -> dict:
    """The recurring actors of `results` as the data file stores them: phrases of two words
    or more (one word, الحكومة or الدول, says nothing of who is meant) established in at
    least `minimum` articles."""
    articles: Counter[str] = Counter()
    labels: dict[str, str] = {}
    articles_read = 0
    for articles_read, result in enumerate(results, 1):
        keys = established(result)
        articles.update(keys)
        for e in result.entities:
            if e.key in keys:
                labels.setdefault(e.key, e.label)
    kept = {k: labels[k] for k, n in articles.items()
            if n >= minimum and len(labels[k].split()) >= 2}
    return {
        "_doc": "Descriptive actors (noun phrases headed by an actor word) that were entities "
                "by their own article's evidence (named twice, or related by a statement) in "
                f"at least {minimum} articles of the unlabelled SaudiNewsNet corpora; the "
                "pipeline keeps them as entities wherever they are named. Mined by "
                "tools/mine_recurring_actors.py: entity key -> label.",
        "min_articles": minimum,
        "articles": articles_read,
        "phrases": dict(sorted(kept.items())),
    }
