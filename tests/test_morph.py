"""Lemma keys (extract/morph.py): one key per word family, so that a trigger listed once
matches its inflections, clitics, tanween and attached pronouns."""
import pytest

from extract.morph import lemma, lemmas, proclitics
from extract.normalize import normalise

FAMILIES = [
    ("اجتماع", "اجتماعا", "واجتماعه", "اجتماعات", "الاجتماع", "للاجتماع"),
    ("التقى", "يلتقي", "والتقت", "التقيا", "يلتقيان"),
    ("دعم", "يدعم", "تدعم", "ودعمها", "الدعم", "بدعم", "يدعمون", "دعمت"),
    ("تعاون", "التعاون", "يتعاون", "وتعاون", "تعاونا"),
    ("عقوبات", "العقوبات", "عقوبة", "والعقوبات"),
    ("فرض", "يفرض", "فرضت", "وفرض"),
    ("الحكومة", "حكومة", "حكومته", "الحكومات"),
]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f[0])
def test_a_family_shares_one_key(family):
    assert len({lemma(w) for w in family}) == 1, {w: lemma(w) for w in family}


def test_different_words_keep_different_keys():
    # تطرف (extremism) is no inflection of طرف (side): there is no يطرف to strip ت from
    assert lemma("التطرف") != lemma("طرف")
    assert lemma("اجتماع") != lemma("تعاون") != lemma("دعم")


@pytest.mark.parametrize("word, clitic", [("وزير", ""), ("ووزير", "و"), ("وليد", ""), ("بحث", ""),
                                          ("لروسيا", "ل"), ("بالرياض", "ب"), ("للحكومة", "ل")])
def test_proclitics_are_peeled_only_where_the_rest_is_a_word(word, clitic):
    assert proclitics(normalise(word)) == clitic


def test_spelling_variants_and_marks_do_not_matter():
    assert lemma("الاجتماعَاتُ") == lemma("الإجتماعات") == lemma("اجتماع")
    assert lemmas("فرض العقوبات") == (lemma("يفرض"), lemma("عقوبة"))


def test_analyses_are_cached_per_word_type():
    lemma.cache_clear()
    for _ in range(3):
        lemma("والتقت")
    info = lemma.cache_info()
    assert info.misses == 1 and info.hits == 2
