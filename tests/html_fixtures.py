"""Small hand-made graphs for the HTML view tests: DocumentResult records as extraction would
return them, so the tests run on the real assembly and do not wait for the pipeline.

Spans are found in the text by substring, so every offset is a real offset into the document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from extract.records import Document, DocumentResult, Entity, Mention, Span, Statement
from graph.assemble import assemble

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class DocBuilder:
    """Builds one DocumentResult from sentences, finding spans by their text."""

    doc_id: str
    sentences: list[str]
    title: str = ""
    source: str = ""
    url: str = ""
    date: str = ""
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.sentences)

    def sentence_span(self, index: int) -> Span:
        start = sum(len(s) + 1 for s in self.sentences[:index])
        return Span(start, start + len(self.sentences[index]), self.sentences[index])

    def span(self, index: int, text: str) -> Span:
        sentence = self.sentence_span(index)
        offset = self.sentences[index].index(text)
        return Span(sentence.start + offset, sentence.start + offset + len(text), text)

    def entity(self, entity: Entity) -> Entity:
        self.entities.setdefault(entity.key, entity)
        return entity

    def mention(self, entity: Entity, index: int, text: str) -> Span:
        span = self.span(index, text)
        self.mentions.append(Mention(entity.key, span, index, rule="fixture"))
        return span

    def state(self, subject: Entity, predicate: str, obj: Entity, index: int, subject_text: str,
              trigger_text: str, object_text: str, modality: str = "asserted",
              attribution: str = "", confidence: float = 0.9) -> None:
        self.statements.append(Statement(
            subject=subject.key, predicate=predicate, object=obj.key, doc_id=self.doc_id,
            sentence=index, quote=self.sentence_span(index),
            trigger=self.span(index, trigger_text),
            subject_span=self.mention(subject, index, subject_text),
            object_span=self.mention(obj, index, object_text),
            rule=f"fixture.{predicate}", confidence=confidence, modality=modality,
            attribution=attribution))

    def result(self) -> DocumentResult:
        doc = Document(id=self.doc_id, text=self.text, title=self.title, source=self.source,
                       url=self.url, date=self.date)
        return DocumentResult(
            document=doc,
            sentences=tuple(self.sentence_span(i) for i in range(len(self.sentences))),
            entities=tuple(self.entities.values()), mentions=tuple(self.mentions),
            statements=tuple(self.statements), pipeline_version="fixture")


UKRAINE = Entity("wd:Q212", "أوكرانيا", "State", label_en="Ukraine", qid="Q212")
POLAND = Entity("wd:Q36", "بولندا", "State", label_en="Poland", qid="Q36")
ZELENSKYY = Entity("wd:Q3881591", "فولوديمير زيلينسكي", "Person", label_en="Volodymyr Zelenskyy",
                   qid="Q3881591", aliases=("زيلينسكي",), job_title="الرئيس الأوكراني")
DUDA = Entity("wd:Q57675", "أندجي دودا", "Person", label_en="Andrzej Duda", qid="Q57675")
WARSAW = Entity("wd:Q270", "وارسو", "City", label_en="Warsaw", qid="Q270")
REUTERS = Entity("wd:Q130879", "وكالة رويترز", "Organisation", label_en="Reuters", qid="Q130879",
                 aliases=("رويترز",))
WEAPONS = Entity("Thing:اسلحه", "الأسلحة", "Thing", label_en="weapons", source="phrase")


def small_results() -> list[DocumentResult]:
    """Two documents: every modality, an attribution, an edge with two sentences, a Thing."""
    one = DocBuilder("kyiv-warsaw", [
        "التقى الرئيس الأوكراني فولوديمير زيلينسكي في وارسو بالرئيس البولندي أندجي دودا.",
        "وقالت وكالة رويترز إن أوكرانيا قد تطلب من بولندا المزيد من الأسلحة.",
        "ولم تفرض بولندا عقوبات على أوكرانيا.",
        "كما أعلنت بولندا دعم أوكرانيا.",
    ], title="زيلينسكي في وارسو", source="وكالة الأنباء", url="https://example.org/kyiv-warsaw",
        date="2024-05-01")
    for entity in (UKRAINE, POLAND, ZELENSKYY, DUDA, WARSAW, REUTERS, WEAPONS):
        one.entity(entity)
    one.mention(WARSAW, 0, "وارسو")
    one.mention(REUTERS, 1, "وكالة رويترز")
    one.state(ZELENSKYY, "leaderOf", UKRAINE, 0, "فولوديمير زيلينسكي", "الرئيس الأوكراني",
              "الأوكراني")
    one.state(DUDA, "leaderOf", POLAND, 0, "أندجي دودا", "الرئيس البولندي", "البولندي")
    one.state(ZELENSKYY, "meetsWith", DUDA, 0, "فولوديمير زيلينسكي", "التقى", "أندجي دودا")
    one.state(UKRAINE, "seeksFrom", POLAND, 1, "أوكرانيا", "تطلب من", "بولندا",
              modality="possible", attribution=REUTERS.key, confidence=0.7)
    one.state(UKRAINE, "seeks", WEAPONS, 1, "أوكرانيا", "تطلب", "الأسلحة", modality="possible",
              attribution=REUTERS.key, confidence=0.7)
    one.state(POLAND, "sanctions", UKRAINE, 2, "بولندا", "عقوبات على", "أوكرانيا",
              modality="negated")
    one.state(POLAND, "supports", UKRAINE, 3, "بولندا", "دعم", "أوكرانيا")
    two = DocBuilder("warsaw-aid", [
        "وأكدت بولندا دعمها لأوكرانيا في مواجهة الأزمة.",
        "وتعهدت بولندا بتقديم الأسلحة.",
    ], title="بولندا تتعهد بالدعم", source="صحيفة", date="2024-05-02")
    for entity in (UKRAINE, POLAND, WEAPONS):
        two.entity(entity)
    two.state(POLAND, "supports", UKRAINE, 0, "بولندا", "دعمها", "لأوكرانيا")
    two.state(POLAND, "provides", WEAPONS, 1, "بولندا", "بتقديم", "الأسلحة")
    return [one.result(), two.result()]


def small_graph() -> nx.MultiDiGraph:
    return assemble(small_results())


SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
MARKER_SCRIPT = "<script>window.__xss = 1</script>"
MARKER_IMG = "<img src=x onerror=\"window.__xss = 2\">"
COMMENT = "<!-- </script><script>window.__xss = 3</script>"


def hostile_results() -> list[DocumentResult]:
    """A document whose every string a viewer shows carries markup or script."""
    bad_state = Entity(f"wd:Q1{IMG}", f"دولة {IMG}", "State", label_en=SCRIPT,
                       qid=f"Q1{SCRIPT}", aliases=(MARKER_IMG, COMMENT),
                       job_title=MARKER_SCRIPT)
    bad_person = Entity(f"Person:{SCRIPT}", f"{SCRIPT} زعيم", "Person", label_en=IMG,
                        affiliation=bad_state.key)
    bad_thing = Entity("Thing:x", MARKER_SCRIPT, f"Type{IMG}", label_en=COMMENT)
    doc = DocBuilder("hostile<script>", [
        f"قال {SCRIPT} زعيم إن دولة {IMG} تدعم {MARKER_SCRIPT} بقوة {COMMENT}.",
        f"ويلتقي {SCRIPT} زعيم مع دولة {IMG} في {MARKER_IMG}.",
    ], title=SCRIPT + IMG, source=MARKER_IMG, url="javascript:alert(1)", date=COMMENT)
    for entity in (bad_state, bad_person, bad_thing):
        doc.entity(entity)
    doc.state(bad_state, "supports", bad_thing, 0, f"دولة {IMG}", "تدعم", MARKER_SCRIPT,
              attribution=bad_person.key)
    doc.state(bad_person, "meetsWith", bad_state, 1, f"{SCRIPT} زعيم", "ويلتقي", f"دولة {IMG}")
    doc.state(bad_person, f"rel{SCRIPT}", bad_thing, 0, f"{SCRIPT} زعيم", "قال", MARKER_SCRIPT,
              modality="possible")
    return [doc.result()]


def hostile_graph() -> nx.MultiDiGraph:
    return assemble(hostile_results())


def hub_graph(spokes: int = 70, repeats: int = 30) -> nx.MultiDiGraph:
    """One state supporting `spokes` others, and one of them in `repeats` sentences."""
    hub = Entity("wd:Q1", "دولة محورية", "State", label_en="Hub", qid="Q1")
    spoke_entities = [Entity(f"State:دوله {i}", f"دولة {i}", "State") for i in range(spokes)]
    lines = [f"وأعلنت الدولة المحورية دعم دولة {i} اليوم." for i in range(spokes)]
    lines += [f"وجددت الدولة المحورية دعم دولة 0 للمرة {i}." for i in range(repeats)]
    doc = DocBuilder("hub", lines, title="محور")
    doc.entity(hub)
    for i, spoke in enumerate(spoke_entities):
        doc.entity(spoke)
        doc.state(hub, "supports", spoke, i, "الدولة المحورية", "دعم", f"دولة {i} ")
    for j in range(repeats):
        doc.state(hub, "supports", spoke_entities[0], spokes + j, "الدولة المحورية", "دعم", "دولة 0")
    return assemble([doc.result()])


HUB = Entity("wd:Q1", "دولة محورية", "State", label_en="Hub", qid="Q1")
SPOKES = [Entity(f"State:دوله {i}", f"دولة {i}", "State", label_en=f"Spoke {i}") for i in range(12)]
NORTH = Entity("wd:Q2", "مملكة الشمال", "State", label_en="North Kingdom", qid="Q2")
SOUTH = Entity("wd:Q3", "جمهورية الجنوب", "State", label_en="South Republic", qid="Q3")
FAR = Entity("Person:رحاله بعيد", "رحالة بعيد", "Person", label_en="Far Traveller")
FARTHER = Entity("City:قريه نائيه", "قرية نائية", "City", label_en="Remote Village")
LONERS = [Entity(f"Person:شخص {i}", f"شخص {i}", "Person", label_en=f"Loner {i}") for i in range(20)]
#: With this cap the overview draws the hub, North, South, spoke 0 and spoke 11 (statements in
#: their relations: 20, 7, 6, 5, 5); the traveller (2), the village (1), spokes 1-10 (1 each)
#: and the twenty entities without relations are left for the search.
OVERVIEW_CAP = 5


def overview_results() -> list[DocumentResult]:
    """A corpus in small: a hub with twelve spokes, a pair joined by three relations, a weak
    chain (traveller - village, traveller - spoke 11) and twenty entities only mentioned."""
    lines: list[tuple[Entity, str, Entity, str, str, str]] = []   # subject, predicate, object, texts
    for i, spoke in enumerate(SPOKES):
        repeats = {0: 5, 11: 4}.get(i, 1)
        lines += [(HUB, "supports", spoke, f"وأعلنت الدولة المحورية دعم دولة {i} اليوم.",
                   "دعم", f"دولة {i} ")] * repeats
    for _ in range(2):
        lines += [(NORTH, "meetsWith", SOUTH, "والتقى وفد مملكة الشمال وفد جمهورية الجنوب.",
                   "والتقى", "جمهورية الجنوب"),
                  (NORTH, "cooperatesWith", SOUTH, "وتتعاون مملكة الشمال مع جمهورية الجنوب.",
                   "وتتعاون", "جمهورية الجنوب"),
                  (NORTH, "supports", SOUTH, "وتدعم مملكة الشمال جمهورية الجنوب.",
                   "وتدعم", "جمهورية الجنوب")]
    lines += [(HUB, "meetsWith", NORTH, "والتقى مبعوث الدولة المحورية ملك مملكة الشمال.",
               "والتقى", "مملكة الشمال"),
              (FAR, "locatedIn", FARTHER, "ويقيم رحالة بعيد في قرية نائية.", "في", "قرية نائية"),
              (FAR, "meetsWith", SPOKES[11], "والتقى رحالة بعيد وزير دولة 11.", "والتقى",
               "دولة 11")]
    sentences = [line[3] for line in lines] + [f"وذكر الخبر شخص {i} مرة." for i in range(20)]
    doc = DocBuilder("overview", sentences, title="نظرة عامة", source="وكالة",
                     url="https://example.org/overview", date="2024-06-01")
    for index, (subject, predicate, obj, sentence, trigger, object_text) in enumerate(lines):
        doc.entity(subject)
        doc.entity(obj)
        subject_text = subject.label if subject.label in sentence else "الدولة المحورية"
        doc.state(subject, predicate, obj, index, subject_text, trigger, object_text)
    for i, loner in enumerate(LONERS):
        doc.entity(loner)
        doc.mention(loner, len(lines) + i, f"شخص {i}")
    return [doc.result()]


def overview_graph() -> nx.MultiDiGraph:
    return assemble(overview_results())
