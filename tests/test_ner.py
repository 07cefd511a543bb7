"""The shipped Arabic NER: it loads from the installed package with plain spacy.load, tags names
that no gazetteer lists in sentences it never saw, and its training code still trains."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from spacy.tokens import Doc

from extract.ner import LABELS, load, model_path, tag
from extract.ner.components import (RARE, ArabicNormaliser, DocumentConsistency, name_variants,
                                    normalise, stem)
from extract.ner.train import (CONFIG, VectorSpec, _pretraining_inputs, read_conll, refit_steps,
                               split_train_dev, tag_spans, train, ANERCORP_TRAIN)


def test_model_is_shipped_in_the_package() -> None:
    out = subprocess.run([sys.executable, "-m", "extract.ner", "--path"], capture_output=True,
                         text=True, check=True).stdout.strip()
    assert Path(out) == model_path()
    assert (model_path() / "config.cfg").is_file() and (model_path() / "ner").is_dir()


def test_plain_spacy_load_in_a_fresh_interpreter_finds_the_normaliser() -> None:
    """No khabar import: the normaliser factory must come from the spacy_factories entry point."""
    code = ("import sys, spacy; from spacy.tokens import Doc; nlp = spacy.load(sys.argv[1]); "
            "d = nlp(Doc(nlp.vocab, words=['أعلنت', 'الأمم', 'المتحدة'])); "
            "print(','.join(nlp.pipe_names), d[0].norm_, d[1].tag_, *sorted(nlp.get_pipe('ner').labels))")
    out = subprocess.run([sys.executable, "-c", code, str(model_path())], capture_output=True,
                         text=True, check=True, cwd="/").stdout.split()
    assert out[0] == "normaliser,gazetteer,tok2vec,ner,consistency" and out[1] == "اعلنت"
    assert out[2] == "GORG"  # الأمم المتحدة is in the shipped gazetteer feature
    assert out[3:] == sorted(LABELS)


def test_normalisation_happens_inside_the_pipeline() -> None:
    assert normalise("أَعلنَ إلى الجزيرة آمال") == "اعلن الي الجزيره امال"
    assert stem("والمانيا") == "مانيا" and stem("للاعبين") == "اعبين" and stem("لم") == "لم"
    nlp = load()
    doc = nlp(Doc(nlp.vocab, words=["وأعلنت", "مدرسةٌ"]))
    assert [t.norm_ for t in doc] == ["واعلنت", "مدرسه"]


def test_stems_rare_in_training_share_one_feature(tmp_path: Path) -> None:
    """Singleton replacement: a stem seen once in training reads as RARE, as an unseen one does,
    so the model learns one embedding for "never seen" instead of noise; the known stems are
    saved with the model."""
    from spacy.training import Example

    nlp = load()
    words = ["قال", "الوزير", "وقال", "زاخاروفا", "أمس"]
    ref = Doc(nlp.vocab, words=words)
    step = ArabicNormaliser(rare_below=2)
    step.initialize(lambda: [Example(ref.copy(), ref)])
    assert step.known == {"قال"}  # قال and وقال share the stem; the rest were seen once
    doc = step(Doc(nlp.vocab, words=["وقال", "أمس", "بيسكوف"]))
    assert [t.lemma_ for t in doc] == ["قال", RARE, RARE]
    assert [t.norm_ for t in doc] == ["وقال", "امس", "بيسكوف"]  # NORM keys the vectors: kept
    step.to_disk(tmp_path / "normaliser")
    assert ArabicNormaliser(rare_below=2).from_disk(tmp_path / "normaliser").known == {"قال"}
    assert [t.lemma_ for t in ArabicNormaliser()(Doc(nlp.vocab, words=["تيموشينكو"]))] == ["تيموشينكو"]


# Sentences written for this test; the names are invented or little known and none of them is in
# the model's gazetteer feature, so the model must find them from context and word shape.
SENTENCES = {
    "minister": ("قال وزير المالية سليم بن عواد الهاشمي إن الحكومة ستخفض الضرائب .",
                 [(3, 7, "PERS")]),
    "pm-and-town": ("التقى رئيس الوزراء أندريه بلينكوفيتش نظيره في مدينة زاربوفيتسا .",
                    [(3, 5, "PERS"), (8, 9, "LOC")]),
    "newspaper": ("وذكرت صحيفة الراية القطرية أن المحادثات ستستأنف الأسبوع المقبل .",
                  [(2, 3, "ORG")]),
    "coach": ("وأشاد المدرب البرتغالي جوزيه سانتوس بأداء لاعبيه .", [(3, 5, "PERS")]),
}


@pytest.mark.parametrize("name", sorted(SENTENCES))
def test_tags_unseen_names_exactly(name: str) -> None:
    text, expected = SENTENCES[name]
    assert tag(text.split()) == expected


def test_iob1_tolerant_spans_follow_conlleval() -> None:
    tags = ["I-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "B-ORG", "I-ORG", "I-MISC"]
    assert tag_spans(tags) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG"),
                               (7, 8, "MISC")]


def test_corpus_reader_handles_the_missing_final_newline() -> None:
    sentences = read_conll(ANERCORP_TRAIN)
    assert len(sentences) == 3973 and sum(map(len, sentences)) == 125_102
    assert sentences[-1][-1] == (".", "O")


def test_a_small_training_run_completes(tmp_path: Path) -> None:
    """Same code path as the shipped model (corpus, floret vectors, spacy pretrain on
    SaudiNewsNet, config.cfg), tiny budget."""
    out = tmp_path / "model"
    spec = VectorSpec(dim=16, bucket=2000, epoch=1, max_articles=30)
    scores = train(out, work=tmp_path / "work", vectors=spec, limit=300,
                   overrides={"training.max_epochs": 1, "training.eval_frequency": 20},
                   pretrain_epochs=1, pretrain_articles=5)
    assert set(scores) >= {"ents_f", "ents_p", "ents_r"}
    (weights,) = (tmp_path / "work").glob("pretrain-*/model0.bin")
    assert weights.stat().st_size > 100_000   # the pretrained tok2vec the NER started from
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["pipeline"] == ["normaliser", "gazetteer", "tok2vec", "ner", "consistency"]
    import spacy

    nlp = spacy.load(out)
    assert nlp.vocab.vectors.shape == (2000, 16)
    assert nlp(Doc(nlp.vocab, words=["قال", "محمد"])) is not None
    # the normaliser learnt the training stems; a stem never seen there reads as RARE
    assert {"في", "قال"} <= nlp.get_pipe("normaliser").known
    assert nlp(Doc(nlp.vocab, words=["زاخاروفا"]))[0].lemma_ == RARE
    # the document step learnt, from the training sentences, which words are mostly not names
    assert {"في", "الي"} <= nlp.get_pipe("consistency").common
    # the gazetteer feature carries the name lists: person names, name words, clubs
    labels = set(nlp.get_pipe("gazetteer").entries.values())
    assert {"PERS", "NAME", "ORG", "LOC", "MISC", "LOC+ORG"} <= labels
    # the shipped model is the refit on train + dev, for the held-out run's best share of steps
    run = meta["khabar_training"]
    assert run["refit_sentences"] == 300 and run["refit_steps"] >= 1
    assert run["refit_steps"] >= run["dev_best_step"]  # the same share of a larger corpus
    held_out, dev = split_train_dev(read_conll(ANERCORP_TRAIN), 300)
    in_train = {stem(w) for s in held_out for w, _ in s}
    dev_only = Counter(stem(w) for s in dev for w, _ in s if stem(w) not in in_train)
    twice = {w for w, n in dev_only.items() if n >= 2}
    assert twice and twice <= nlp.get_pipe("normaliser").known   # it did read the dev sentences


def test_the_refit_makes_as_many_passes_over_more_data() -> None:
    """Batches grow (compounding 100 -> 1000 words), so 10% more words needs fewer than 10%
    more steps late in training; the same corpus needs the same steps; never 0 (no limit)."""
    assert refit_steps(2000, 1000, 1000) == 2000
    assert 2000 < refit_steps(2000, 900, 1000) < 2000 * 1000 / 900
    assert refit_steps(0, 900, 1000) == 1


def test_pretraining_is_reused_only_when_what_it_reads_is_unchanged() -> None:
    """The pretraining cache key ignores how the NER trains, not what the tok2vec sees."""
    base = {"paths.train": "a.spacy", "components.tok2vec.model.embed.include_static_vectors": True}
    key = _pretraining_inputs(base, CONFIG)
    assert _pretraining_inputs({**base, "paths.train": "b.spacy", "training.max_epochs": 1,
                                "training.logger.output_file": "x.jsonl"}, CONFIG) == key
    assert _pretraining_inputs({**base, "training.seed": 7}, CONFIG) != key
    assert _pretraining_inputs({**base, "components.tok2vec.model.encode.width": 96}, CONFIG) != key


def _doc_with(words: str, ents: list[tuple[int, int, str]]) -> Doc:
    from spacy.tokens import Span

    nlp = load()
    doc = Doc(nlp.vocab, words=words.split())
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def test_one_name_one_reading_per_document() -> None:
    """A name tagged once is tagged wherever it recurs in the Doc, with or without a proclitic,
    and a person's family name alone takes the person's label."""
    words = "وصل المدرب جوزيه سانتوس إلى لشبونة . وقال سانتوس إن لشبونة ترحب بفريق وسانتوس ."
    doc = DocumentConsistency()(_doc_with(words, [(2, 4, "PERS"), (5, 6, "LOC")]))
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("جوزيه سانتوس", "PERS"), ("لشبونة", "LOC"), ("سانتوس", "PERS"), ("لشبونة", "LOC"),
        ("وسانتوس", "PERS")]


def test_words_mostly_outside_entities_do_not_spread() -> None:
    step = DocumentConsistency()
    step.common = {normalise("مدينة")}
    doc = step(_doc_with("زار مدينة حلب ثم غادر مدينة أخرى", [(1, 2, "LOC")]))
    assert [e.start for e in doc.ents] == [1]
    assert name_variants("فان") == {"فان"} and "بوتين" in name_variants("وبوتين")
    assert name_variants("للبنك") >= {"البنك"} and "لبنان" in name_variants("ولبنان")


def test_the_shipped_pipeline_reads_a_whole_article_as_one_doc() -> None:
    """The family name alone, in a context the model does not read as a name, is tagged because
    the full name was tagged earlier in the same Doc."""
    words = "أعلن رئيس الوزراء أندريه بلينكوفيتش خطة جديدة . ورفض بلينكوفيتش الانتقادات .".split()
    assert tag(words) == [(3, 5, "PERS"), (9, 10, "PERS")]
