"""The relation model (extract/relmodel): training path, decisions, combination with the rules,
and the phenomena issue 14 names, on passages of our own and on real annotated articles."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from extract import gazetteer, lexicon
from extract.pipeline import build_nlp
from extract.records import Entity, Span, Statement
from extract.relmodel import train as trainer
from extract.relmodel.combine import combine
from extract.relmodel.evaluate import score_triples
from extract.relmodel.gold import GoldMatcher, evidence_spans
from extract.relmodel.model import LABELS, RelationModel, shipped
from extract.relmodel.reader import admits
from tests.extract_helpers import extract, triples

TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "train"
needs_train = pytest.mark.skipif(not (TRAIN / "gold").is_dir(),
                                 reason="../shared/eval/train not present")


# ------------------------------------------------------------------ training path
@pytest.fixture(scope="module")
def tiny_set(tmp_path_factory) -> Path:
    """Four real annotated articles in a set folder of their own."""
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "gold").mkdir()
    (folder / "articles").mkdir()
    for gold in sorted((TRAIN / "gold").glob("*.json"))[:4]:
        data = json.loads(gold.read_text(encoding="utf-8"))
        (folder / "gold" / gold.name).write_text(gold.read_text(encoding="utf-8"),
                                                 encoding="utf-8")
        src = TRAIN / "articles" / data["document"]
        (folder / "articles" / data["document"]).write_text(src.read_text(encoding="utf-8"),
                                                            encoding="utf-8")
    return folder


@needs_train
def test_a_tiny_model_trains_saves_loads_and_extracts(tiny_set, tmp_path):
    model = trainer.train([tiny_set], tmp_path / "m1", k=2, min_count=1, progress=False)
    assert model.meta["articles"] == 4 and model.meta["positives"] > 0
    assert "cv" in model.meta and str(model.meta["threshold"]) in model.meta["cv"]["by_threshold"]
    loaded = RelationModel.load(tmp_path / "m1")
    assert loaded.labels == LABELS and loaded.features == model.features
    # the model reads the articles it was trained on: it finds some of their gold triples
    articles = trainer.analyse([tiny_set], progress=False)
    total = trainer.Score()
    for article in articles:
        probs = loaded.scores_many([e.features for e in article.examples])
        total += score_triples(article.gold, trainer.triples(article, probs,
                                                              float(loaded.thresholds[0])))
    assert total.found > 0 and total.precision > 0.3


@needs_train
def test_a_label_learns_only_from_pairs_whose_types_it_admits(tiny_set):
    """The model decides leaderOf only where the subject may lead (a person) and so on
    (`reader.admits`); a pair it never decides for a label is no example for that label."""
    articles = trainer.analyse([tiny_set], progress=False)
    refused = 0
    for article in articles:
        for pair, example in zip(article.pairs, article.examples):
            for label in LABELS:
                if not admits(pair, label):
                    refused += 1
                    assert label in example.ignore and label not in example.positive
    assert refused > 0
    pairs = [p for a in articles for p in a.pairs]
    states = [p for p in pairs if p.a.entity.type == p.b.entity.type == "State"
              and p.a.stands_for is None and p.b.stands_for is None]
    assert states and not any(admits(p, "leaderOf>") or admits(p, "capitalOf<")
                              for p in states)
    assert all(admits(p, "cooperatesWith=") for p in states)


def test_scoring_many_pairs_at_once_gives_each_pairs_own_scores():
    """The batched scorer the pipeline uses agrees with scoring one pair at a time, for pairs
    with repeated, unknown and no known features, and for no pairs at all."""
    model = shipped()
    assert model is not None
    known = sorted(model.features)[:50]
    rows = [known[:10], known[5:40] + known[5:8], ["no such feature"], [], known + ["x"]]
    many = model.scores_many(rows)
    assert many.shape == (len(rows), len(LABELS))
    for row, probs in zip(rows, many):
        assert np.allclose(probs, model.scores(row), atol=1e-6)
    assert np.allclose(many[2], many[3]) and not np.allclose(many[0], many[2])
    assert model.scores_many([]).shape == (0, len(LABELS))


@needs_train
def test_the_command_trains_where_it_is_told_and_records_portable_set_names(tiny_set, tmp_path):
    from tests.graph_fixtures import run_khabar
    run = run_khabar("train-relations", "--set", str(tiny_set), "--no-extra", "--folds", "1",
                     "--C", "2.5", "--min-count", "2", "--prune", "0.05",
                     "--out", str(tmp_path / "m"))
    assert run.returncode == 0, run.stderr
    meta = RelationModel.load(tmp_path / "m").meta
    assert meta["sets"] == [tiny_set.name] and meta["extra_sets"] == []
    assert meta["C"] == 2.5 and meta["min_count"] == 2 and meta["pruned"]["floor"] == 0.05
    assert meta["articles"] == 4
    missing = run_khabar("train-relations", "--set", str(tmp_path / "nowhere"), "--out",
                         str(tmp_path / "m2"))
    assert missing.returncode == 2 and "no gold/ folder" in missing.stderr
    assert not (tmp_path / "m2").exists()


@needs_train
def test_training_is_deterministic_whatever_the_number_of_processes(tiny_set, tmp_path):
    for name, jobs in (("a", 1), ("b", 2)):
        trainer.train([tiny_set], tmp_path / name, k=1, min_count=1, progress=False, jobs=jobs)
    for file in ("model.json", "weights.npy", "vector_weights.npy"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


@needs_train
def test_the_saved_model_drops_only_features_that_move_no_logit(tiny_set, tmp_path):
    """Pruning keeps every feature whose weight reaches the floor for some label, drops the
    rest, and moves a pair's logits by at most the floor for each dropped feature it has."""
    full = trainer.train([tiny_set], tmp_path / "full", k=1, min_count=1, progress=False,
                         prune=0)
    small = trainer.train([tiny_set], tmp_path / "small", k=1, min_count=1, progress=False,
                          prune=0.05)
    assert "pruned" not in full.meta
    assert small.meta["pruned"] == {"floor": 0.05, "features_before": len(full.features),
                                    "features_after": len(small.features)}
    assert 0 < len(small.features) < len(full.features)
    assert RelationModel.load(tmp_path / "small").features == small.features
    stored = np.abs(full.weights.astype(np.float16)).max(axis=1)
    assert {f for f, i in full.features.items() if stored[i] >= 0.05} == set(small.features)
    articles = trainer.analyse([tiny_set], progress=False)
    rows = [e.features for a in articles for e in a.examples]
    logit = lambda p: np.log(p / (1 - p))   # noqa: E731
    moved = np.abs(logit(full.scores_many(rows)) - logit(small.scores_many(rows)))
    dropped = np.array([len({f for f in row if f in full.features} - set(small.features))
                        for row in rows])
    assert (moved <= dropped[:, None] * 0.05 + 1e-3).all() and moved.max() > 0


