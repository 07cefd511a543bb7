"""Beyond one clause: references resolved within a document, each with its resolution recorded."""
from __future__ import annotations

from extract.records import DocumentResult
from tests.extract_helpers import extract, triples


def statement(result: DocumentResult, subject: str, predicate: str, obj: str):
    label = {e.key: e.label for e in result.entities}
    found = [s for s in result.statements if (label[s.subject], s.predicate, label[s.object])
             == (subject, predicate, obj)]
    assert found, f"no {subject} {predicate} {obj} in {triples(result)}"
    return found[0]


def test_his_country_is_the_speakers_state() -> None:
    r = extract("وقال وزير الخارجية الروسي سيرغي لافروف إن بلاده تدعم سوريا.")
    st = statement(r, "روسيا", "supports", "سوريا")
    assert "بلاده" in dict(st.resolution)["subject"]


def test_the_two_states_are_the_last_two_named() -> None:
    r = extract("زار الرئيس التركي رجب طيب أردوغان قطر، واتفق البلدان على توسيع التعاون.")
    st = statement(r, "تركيا", "cooperatesWith", "قطر")
    assert "البلدان" in dict(st.resolution)["subject"]


def test_both_parties_distribute_over_the_pair() -> None:
    r = extract("استضافت مصر محادثات بين إسرائيل وحماس، وتضغط قطر على الطرفين للتوصل إلى اتفاق.")
    statement(r, "قطر", "pressures", "إسرائيل")
    statement(r, "قطر", "pressures", "حركة حماس")


def test_title_and_nisba_without_a_name_is_the_named_minister() -> None:
    r = extract("التقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره الصيني في بكين. وحذر الوزير "
                "الأمريكي الصين من تزويد روسيا بالأسلحة.")
    st = statement(r, "أنتوني بلينكن", "warnsAgainst", "الصين")
    assert "الوزير الأمريكي" in dict(st.resolution)["subject"]


def test_the_movement_is_the_last_movement_named() -> None:
    r = extract("أعلنت حركة حماس قبول الهدنة، كما تدعم الحركة إيران.")
    st = statement(r, "حركة حماس", "supports", "إيران")
    assert "الحركة" in dict(st.resolution)["subject"]


def test_first_person_in_a_quote_is_the_speakers_organisation() -> None:
    r = extract("قال مسؤول في حركة حماس: «نحن ندعم إيران وحزب الله».")
    hamas = next(e.key for e in r.entities if e.label == "حركة حماس")
    for target in ("إيران", "حزب الله"):
        st = statement(r, "حركة حماس", "supports", target)
        assert st.attribution == hamas
        assert "first person" in dict(st.resolution)["subject"]


def test_apposition_keeps_role_and_affiliation_on_the_person() -> None:
    r = extract("وصل سيرغي لافروف وزير الخارجية الروسي إلى طهران.")
    (person,) = [e for e in r.entities if e.type == "Person"]
    assert person.job_title.startswith("وزير الخارجية") and person.affiliation == "wd:Q159"
    assert not [s for s in r.statements if s.predicate == "leaderOf"]   # a minister leads nothing


def test_spokesman_for_an_organisation() -> None:
    r = extract("قال المتحدث باسم الكرملين دميتري بيسكوف إن موسكو تدعم الصين.")
    (person,) = [e for e in r.entities if e.type == "Person"]
    assert "المتحدث باسم" in person.job_title and "الكرملين" in person.job_title
    st = statement(r, "روسيا", "supports", "الصين")
    assert st.attribution == person.key


def test_seats_of_power_act_for_their_state() -> None:
    r = extract("يدعم الكرملين الحكومة السورية، وحذر البيت الأبيض موسكو من التصعيد.")
    st = statement(r, "روسيا", "supports", "سوريا")
    assert "الكرملين" in dict(st.resolution)["subject"]
    statement(r, "الولايات المتحدة", "warnsAgainst", "روسيا")


def test_visits_in_a_list_and_a_dropped_subject() -> None:
    r = extract("زار وزير الخارجية السعودي الإمارات ثم قطر، والتقى أمير قطر الشيخ تميم بن حمد.")
    statement(r, "السعودية", "meetsWith", "الإمارات")
    statement(r, "قطر", "meetsWith", "السعودية")
    tamim = [e.label for e in r.entities if e.type == "Person"][0]
    statement(r, tamim, "leaderOf", "قطر")
    st = statement(r, tamim, "meetsWith", "السعودية")
    assert "dropped subject" in " ".join(v for _, v in st.resolution)


def test_relative_pronoun_points_at_the_last_actor() -> None:
    r = extract("انتقدت واشنطن الصين، التي تتمتع بعلاقات متوترة مع اليابان.")
    st = statement(r, "الصين", "tensionWith", "اليابان")
    assert "relative pronoun" in " ".join(v for _, v in st.resolution)


def test_the_country_is_the_state_last_named() -> None:
    """البلاد alone is the country the text is about (the state named last before it); with an
    adjective after it (البلاد العربية) it is a plural noun, and with no state before it nothing."""
    from extract.pipeline import build_nlp
    nlp = build_nlp(use_relation_model=False)

    def anaphors(text: str) -> list[tuple[str, str]]:
        doc = nlp(text)
        return [(doc[m.start:m.end].text, m.entity.label) for m in doc._.mentions
                if m.rule == "anaphor"]
    assert anaphors("زار الوزير إيران، ثم أعلنت تركيا أن الجيش قصف مواقع في جنوب شرق "
                    "البلاد.") == [("البلاد", "تركيا")]
    assert anaphors("زار الوزير تركيا وتحدث عن تقسيم البلاد العربية.") == []
    assert anaphors("قال مسؤول إن البلاد تواجه أزمة.") == []
