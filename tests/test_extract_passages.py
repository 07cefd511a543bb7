"""The same machinery as the seed, on passages about other actors (none of them in the seed)."""
from __future__ import annotations

import pytest

from tests.extract_helpers import extract, triples

PASSAGES = {
    "iran-drones": (
        "زودت إيران روسيا بطائرات مسيرة وصواريخ باليستية لاستخدامها في الحرب على أوكرانيا.",
        {("إيران", "provides", "طائرات مسيرة"), ("إيران", "provides", "صواريخ باليستية"),
         ("إيران", "supports", "روسيا")}),
    "turkey-syria-talks": (
        "أجرت تركيا محادثات مع سوريا في أنقرة بشأن أمن الحدود.",
        {("تركيا", "meetsWith", "سوريا")}),
    "china-warns-taiwan": (
        "حذرت الصين تايوان من أي محاولة للاستقلال، وقالت بكين إنها تعارض بيع الأسلحة "
        "الأمريكية للجزيرة.",
        {("الصين", "warnsAgainst", "تايوان"), ("الولايات المتحدة", "provides", "الأسلحة")}),
    "eu-sanctions-belarus": (
        "فرض الاتحاد الأوروبي عقوبات جديدة على بيلاروسيا بسبب دعمها لروسيا.",
        {("الاتحاد الأوروبي", "sanctions", "بيلاروس"), ("بيلاروس", "supports", "روسيا")}),
    "egypt-hosts-talks": (
        "استضافت مصر محادثات بين إسرائيل وحركة حماس في القاهرة.",
        {("حركة حماس", "meetsWith", "إسرائيل")}),
    "opec-members": (
        "تضم منظمة أوبك السعودية والعراق والإمارات، وانضمت فنلندا إلى حلف شمال الأطلسي.",
        {("السعودية", "memberOf", "أوبك"), ("العراق", "memberOf", "أوبك"),
         ("الإمارات", "memberOf", "أوبك"), ("فنلندا", "memberOf", "حلف شمال الأطلسي")}),
    "morocco-cuts-ties": (
        "قطع المغرب علاقاته مع إيران عام 2018.",
        {("المغرب", "distancesFrom", "إيران")}),
    "kyiv-capital-visit": (
        "وصل وزير الخارجية الفرنسي إلى العاصمة الأوكرانية كييف، والتقى الرئيس الأوكراني "
        "فولوديمير زيلينسكي.",
        {("كييف", "capitalOf", "أوكرانيا"), ("فولوديمير زيلينسكي", "leaderOf", "أوكرانيا"),
         ("فرنسا", "meetsWith", "فولوديمير زيلينسكي")}),
    "unknown-leaders": (
        "التقى الرئيس الكيني وليام روتو مع رئيس الوزراء الإثيوبي آبي أحمد في نيروبي.",
        {("وليام روتو", "leaderOf", "كينيا"), ("آبي أحمد", "leaderOf", "إثيوبيا")}),
}


@pytest.mark.parametrize("name", sorted(PASSAGES))
def test_passage_gives_expected_triples(name: str) -> None:
    text, expected = PASSAGES[name]
    found = triples(extract(text, name))
    assert expected <= found, f"missing: {expected - found}; found: {found}"


@pytest.mark.parametrize("text", ["تدعم روسيا سوريا إضافة إلى إيران.",
                                  "تدعم روسيا سوريا ثم إيران."])
def test_list_continued_by_a_phrase_reaches_its_last_member(text: str) -> None:
    """إضافة إلى (two words) continues a list of objects as و does."""
    assert {("روسيا", "supports", "سوريا"), ("روسيا", "supports", "إيران")} <= triples(extract(text))


def test_symmetric_meeting_between_unlisted_leaders() -> None:
    found = triples(extract(PASSAGES["unknown-leaders"][0]))
    pair = {("آبي أحمد", "meetsWith", "وليام روتو"), ("وليام روتو", "meetsWith", "آبي أحمد")}
    assert pair & found


def test_negation_is_recorded_not_asserted() -> None:
    result = extract("لم تقدم الصين أسلحة لروسيا.")
    rows = triples(result, with_modality=True)
    assert ("الصين", "provides", "أسلحة", "negated") in rows
    assert not any(m == "asserted" for *_, m in rows)


def test_hedge_marks_possible_with_lower_confidence() -> None:
    hedged = extract("قد تفرض الولايات المتحدة عقوبات على إيران.")
    plain = extract("فرضت الولايات المتحدة عقوبات على إيران.")
    (h,) = [s for s in hedged.statements if s.predicate == "sanctions"]
    (p,) = [s for s in plain.statements if s.predicate == "sanctions"]
    assert (h.modality, p.modality) == ("possible", "asserted")
    assert h.confidence < p.confidence