@needs_train
def test_pair_vectors_are_read_and_weighed(tiny_set, tmp_path):
    """The NER encoder's token vectors reach every pair, the model learns weights for them,
    and scoring with them differs from scoring the features alone."""
    model = trainer.train([tiny_set], tmp_path / "m", k=1, min_count=1, progress=False)
    articles = trainer.analyse([tiny_set], progress=False)
    examples = [e for a in articles for e in a.examples]
    assert all(e.vector is not None and e.vector.shape == (3 * 128,) for e in examples)
    assert model.vector_weights is not None and model.vector_weights.shape == (3 * 128 + 1,
                                                                              len(LABELS))
    rows = [e.features for e in examples[:200]]
    vectors = trainer.example_vectors(examples[:200])
    with_vectors = model.scores_many(rows, vectors)
    for row, vector, probs in zip(rows[:20], vectors[:20], with_vectors[:20]):
        assert np.allclose(probs, model.scores(row, vector), atol=1e-5)
    assert not np.allclose(with_vectors, model.scores_many(rows), atol=1e-3)
    # a model trained without them has none, and reads pairs the same with or without
    plain = trainer.fit(examples, min_count=1, vector_dim=0)
    assert plain.vector_weights is None
    assert np.array_equal(plain.scores_many(rows, vectors), plain.scores_many(rows))


