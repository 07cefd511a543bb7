"""Descriptive actors that recur across a corpus (extract/recurring.py, the mined list in
extract/data/lexicon/recurring_actors.json, and how extraction uses it)."""
from __future__ import annotations

import json

from extract import lexicon
from extract.lexicon import DATA
from extract.recurring import established, mine
from tests.extract_helpers import extract

TWICE = "أكدت رابطة الصيادين الهواة أن الوضع مستقر. وقالت رابطة الصيادين الهواة إنها ستعود."
ONCE = "أكدت رابطة الصيادين الهواة أن الوضع مستقر."
KEY_WORDS = "رابطة الصيادين الهواة"


def _key(result) -> str:
    return next(e.key for e in result.entities if e.label == KEY_WORDS)


def test_a_phrase_an_article_names_twice_is_established_there_and_one_named_once_is_not():
    twice = extract(TWICE, "a")
    assert established(twice) == {_key(twice)}
    assert not established(extract(ONCE, "b"))


def test_mining_counts_articles_that_establish_a_phrase_and_keeps_phrases_of_two_words():
    one_word = "وقالت الحكومة إن الوضع مستقر. وأكدت الحكومة أنها ستعود."
    results = [extract(TWICE, "a"), extract(TWICE, "b"), extract(ONCE, "c"),
               extract(one_word, "d"), extract(one_word, "e")]
    key = _key(results[0])
    mined = mine(results, minimum=2)
    assert mined["phrases"] == {key: KEY_WORDS}
    assert mined["articles"] == 5 and mined["min_articles"] == 2
    # the article that names it once does not count, whether or not the list keeps it there
    assert mine(results, minimum=3)["phrases"] == {}


def test_the_shipped_list_is_mined_data_of_multiword_phrase_keys():
    data = json.loads((DATA / "lexicon" / "recurring_actors.json").read_text(encoding="utf-8"))
    phrases = data["phrases"]
    assert data["min_articles"] >= 2 and len(phrases) > 1000
    assert all(key.startswith("name:") and len(label.split()) >= 2
               for key, label in phrases.items())
    assert frozenset(phrases) == lexicon.default().recurring_actors


def test_a_recurring_actor_named_once_is_an_entity_and_an_unlisted_phrase_is_not():
    recurring = lexicon.default().recurring_actors
    result = extract("ودعا المجتمع الدولي إلى وقف القتال.")
    kept = {e.label: e.key for e in result.entities}
    assert kept.get("المجتمع الدولي") in recurring
    assert [m.rule for m in result.mentions if m.span.text == "المجتمع الدولي"] == ["chunk"]
    assert not extract(ONCE).entities       # named once, related to nothing, listed nowhere