def test_no_relation_without_a_trigger() -> None:
    result = extract("زار وفد من رجال الأعمال معرض الكتاب في الرياض أمس وسط إقبال كبير.")
    assert not [s for s in result.statements if s.predicate != "locatedIn"]


def test_provenance_offsets_point_into_the_original_text() -> None:
    text = "وأعلنت فرنسا فرضَ عقوباتٍ على روسيا، بحسب وكالة رويترز."
    result = extract(text)
    (st,) = [s for s in result.statements if s.predicate == "sanctions"]
    for span in (st.quote, st.trigger, st.subject_span, st.object_span):
        assert text[span.start:span.end] == span.text
    assert "روسيا" in st.object_span.text and "فرض" in st.trigger.text
    assert st.rule and st.doc_id == "passage" and st.sentence == 0
    assert st.attribution  # بحسب وكالة رويترز


def test_time_from_the_sentence() -> None:
    result = extract("قطع المغرب علاقاته مع إيران عام 2018.")
    (st,) = result.statements
    assert st.time == "2018"


def test_member_list_after_member_states() -> None:
    found = triples(extract("اجتمع وزراء خارجية الدول الأعضاء في حلف شمال الأطلسي وهي فرنسا "
                            "وألمانيا وإيطاليا في بروكسل."))
    assert {("فرنسا", "memberOf", "حلف شمال الأطلسي"), ("ألمانيا", "memberOf", "حلف شمال الأطلسي"),
            ("إيطاليا", "memberOf", "حلف شمال الأطلسي")} <= found


def test_ta_marbuta_is_not_a_pronoun_suffix() -> None:
    # وفرة (abundance) must not read as the verb وفّر (provide) with a pronoun
    assert not extract("وتراجع النفط بسبب وفرة الإمدادات في الصين.").statements


def test_imposing_control_is_no_sanction() -> None:
    # فرض ... على is a sanction only when what is imposed is one (عقوبات، حظر، قيود)
    control = extract("ووجهت القوات صفعة جديدة لمليشيات الحوثي، حيث فرضت أمس سيطرتها على "
                      "زنجبار.")
    assert not [s for s in control.statements if s.predicate == "sanctions"]
    punished = triples(extract("وعاقبت واشنطن موسكو على ضم القرم."))
    assert ("الولايات المتحدة", "sanctions", "روسيا") in punished


def test_a_name_spelt_otherwise_than_its_label_becomes_an_alias():
    # the gazetteer's label is الولايات المتحدة; the article says أمريكا, امريكا (the same
    # up to hamza: one alias) and أميركا; the state's own label and a nisba are no aliases
    result = extract("وقالت أمريكا إن روسيا تهدد أوروبا، وردت موسكو بأن امريكا والجيش "
                     "الأمريكي وأميركا يهددون الأمن.")
    usa = next(e for e in result.entities if e.qid == "Q30")
    assert usa.label == "الولايات المتحدة"
    assert usa.aliases == ("أمريكا", "أميركا")
    russia = next(e for e in result.entities if e.qid == "Q159")
    assert russia.aliases == ()


def test_a_verb_or_a_counterpart_after_a_title_is_no_name():
    # a title with its nisba and no name: the next word is a verb (وبحثا) or نظيره, not a person
    result = extract("اتصل رئيس الوزراء البريطاني ديفيد كاميرون بالرئيس الإيراني وبحثا "
                     "العلاقات. والتقى الرئيس الإيراني بنظيره الروسي فلاديمير بوتين.")
    people = {e.label for e in result.entities if e.type == "Person"}
    assert people == {"ديفيد كاميرون", "فلاديمير بوتين"}


def test_a_name_that_begins_like_a_preposition_and_the_article_keeps_them():
    # كاليفورنيا is no ك + اليفورنيا (the corpus has the whole word, never the rest), while
    # للجيش is ل + الجيش
    result = extract("يرى خبراء إدارة الأسماك والحياة البرية في كاليفورنيا أن الحيوان ذئب.")
    labels = {e.label for e in result.entities}
    assert "كاليفورنيا" in labels and "اليفورنيا" not in labels


@pytest.mark.parametrize("text", [
    "وأعلن تنظيم «القاعدة» مسؤوليته عن الهجوم.",
    'وأعلن تنظيم "القاعدة" مسؤوليته عن الهجوم.',
    "وأعلن تنظيم (القاعدة) مسؤوليته عن الهجوم.",
])
def test_a_name_whose_last_word_is_quoted_is_still_the_listed_name(text: str) -> None:
    # news quotes the distinctive word of a name: تنظيم «القاعدة» is al-Qaeda, not an
    # unlisted «القاعدة»
    result = extract(text)
    qaeda = [m for m in result.mentions if m.entity == "wd:Q34490"]
    assert len(qaeda) == 1 and qaeda[0].span.text.startswith("تنظيم")


