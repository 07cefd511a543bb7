"""A small hand-made graph for the exporter, SPARQL and server tests.

Built from DocumentResult records written by hand (not by the extractor), so these tests check
the graph side alone: two documents, people, states, a city, an organisation and things, with
asserted, possible and negated statements, an attribution, a time and a resolved pronoun.
Offsets are found in the text, never typed in, so they are code points into the original text.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx

from extract.records import Document, DocumentResult, Entity, Mention, Span, Statement
from graph.assemble import assemble

ROOT = Path(__file__).resolve().parent.parent

DOC_A = ("قمة في موسكو\n"
         "التقى الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في موسكو.\n"
         "وبحسب وكالة رويترز، تسعى روسيا عام 2023 إلى الحصول على الذخائر من كوريا الشمالية.\n"
         "ولم تفرض الصين عقوبات على كوريا الشمالية.")
DOC_B = ("مساعدات ودعم\n"
         "قد تقدم روسيا مساعدات غذائية لكوريا الشمالية.\n"
         "وقال المتحدث إنها تدعم كوريا الشمالية.\n"
         "وتطلب روسيا الأسلحة من كوريا الشمالية.")

ENTITIES = {
    "putin": Entity("wd:Q7747", "فلاديمير بوتين", "Person", label_en="Vladimir Putin",
                    qid="Q7747", aliases=("بوتين",), job_title="الرئيس الروسي",
                    affiliation="wd:Q159"),
    "kim": Entity("wd:Q56226", "كيم جونغ أون", "Person", label_en="Kim Jong Un", qid="Q56226"),
    "rus": Entity("wd:Q159", "روسيا", "State", label_en="Russia", qid="Q159",
                  aliases=("الروسي",)),
    "prk": Entity("wd:Q423", "كوريا الشمالية", "State", label_en="North Korea", qid="Q423"),
    "chn": Entity("wd:Q148", "الصين", "State", label_en="China", qid="Q148"),
    "mow": Entity("wd:Q649", "موسكو", "City", label_en="Moscow", qid="Q649", geonames="524901"),
    "reuters": Entity("Organisation:رويترز", "وكالة رويترز", "Organisation", source="ner"),
    "ammo": Entity("Thing:الذخائر", "الذخائر", "Thing", source="phrase"),
    "food": Entity("Thing:مساعدات غذائية", "مساعدات غذائية", "Thing", source="phrase"),
    "arms": Entity("Thing:الأسلحة", "الأسلحة", "Thing", source="phrase"),
}


def _sentences(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line), line))
        start += len(line) + 1
    return tuple(spans)


def _find(text: str, sentence: Span, phrase: str, nth: int = 0) -> Span:
    at = sentence.start - 1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1, sentence.end)
    return Span(at, at + len(phrase), phrase)


def _statement(doc: Document, sentences: tuple[Span, ...], index: int, subj: str, subj_text: str,
               pred: str, obj: str, obj_text: str, trigger: str, rule: str, **extra) -> Statement:
    sent = sentences[index]
    return Statement(subject=ENTITIES[subj].key, predicate=pred, object=ENTITIES[obj].key,
                     doc_id=doc.id, sentence=index, quote=sent,
                     trigger=_find(doc.text, sent, trigger),
                     subject_span=_find(doc.text, sent, subj_text),
                     object_span=_find(doc.text, sent, obj_text), rule=rule, **extra)


def _mentions(doc: Document, sentences: tuple[Span, ...],
              forms: dict[str, list[str]]) -> tuple[Mention, ...]:
    out = []
    for name, surfaces in forms.items():
        for index, sent in enumerate(sentences):
            for surface in surfaces:
                at = doc.text.find(surface, sent.start, sent.end)
                if at >= 0:
                    out.append(Mention(ENTITIES[name].key, Span(at, at + len(surface), surface),
                                       index, rule="fixture"))
    return tuple(out)


def results() -> list[DocumentResult]:
    """Two documents' results, as the extractor would hand them over."""
    a = Document(id="summit-a", text=DOC_A, title="قمة في موسكو", source="مثال",
                 url="https://example.org/a", date="2023-09-13")
    sa = _sentences(DOC_A)
    b = Document(id="aid-b", text=DOC_B, title="مساعدات ودعم")
    sb = _sentences(DOC_B)
    st_a = (
        _statement(a, sa, 1, "putin", "فلاديمير بوتين", "meetsWith", "kim", "كيم جونغ أون",
                   "التقى", "meet.verb"),
        _statement(a, sa, 1, "putin", "فلاديمير بوتين", "leaderOf", "rus", "الروسي",
                   "الرئيس", "leader.title", confidence=0.95),
        _statement(a, sa, 2, "rus", "روسيا", "seeks", "ammo", "الذخائر", "تسعى", "seek.verb",
                   attribution=ENTITIES["reuters"].key, time="2023"),
        _statement(a, sa, 2, "rus", "روسيا", "seeksFrom", "prk", "كوريا الشمالية", "تسعى",
                   "seek.verb", attribution=ENTITIES["reuters"].key, time="2023"),
        _statement(a, sa, 3, "chn", "الصين", "sanctions", "prk", "كوريا الشمالية", "عقوبات",
                   "sanction.noun", modality="negated", confidence=0.8),
    )
    st_b = (
        _statement(b, sb, 1, "rus", "روسيا", "provides", "food", "مساعدات غذائية", "تقدم",
                   "provide.verb", modality="possible", confidence=0.7),
        _statement(b, sb, 2, "rus", "إنها", "supports", "prk", "كوريا الشمالية", "تدعم",
                   "support.verb", resolution=(("subject", "pronoun:previous-subject"),)),
        _statement(b, sb, 3, "rus", "روسيا", "seeks", "arms", "الأسلحة", "تطلب", "seek.verb"),
        _statement(b, sb, 3, "rus", "روسيا", "seeksFrom", "prk", "كوريا الشمالية", "تطلب",
                   "seek.verb"),
    )
    forms_a = {"putin": ["فلاديمير بوتين"], "kim": ["كيم جونغ أون"], "rus": ["روسيا", "الروسي"],
               "prk": ["كوريا الشمالية"], "chn": ["الصين"], "mow": ["موسكو"],
               "reuters": ["وكالة رويترز"], "ammo": ["الذخائر"]}
    forms_b = {"rus": ["روسيا"], "prk": ["كوريا الشمالية"], "food": ["مساعدات غذائية"],
               "arms": ["الأسلحة"]}
    ents_a = tuple(ENTITIES[k] for k in forms_a)
    ents_b = tuple(ENTITIES[k] for k in forms_b)
    return [
        DocumentResult(a, sa, ents_a, _mentions(a, sa, forms_a), st_a, "fixture"),
        DocumentResult(b, sb, ents_b, _mentions(b, sb, forms_b), st_b, "fixture"),
    ]


def small_graph() -> nx.MultiDiGraph:
    return assemble(results())


#: What the fixture holds, for tests to compare against.
N_STATEMENTS = 9
N_NEGATED = 1
#: Distinct plain triples: every non-negated (s, p, o); Russia seeksFrom North Korea is in both.
N_PLAIN = 7


def run_khabar(*args: str, cwd: Path | None = None, timeout: float = 300
               ) -> subprocess.CompletedProcess:
    """The `khabar` command line, run as a user runs it (a separate process)."""
    code = "import sys; from khabar.cli import main; sys.argv[0] = 'khabar'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=timeout)
