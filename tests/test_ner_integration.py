"""The statistical NER inside `khabar build`: names no gazetteer lists become typed, unlinked
entities that relations attach to; gazetteer matches win where both fire."""
from __future__ import annotations

from extract.ner_mentions import NerMentions
from tests.extract_helpers import extract, extractor, triples


def test_the_pipeline_loads_the_shipped_model() -> None:
    assert NerMentions.load() is not None
    assert "khabar_mentions_v1" in extractor().nlp.pipe_names


def test_unlisted_person_becomes_an_entity_with_relations() -> None:
    result = extract("التقى سليم بن عواد الهاشمي مع نظيره الأردني في عمان.")
    (person,) = [e for e in result.entities if e.source == "ner"]
    assert (person.label, person.type, person.qid) == ("سليم بن عواد الهاشمي", "Person", "")
    assert ("سليم بن عواد الهاشمي", "meetsWith", "الأردن") in triples(result)


def test_unlisted_name_merges_across_sentences_and_carries_relations() -> None:
    """The model reads the name where the context says what it is (شركة سينوبك); the whole
    article being one model Doc, the same name in the first sentence is tagged too, so the
    sanction attaches to it."""
    result = extract("فرضت الولايات المتحدة عقوبات على سينوبك. وقالت شركة سينوبك إنها ستطعن في "
                     "القرار.")
    keys = [m.entity for m in result.mentions if m.span.text == "سينوبك"]
    assert len(keys) == 2 and len(set(keys)) == 1  # both mentions, one entity
    assert ("الولايات المتحدة", "sanctions", "سينوبك") in triples(result)


def test_gazetteer_wins_where_both_fire() -> None:
    result = extract("التقى الرئيس الروسي فلاديمير بوتين مع الرئيس الصيني شي جين بينغ في موسكو.")
    linked = {e.label: e for e in result.entities}
    assert linked["فلاديمير بوتين"].qid and linked["فلاديمير بوتين"].source == "gazetteer"
    assert not [e for e in result.entities if e.source == "ner" and "بوتين" in e.label]


def test_proclitic_is_stripped_from_a_model_name() -> None:
    result = extract("وقال فريد الزهراني إن سينوبك ستعمل في العراق، وزار وفد من سينوبك "
                     "وبتروفاك بغداد. وأكد الزهراني أن وسينوبك وبتروفاك شريكان.")
    labels = {e.label for e in result.entities if e.source == "ner"}
    assert not {label for label in labels if label.startswith("و") and label[1:] in labels}


def test_conjunction_is_stripped_from_a_listed_name_but_not_from_a_name_beginning_with_waw() -> None:
    """وياسر is و + the listed given name ياسر; ووليد is و + وليد, itself a listed name."""
    result = extract("وحضر الاجتماع في جدة خالد الفهد وياسر الرميان ووليد الحربي.")
    labels = {e.label for e in result.entities if e.source == "ner"}
    assert {"ياسر الرميان", "وليد الحربي"} <= labels
    assert not [label for label in labels if label.startswith(("وياسر", "ووليد", "ليد"))]


def test_a_patronymic_name_is_one_person_whatever_its_words() -> None:
    """X بن Y is a person's name: the whole of it becomes one Person, with its further links,
    its family name, and علي (which the spelling folds into the preposition على); a given
    name that is also a nisba (تركي) is the name here, not Turkey; a phrase head after the
    name (الحكومة) is no family name."""
    result = extract("وقال نواف بن علي القحطاني إن الأمير تركي بن سلطان بن فهد استقبل الوفد، "
                     "وأكدت سلمى بنت مروان الحكومة أن الاتفاق قريب.")
    persons = {e.label for e in result.entities if e.type == "Person"}
    assert {"نواف بن علي القحطاني", "تركي بن سلطان بن فهد", "سلمى بنت مروان"} <= persons
    assert not [e for e in result.entities if e.label in ("تركيا", "نواف", "تركي")]
    assert not [label for label in persons if "الحكومة" in label]