def test_an_opening_parenthesis_after_a_proclitic_is_its_own_token() -> None:
    # و(توحيدي): the name inside is read like any other
    from tests.extract_helpers import extractor
    words = [t.text for t in extractor().nlp.make_doc("وصحيفتي (مستقيم) و(توحيدي)")]
    assert words == ["وصحيفتي", "(", "مستقيم", ")", "و", "(", "توحيدي", ")"]


def test_the_kingdom_alone_is_the_newspapers_own_state() -> None:
    # المملكة alone is Saudi Arabia in Saudi news (gazetteer/home.json), with a note saying
    # how it was read; the full names of other kingdoms stay theirs
    result = extract("وأكدت المملكة دعمها للشعب اليمني، وزار الوزير المملكة الأردنية "
                     "الهاشمية والمملكة المتحدة.")
    found = {(m.span.text, m.entity) for m in result.mentions}
    assert ("المملكة", "wd:Q851") in found
    assert ("المملكة الأردنية الهاشمية", "wd:Q810") in found
    assert ("المملكة المتحدة", "wd:Q145") in found


def test_the_kingdom_before_a_nisba_begins_another_name() -> None:
    result = extract("وزار الوفد المملكة الأردنية أمس.")
    assert "wd:Q851" not in {m.entity for m in result.mentions}


def test_the_custodian_of_the_two_holy_mosques_is_the_king() -> None:
    # the Saudi king's official title names him alone (gazetteer alias of King Salman)
    result = extract("وأكد خادم الحرمين الشريفين حرص المملكة على أمن المنطقة.")
    labels = {e.key: e.label for e in result.entities}
    kings = [m for m in result.mentions if m.span.text == "خادم الحرمين الشريفين"]
    assert kings and labels[kings[0].entity] == "سلمان بن عبد العزيز"


def test_a_dual_head_names_each_coordinated_party() -> None:
    # الحزبين الجمهوري والديمقراطي: one dual head shared by two names; each is a mention
    result = extract("وقال إن علاقاته بمسؤولين في الحزبين الجمهوري والديمقراطي ما زالت قائمة.")
    found = {(m.span.text, m.entity) for m in result.mentions}
    assert ("الحزبين الجمهوري", "wd:Q29468") in found
    assert ("الديمقراطي", "wd:Q29552") in found


def test_a_name_shares_its_head_with_a_coordinated_adjective() -> None:
    for text in ("ويخدم المشروع العالم العربي والإسلامي.",
                 "ويخدم المشروع قضايا الأمتين العربية والإسلامية."):
        result = extract(text)
        labels = {e.key: e.label for e in result.entities}
        named = {labels[m.entity] for m in result.mentions}
        assert {"العالم العربي", "العالم الإسلامي"} <= named, text


def test_a_name_ending_in_an_adjective_does_not_swallow_a_longer_name() -> None:
    # الحزب الديمقراطي is the US party, but الحزب الديمقراطي الكردستاني is another party;
    # the party's own country's nisba still belongs to its name
    result = extract("وزار وفد الحزب الديمقراطي الكردستاني واشنطن والتقى الحزب الجمهوري "
                     "الأمريكي.")
    found = {(m.span.text, m.entity) for m in result.mentions}
    assert "wd:Q29552" not in {entity for _, entity in found}
    assert ("الحزب الجمهوري الأمريكي", "wd:Q29468") in found


def test_an_organisation_named_after_its_place_is_located_there() -> None:
    # تنظيم القاعدة في جزيرة العرب: the name itself says where the branch is
    result = extract("وتبنى تنظيم «القاعدة في جزيرة العرب» الهجوم.")
    assert ("تنظيم القاعدة في جزيرة العرب", "locatedIn", "شبه الجزيرة العربية") in \
        triples(result)
    assert {st.rule for st in result.statements if st.predicate == "locatedIn"} == \
        {"name+place"}


def test_the_football_union_is_not_the_european_union() -> None:
    # الاتحاد الأوروبي لكرة القدم (UEFA) begins with the EU's name; the longer listed name wins
    result = extract("وقرر الاتحاد الأوروبي لكرة القدم معاقبة النادي.")
    labels = {e.key: e.label for e in result.entities}
    assert "wd:Q458" not in {m.entity for m in result.mentions}
    assert "الاتحاد الأوروبي لكرة القدم" in {labels[m.entity] for m in result.mentions}
