"""Arabic-specific behaviour: normalisation, proclitics, nisba, variants, metonymy, titles."""
from __future__ import annotations

import pytest

from extract.gazetteer import nisba_forms
from extract.normalize import name_key, normalise, peel
from extract.segment import clauses, sentences
from tests.extract_helpers import extract, extractor, triples


def test_normalise_folds_variants_and_digits() -> None:
    assert normalise("أُوكْرَانِيَا") == normalise("اوكرانيا")
    assert normalise("مـــصر") == "مصر"
    assert normalise("مستشفى") == normalise("مستشفي")
    assert normalise("عام ٢٠٢٣") == "عام 2023"
    assert name_key("بيونغ يانغ") == name_key("بيونج يانج")


def test_presentation_forms_fold_to_the_letters_they_draw() -> None:
    """Text pasted from PDFs uses the contextual glyphs (U+FE70..): «ﺍﻟﺤﻮﺛﻴﻴﻦ» is الحوثيين, and
    the lam-alef ligature is two letters."""
    assert normalise("ﺻﻔﻌﺔ ﺍﻟﺤﻮﺛﻴﻴﻦ") == normalise("صفعة الحوثيين")
    assert normalise("ﻻ") == "لا"


def test_peel_offers_every_proclitic_reading() -> None:
    assert ("روسيا", "و") in peel("وروسيا")
    assert ("كوريا", "ل") in peel("لكوريا")
    assert ("الصين", "ب") in peel("بالصين")
    assert ("الصين", "ل") in peel("للصين")      # لل = ل + ال
    assert peel("بوتين")[0] == ("بوتين", "")     # the unpeeled word comes first


def test_nisba_forms_inflect_every_word() -> None:
    forms = nisba_forms("كوري شمالي")
    assert ("الكوري", "الشمالي") in forms and ("الكوريه", "الشماليه") in forms


@pytest.mark.parametrize("surface", ["روسيا", "وروسيا", "لروسيا", "بروسيا", "الروسي", "الروسية",
                                     "والروسية", "روسي"])
def test_russia_in_every_form(surface: str) -> None:
    result = extract(f"قال مسؤول إن {surface} ستشارك.")
    assert "wd:Q159" in {m.entity for m in result.mentions}


@pytest.mark.parametrize("text", ["زار الوزير بيونغ يانغ أمس.", "زار الوزير بيونج يانج أمس."])
def test_transliteration_variants_link_to_one_entity(text: str) -> None:
    result = extract(text)
    assert "wd:Q18808" in {m.entity for m in result.mentions}


def test_mention_offsets_exclude_proclitics_and_match_the_text() -> None:
    text = "وصلت المساعدات لكوريا الشمالية وللصين."
    result = extract(text)
    for m in result.mentions:
        assert text[m.span.start:m.span.end] == m.span.text
    spans = {m.span.text for m in result.mentions}
    assert "كوريا الشمالية" in spans


@pytest.mark.parametrize("text", ["قدمت إيران دعما لـ”حزب الله” اللبناني.",
                                  "قدمت إيران دعما و«حزب الله» اللبناني.",
                                  "قدمت إيران دعما لـ«حزب الله» اللبناني."])
def test_quotation_mark_glued_to_a_proclitic_does_not_hide_the_name(text: str) -> None:
    """Papers glue the opening quote to the proclitic (لـ”حزب، و«داعش): the name inside
    is still found, and its mention is the name alone."""
    result = extract(text)
    named = {m.span.text: m.entity for m in result.mentions}
    assert named.get("حزب الله") == "wd:Q41053"


@pytest.mark.parametrize("group", ["مجموعة (5+1)", "مجموعة 5 + 1", "دول 5+1",
                                   "مجموعة «5+1»", "مجموعة خمسة زائد واحد"])
def test_the_p5_plus_1_is_one_actor_however_the_paper_writes_it(group: str) -> None:
    """The tokenizer splits 5+1 into three tokens, so the group's forms are listed split."""
    result = extract(f"وتوصلت إيران و{group} إلى اتفاق في فيينا.")
    assert "مجموعة 5+1" in {e.label for e in result.entities}


def test_capital_acting_as_agent_stands_for_its_state() -> None:
    result = extract("هددت موسكو بقطع العلاقات مع كييف، وتدعم واشنطن أوكرانيا.")
    st = [s for s in result.statements if s.predicate == "supports"]
    assert st and st[0].subject == "wd:Q30"
    assert "metonymy" in dict(st[0].resolution)["subject"]
    assert st[0].subject_span.text == "واشنطن"   # the original mention is kept


def test_title_before_unknown_name_gives_typed_unlinked_entity() -> None:
    result = extract("صرح الرئيس الكيني وليام روتو بأن بلاده ستعزز التجارة، ونشرت مجلة "
                     "ذا ديبلومات في عددها الأخير تقريرا.")
    by_label = {e.label: e for e in result.entities}
    assert by_label["وليام روتو"].type == "Person" and not by_label["وليام روتو"].qid
    assert by_label["ذا ديبلومات"].type == "Organisation"


def test_sentences_split_at_arabic_punctuation_and_headlines() -> None:
    doc = extractor().nlp("عنوان قصير\nقال الوزير إن الوضع صعب؛ هل ينتهي؟ نعم! انتهى. وبعد، عاد.")
    texts = [doc.text[s.char_start:s.char_end] for s in sentences(doc)]
    assert texts == ["عنوان قصير", "قال الوزير إن الوضع صعب؛", "هل ينتهي؟", "نعم!", "انتهى.",
                     "وبعد، عاد."]
    last = sentences(doc)[-1]
    assert [doc.text[c.char_start:c.char_end] for c in clauses(doc, last)] == ["وبعد", "عاد."]


def test_coordination_distributes_over_adjectives_and_nouns() -> None:
    found = triples(extract("تحتاج اليمن إلى مساعدات غذائية وطبية، وتطلب الأدوية والوقود من "
                            "السعودية."))
    assert {("اليمن", "seeks", "مساعدات غذائية"), ("اليمن", "seeks", "مساعدات طبية"),
            ("اليمن", "seeks", "الأدوية"), ("اليمن", "seeks", "الوقود"),
            ("اليمن", "seeksFrom", "السعودية")} <= found