def test_a_pair_vector_is_the_mean_of_each_argument_and_of_the_words_between():
    from extract.relmodel.features import VECTOR_GAP, pair_vectors
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(40, 4)).astype(np.float32)
    spans = [(0, 2, 5, 6), (3, 4, 4, 7), (1, 8, 2, 3), (0, 1, 2 + VECTOR_GAP, 30)]
    rows = pair_vectors(vectors, spans)
    assert rows.shape == (4, 12) and rows.dtype == np.float16
    expect = [np.concatenate([vectors[0:2].mean(0), vectors[5:6].mean(0), vectors[2:5].mean(0)]),
              np.concatenate([vectors[3:4].mean(0), vectors[4:7].mean(0), np.zeros(4)]),
              np.concatenate([vectors[1:8].mean(0), vectors[2:3].mean(0), np.zeros(4)]),
              np.concatenate([vectors[0:1].mean(0), vectors[2 + VECTOR_GAP:30].mean(0),
                              np.zeros(4)])]     # adjacent, nested, too far apart: no between
    assert np.allclose(rows, np.stack(expect), atol=2e-3)
    assert pair_vectors(None, spans) is None and pair_vectors(vectors, []) is None


def test_the_ner_stage_leaves_a_contextual_vector_on_every_token():
    from extract.pipeline import build_nlp
    doc = build_nlp(use_relation_model=False)("التقى بوتين كيم في فلاديفوستوك.\n\nوبحثا التعاون.")
    vectors = doc._.token_vectors
    assert vectors is not None and vectors.shape == (len(doc), 128)
    for token in doc:
        assert (not vectors[token.i].any()) == token.is_space
    bare = build_nlp(use_ner=False, use_relation_model=False)("التقى بوتين كيم.")
    assert bare._.token_vectors is None


@needs_train
def test_gold_evidence_is_found_in_the_article_text():
    gold = json.loads((TRAIN / "gold" / "t003-aawsat-ac42e2.json").read_text(encoding="utf-8"))
    text = (TRAIN / "articles" / gold["document"]).read_text(encoding="utf-8")
    quote = gold["required"][0][3]
    (start, end), = evidence_spans(text, quote)
    assert "حرب فعلية" in text[start:end]


def test_gold_matching_follows_the_evaluation_rules():
    matcher = GoldMatcher({
        "RUS": {"qid": "Q159", "forms": ["روسيا", "الروسية", "Russia"]},
        "MOSCOW": {"forms": ["موسكو"], "stands_for": "RUS"},
        "GOV": {"forms": ["Government"], "exact": ["الحكومة"]},
    })
    assert matcher.match(["وروسيا"], []) == {"RUS"}                # proclitic peeled
    assert matcher.match(["وكالة الأنباء الروسية"], []) == {"RUS"}   # longest form inside
    assert matcher.match(["x"], ["Q159"]) == {"RUS"}                # Wikidata id
    assert matcher.match(["موسكو"], []) == {"MOSCOW", "RUS"}         # a capital's state
    assert matcher.match(["الحكومة السورية"], []) == set()           # exact-only form
    assert matcher.match(["الحكومة"], []) == {"GOV"}


