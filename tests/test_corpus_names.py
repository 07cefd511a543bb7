"""Names the NER tags in most of their occurrences across the corpora (extract/corpus_names.py)."""
from __future__ import annotations

import json

from extract import corpus_names
from extract.corpus_names import FormIndex, Tally, form_of, select
from extract.normalize import name_key


def _keys(text: str) -> list[str]:
    return [name_key(w) for w in text.split()]


def test_scan_takes_the_longest_form_and_peels_a_proclitic() -> None:
    index = FormIndex([("ياسر", "عرفات"), ("عرفات",), ("قاديروف",)])
    found = index.scan(_keys("التقى ياسر عرفات وعرفات ثم بقاديروف"))
    assert [(o.start, o.end, o.clitic, o.form) for o in found] == [
        (1, 3, "", ("ياسر", "عرفات")), (3, 4, "و", ("عرفات",)), (5, 6, "ب", ("قاديروف",))]


def test_form_of_peels_the_clitic_the_mention_carries() -> None:
    keys = _keys("وعرفات قال")
    assert form_of(keys, 0, 1, "و") == ("عرفات",)
    assert form_of(keys, 0, 1, "") == ("وعرفات",)
    assert form_of(keys, 0, 1, "ك") is None


def _tally() -> Tally:
    tally = Tally.empty()
    # a name tagged in three articles, a word tagged once in three articles
    for _ in range(3):
        tally.add_tagged([(("قاديروف",), "Person", "قاديروف"), (("فتح",), "Organisation", "فتح")])
    tally.add_tagged([(("قاديروف",), "Place", "قاديروف")])
    tally.occurrences.update({("قاديروف",): 5, ("فتح",): 40})
    return tally


def test_select_keeps_a_form_tagged_in_most_of_its_occurrences() -> None:
    kept = select(_tally(), min_tagged=3, min_articles=3, min_share=0.6, known=set())
    assert list(kept) == ["قاديروف"]
    assert kept["قاديروف"] == {"type": "Person", "label": "قاديروف", "tagged": 4,
                               "articles": 4, "share": 0.8}
    # a word that is a name in 3 of its 40 occurrences (فتح: opened) is not kept
    assert "فتح" in select(_tally(), 3, 3, 0.05, set())


def test_select_leaves_gazetteer_names_and_rare_forms_out() -> None:
    assert select(_tally(), 3, 3, 0.6, known={("قاديروف",)}) == {}
    assert select(_tally(), 5, 3, 0.6, known=set()) == {}
    assert select(_tally(), 3, 5, 0.6, known=set()) == {}


def test_select_leaves_a_name_with_a_proclitic_the_model_kept_out() -> None:
    tally = Tally.empty()
    for _ in range(4):
        tally.add_tagged([(("بواشنطن",), "Place", "بواشنطن"), (("بقاديروف",), "Person", "x"),
                          (("قاديروف",), "Person", "قاديروف"), (("", "حجازي"), "Person", "x")])
    kept = select(tally, 3, 3, 0.5, known={("واشنطن",)})
    assert list(kept) == ["قاديروف"]


def test_select_leaves_the_models_misc_names_out() -> None:
    tally = Tally.empty()
    for _ in range(4):
        tally.add_tagged([(("ريال",), "Other", "ريال")])
    tally.occurrences.update({("ريال",): 4})
    assert select(tally, 3, 3, 0.5, set()) == {}


def test_shipped_list_shape() -> None:
    raw = json.loads(corpus_names.PATH.read_text(encoding="utf-8"))
    names = raw["names"]
    assert len(names) > 500
    assert raw["articles"] > 20_000
    for form, entry in names.items():
        assert form == " ".join(name_key(w) for w in form.split())
        assert entry["type"] in ("Person", "Place", "Organisation")
        assert entry["tagged"] >= raw["min_tagged"] and entry["articles"] >= raw["min_articles"]
        assert entry["share"] >= raw["min_share"]


def _doc(text: str):
    from extract.pipeline import build_nlp
    return build_nlp(use_ner=False, use_relation_model=False)(text)


def test_listed_names_become_ner_mentions_where_the_model_tagged_nothing() -> None:
    from extract import lexicon
    from extract.ner_mentions import with_corpus_names
    doc = _doc("ونشر المتحدث بيانا عبر حسابه في تويتر ثم تحدث عن الخميني وبالخميني.")
    found = [(m.entity.label, m.entity.type, m.rule, m.clitic, m.entity.key)
             for m in with_corpus_names(doc, [], lexicon.default())]
    assert found == [("تويتر", "Organisation", "ner", "", "name:تويتر"),
                     ("الخميني", "Person", "ner", "", "name:الخميني"),
                     ("الخميني", "Person", "ner", "وب", "name:الخميني")]


def test_the_models_own_mention_wins_over_a_listed_name() -> None:
    from extract import lexicon
    from extract.ner_mentions import name_mention, with_corpus_names
    doc = _doc("قال الخميني إن الثورة مستمرة.")
    tagged = name_mention(doc, 1, 2, "", "Organisation", lexicon.default())
    assert with_corpus_names(doc, [tagged], lexicon.default()) == [tagged]