@needs_train
def test_gold_matching_agrees_with_the_evaluations_scorer_on_the_training_gold():
    # GoldMatcher restates score.py's GoldIndex so that training runs without ../shared;
    # every form and label of the training gold must map to the same entities in both
    import importlib.util
    spec = importlib.util.spec_from_file_location("score", TRAIN.parent / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    golds = [json.loads(p.read_text(encoding="utf-8"))
             for p in sorted((TRAIN / "gold").glob("*.json"))]
    labels = sorted({f for g in golds for e in g["entities"].values()
                     for f in e.get("forms", []) + e.get("exact", [])})
    labels += ["و" + f for f in labels[:500]] + ["وكالة الأنباء " + f for f in labels[:500]]
    compared = 0
    for gold in golds[::34]:
        ours, theirs = GoldMatcher(gold["entities"]), score.GoldIndex(gold["entities"])
        for label in labels:
            assert ours.match([label], []) == theirs.match([label], []), label
            compared += 1
    assert compared > 10_000


# ------------------------------------------------------------------ decisions and combination
def _statement(s: str, p: str, o: str, sentence: int = 0, rule: str = "model",
               confidence: float = 0.5) -> Statement:
    nowhere = Span(0, 0, "")
    return Statement(s, p, o, "d", sentence, nowhere, nowhere, nowhere, nowhere, rule,
                     confidence)


def test_the_rules_read_a_pair_the_model_does_not_contradict_them():
    rules = [_statement("CHN", "tensionWith", "PRK", rule="tension")]
    model = [_statement("CHN", "cooperatesWith", "PRK"), _statement("CHN", "meetsWith", "RUS")]
    kept = combine(rules, model)
    assert {(s.predicate, s.object) for s in kept} == {("tensionWith", "PRK"),
                                                       ("meetsWith", "RUS")}


def test_a_person_leads_one_state():
    types = {"RUS": Entity("RUS", "روسيا", "State"), "PRK": Entity("PRK", "كوريا", "State"),
             "KIM": Entity("KIM", "كيم", "Person"), "PUTIN": Entity("PUTIN", "بوتين", "Person")}
    rules = [_statement("PUTIN", "leaderOf", "RUS", rule="title.head+affiliation")]
    model = [_statement("PUTIN", "leaderOf", "PRK", 1, confidence=0.3),
             _statement("KIM", "leaderOf", "PRK", 1, confidence=0.6),
             _statement("KIM", "leaderOf", "RUS", 2, confidence=0.35)]
    kept = {(s.subject, s.object) for s in combine(rules, model, types)}
    assert kept == {("PUTIN", "RUS"), ("KIM", "PRK")}


@pytest.mark.skipif(shipped() is None, reason="no relation model shipped")
def test_the_shipped_model_fits_its_budget_and_keeps_its_provenance():
    model = shipped()
    folder = Path(__file__).resolve().parents[1] / "extract" / "models" / "relations"
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size <= 20 * 1024 * 1024
    assert model.meta["cv"]["by_threshold"][str(model.meta["threshold"])]["precision"] >= \
        model.meta["min_precision"]
    # one threshold for all labels, but where a predicate has its own (chosen out of fold,
    # with its precision still at the floor) and together they did better out of fold
    own = model.meta.get("thresholds_by_predicate", {})
    for label, threshold in zip(model.labels, model.thresholds):
        expected = own.get(label[:-1], model.meta["threshold"])
        assert threshold == pytest.approx(expected)
    if own:
        cv = model.meta["cv"]
        assert cv["per_predicate_thresholds"]["precision"] >= model.meta["min_precision"]
        assert cv["per_predicate_thresholds"]["f1"] >= \
            cv["by_threshold"][str(model.meta["threshold"])]["f1"]


# ------------------------------------------------------------------ phenomena (issue 14)
def _by_rule(result):
    label = {e.key: e.label for e in result.entities}
    return {(label[s.subject], s.predicate, label[s.object]): s for s in result.statements}


def test_a_nisba_on_an_organisation_locates_it():
    found = triples(extract("وقالت وكالة الأنباء الألمانية إن الأسواق هدأت."))
    assert ("وكالة الأنباء الألمانية", "locatedIn", "ألمانيا") in found


def test_a_nisba_inside_a_listed_name_is_a_candidate_and_locates_the_body():
    """The gazetteer's longest match makes هيئة الإذاعة البريطانية one name (the BBC); the
    nisba in it still locates it, as it does an unlisted phrase."""
    from extract.relmodel.candidates import Candidate, _nisbas_inside
    doc = build_nlp(use_ner=False, use_relation_model=False).make_doc(
        "ونقلت هيئة الإذاعة البريطانية الخبر.")
    bbc = Candidate(1, 4, 5, 29, gazetteer.default().by_qid["Q9531"].entity(), "name")
    assert [(c.start, c.entity.qid, c.source) for c in _nisbas_inside(doc, bbc)] == \
        [(3, "Q145", "nisba")]
    result = extract("ونقلت هيئة الإذاعة البريطانية عن الوزير قوله إن الوضع مستقر.")
    assert ("بي بي سي", "locatedIn", "بريطانيا") in triples(result)
    assert "بريطانيا" in {e.label for e in result.entities}


def test_a_name_inside_a_listed_name_is_a_candidate():
    """The gazetteer's longest match makes «مجلس حقوق الإنسان التابع للأمم المتحدة» one name
    (the Human Rights Council); the United Nations in it is a candidate nested in it, with
    its proclitic peeled, so the model can relate the two."""
    from extract.relmodel.candidates import sentence_candidates
    from extract.chunks import Chunker
    from extract.segment import sentences
    nlp = build_nlp(use_ner=False, use_relation_model=False)
    doc = nlp("وحثت الصحيفة مجلس حقوق الإنسان التابع للأمم المتحدة على المساعدة.")
    seg = sentences(doc)[0]
    cands = sentence_candidates(doc, seg, doc._.mentions, Chunker(doc, lexicon.default(),
                                doc._.mentions), doc._.entities or {}, lexicon.default())
    council = next(c for c in cands if c.source == "name" and not c.inside)
    inner = [(c.entity.qid, c.clitic, doc.text[c.char_start:c.char_end])
             for c in cands if c.inside]
    assert council.end - council.start == 6
    # للأمم is ل + الأمم: the span starts after the preposition, as a gazetteer mention's does
    assert inner == [("Q1065", "ل", "لأمم المتحدة")]


def test_a_governorate_is_a_place_not_its_governor():
    """The lemma key folds محافظة (a governorate) onto محافظ (a governor): a phrase is a
    person's only when its first word is a title as written; the feminine titles the list
    has (المستشارة) are people."""
    from extract.relmodel.candidates import sentence_candidates
    from extract.chunks import Chunker
    from extract.segment import sentences
    nlp = build_nlp(use_ner=False, use_relation_model=False)
    doc = nlp("وصل المحافظ إلى محافظة لحج، وقالت المستشارة الألمانية إن المعارضة السورية "
              "تشارك.")
    lex = lexicon.default()
    types = {doc.text[c.char_start:c.char_end]: c.entity.type
             for seg in sentences(doc)
             for c in sentence_candidates(doc, seg, doc._.mentions,
                                          Chunker(doc, lex, doc._.mentions),
                                          doc._.entities or {}, lex)
             if c.source == "chunk:actor"}
    assert types["محافظة لحج"] == "Organisation"
    assert types["المعارضة السورية"] == "Organisation"
    assert types["المستشارة الألمانية"] == "Person"
    assert types["المحافظ"] == "Person"


def test_the_head_of_an_organisation_leads_it():
    found = triples(extract("وقال اريك شفايتسر رئيس غرفة التجارة والصناعة الألمانية إن "
                            "الشركات تتطلع إلى السوق."))
    assert ("اريك شفايتسر", "leaderOf", "غرفة التجارة والصناعة الألمانية") in found


def test_an_inflected_trigger_is_read_by_its_lemma():
    # اجتماعا (with tanween) is listed in the lexicon only as اجتماع
    result = extract("ويعقد وزير الخارجية الروسي سيرغي لافروف اجتماعا مع نظيره الأمريكي "
                     "جون كيري في جنيف.")
    statements = _by_rule(result)
    meet = statements.get(("سيرغي لافروف", "meetsWith", "الولايات المتحدة"))
    assert meet is not None and meet.rule == "meet"
    assert ("سيرغي لافروف", "meetsWith", "جون كيري") in triples(result)


def test_a_title_before_a_named_person_is_not_an_actor_of_its_own():
    result = extract("قال المتحدث باسم الكرملين دميتري بيسكوف إن موسكو تدعم الصين.")
    people = [e.label for e in result.entities if e.type == "Person"]
    assert people == ["دميتري بيسكوف"]
    assert not [e for e in result.entities if e.label.startswith("باسم")]


def test_a_state_reached_through_its_leader_keeps_its_name():
    # Russia is not named: the gazetteer's leader entry gives it, with its label and type
    result = extract("قال الوزير إن الرئيس بوتين سيزور الصين.")
    russia = next(e for e in result.entities if e.qid == "Q159")
    assert (russia.label, russia.type) == ("روسيا", "State")
    assert ("فلاديمير بوتين", "leaderOf", "روسيا") in triples(result)


def test_a_parenthesised_list_gives_memberships():
    result = extract("وشارك في الاجتماع وزراء خارجية دول مجموعة 5+1 (الولايات المتحدة وفرنسا "
                     "وبريطانيا والصين وروسيا وألمانيا).")
    members = {s for s, p, o in triples(result) if p == "memberOf" and o.startswith("مجموعة 5+1")}
    assert members == {"الولايات المتحدة", "فرنسا", "بريطانيا", "الصين", "روسيا", "ألمانيا"}
    # the list's memberships are the list rule's (the model may read other pairs of the
    # sentence; the one retrained at stop 27 adds الصين memberOf وزراء خارجية, a wrong reading)
    label = {e.key: e.label for e in result.entities}
    assert {s.rule for s in result.statements if s.predicate == "memberOf"
            and label[s.object].startswith("مجموعة 5+1")} == {"list.parenthesis"}


def test_a_list_member_nobody_knows_does_not_end_the_list():
    # أرستوتزكا and كولشيا (invented) are in no gazetteer: the named states around them are still members
    result = extract("واجتمعت الدول الست (فرنسا وأرستوتزكا وألمانيا وإيطاليا، وكولشيا وإسبانيا) "
                     "في باريس.")
    members = {s for s, p, o in triples(result) if p == "memberOf"}
    assert {"فرنسا", "ألمانيا", "إيطاليا", "إسبانيا"} <= members


def test_a_list_may_end_with_in_addition_to():
    result = extract("وانتقد وزراء دول الحلف (بلجيكا وهولندا وبولندا فضلا عن النرويج) القرار.")
    members = {s for s, p, o in triples(result) if p == "memberOf"}
    assert {"بلجيكا", "هولندا", "بولندا", "النرويج"} <= members


def test_a_list_of_places_is_an_enumeration_not_a_membership():
    result = extract("وتقام الفعاليات في 12 منطقة (الرياض، جدة، الطائف، الباحة، الجوف) هذا "
                     "الصيف.")
    assert not [s for s in result.statements if s.rule == "list.parenthesis"]


def test_a_parenthesis_that_is_not_a_list_gives_no_membership():
    # directions and single names in parentheses are glosses, not member lists
    result = extract("وتطارد جبهة النصرة المقاتلين في محافظة ادلب (شمال غرب) كما في ريف حلب "
                     "(شمال)، وفي حلف شمال الأطلسي (الناتو).")
    assert not [s for s in result.statements if s.rule == "list.parenthesis"]


def test_a_denial_is_never_an_asserted_statement():
    result = extract("ونفت موسكو التقارير، وقالت إن روسيا لم تقدم أسلحة إلى كوريا الشمالية.")
    found = triples(result, with_modality=True)
    assert found and all(m == "negated" for *_, m in found)


@pytest.mark.parametrize("still", ["لا تزال", "لم تزل", "ما تزال"])
def test_still_is_no_negation(still):
    # لم تزل / لا تزال / ما تزال: "still", in the feminine as in the masculine
    found = triples(extract(f"وقال مسؤولون إن روسيا {still} تقدم أسلحة إلى كوريا الشمالية."),
                    with_modality=True)
    assert ("روسيا", "provides", "أسلحة", "asserted") in found


def test_a_hedge_makes_a_statement_possible():
    found = triples(extract("وقال مسؤولون إن روسيا قد تقدم أسلحة إلى كوريا الشمالية."),
                    with_modality=True)
    assert ("روسيا", "provides", "أسلحة", "possible") in found


def test_a_quoted_statement_is_attributed_to_the_speaker():
    result = extract("وقال وزير الخارجية الإيراني محمد جواد ظريف: «إيران تدعم الحكومة السورية "
                     "في حربها ضد الإرهاب».")
    label = {e.key: e.label for e in result.entities}
    supports = [s for s in result.statements if s.predicate == "supports"]
    assert supports and all(label[s.attribution] == "محمد جواد ظريف" for s in supports)


@pytest.mark.skipif(shipped() is None, reason="no relation model shipped")
def test_model_statements_say_which_label_produced_them_and_how_sure_it_is():
    result = extract("وقال اريك شفايتسر رئيس غرفة التجارة والصناعة الألمانية إن الشركات "
                     "تتطلع إلى السوق.")
    model = [s for s in result.statements if s.rule.startswith("model:")]
    assert model and all(0 < s.confidence <= 1 and s.rule[-1] in "=>" for s in model)
    assert all(s.quote.text in result.document.text for s in model)


def test_the_tail_of_a_title_is_no_actor():
    # الوزراء البريطاني is the end of the title رئيس الوزراء, not an organisation he leads
    result = extract("قال رئيس الوزراء البريطاني ديفيد كاميرون إن بلاده تدعم أوكرانيا.")
    leads = {o for s, p, o in triples(result) if p == "leaderOf" and s == "ديفيد كاميرون"}
    assert leads == {"بريطانيا"}
    assert not [e for e in result.entities if e.label.startswith("الوزراء")]


def test_a_predicate_gets_its_own_threshold_only_where_its_precision_allows() -> None:
    """A predicate read surely goes down to the threshold where its own F1 is best with its
    precision still at the floor; one never precise enough (or with too few triples to
    tell) keeps the threshold for all; the labels take their predicate's threshold."""
    from extract.relmodel.evaluate import Score
    from extract.relmodel.model import LABELS

    def score(correct: int, counted: int, required: int = 100) -> Score:
        return Score(correct=correct, counted=counted, found=correct, required=required)

    at = {t: {p: Score() for p in trainer.PREDICATES} for t in trainer.THRESHOLDS}
    for t in trainer.THRESHOLDS:
        # leaderOf: more found as the threshold falls, precision >= 0.6 down to 0.1, then 0.5
        at[t]["leaderOf"] = (score(50, 80) if t >= 0.2 else score(60, 100) if t >= 0.1
                             else score(70, 140))
        at[t]["seeks"] = score(3, 10)                    # never precise enough
        at[t]["sanctions"] = score(4, 5)                 # precise, but too few to tell
    own = trainer._own_thresholds(at, 0.2, 0.55)
    assert own == {"leaderOf": 0.15}       # the best F1 there and at 0.1-0.12: the highest
    cv = trainer.CrossValidation({}, {}, 0.2, own)
    thresholds = dict(zip(LABELS, cv.thresholds()))
    assert thresholds["leaderOf>"] == pytest.approx(own["leaderOf"])
    assert thresholds["seeks>"] == pytest.approx(0.2)


def test_who_leads_what_is_read_from_under_the_leadership_of():
    result = extract("وشنت قوات التحالف بقيادة فرنسا وإيطاليا غارات على مواقع المسلحين.")
    leaders = {(s, o) for s, p, o in triples(result) if p == "leaderOf"}
    assert {("فرنسا", "قوات التحالف"), ("إيطاليا", "قوات التحالف")} <= leaders
    assert {s.rule for s in result.statements if s.predicate == "leaderOf"} == {"led.by"}


def test_a_relative_clause_whose_verb_leads_gives_the_leader():
    found = triples(extract("وانضمت الأردن إلى الحملة الجوية التي تقودها تركيا ضد التنظيم."))
    assert ("تركيا", "leaderOf", "الحملة الجوية") in found


def test_a_nisba_after_under_the_leadership_of_is_no_leader():
    # the leader is an unnamed Spaniard: Spain leads nothing
    found = triples(extract("وعاد المنتخب بقيادة الإسباني المدرب إلى الرياض."))
    assert not [t for t in found if t[1] == "leaderOf"]


def test_a_leader_named_with_his_title_leads_his_state():
    result = extract("ووجه خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز بإرسال المساعدات.")
    assert ("سلمان بن عبد العزيز", "leaderOf", "السعودية") in triples(result)
    rules = {s.rule for s in result.statements if s.predicate == "leaderOf"}
    assert rules == {"name-title+gazetteer"}


def test_an_institution_named_after_a_king_does_not_make_him_lead():
    found = triples(extract("ونقل المصابون إلى مستشفى الملك فهد في المدينة."))
    assert not [t for t in found if t[1] == "leaderOf"]
