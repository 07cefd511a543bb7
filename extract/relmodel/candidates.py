"""The arguments a sentence offers the relation model.

Every mention of the earlier stages is a candidate (gazetteer and NER names, nisbas, titled
names, resolved references such as بلاده or الطرفين), and so is every noun-phrase chunk
(`extract.chunks`) that is not the same stretch of text as a mention. Candidates may nest
("الحكومة السورية" holds the nisba "السورية"): the model sees both and the pair between them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from extract import gazetteer
from extract.chunks import Chunk, Chunker, first_word
from extract.lexicon import Lexicon
from extract.mentions import Mention, char_span, doc_keys, doc_name_keys, match_title
from extract.morph import lemma
from extract.normalize import name_key, normalise, peel, strip_article
from extract.records import Entity
from extract.segment import Segment



@lru_cache(maxsize=4)
def _person_heads(lex: Lexicon) -> frozenset[str]:
    """The first words of person titles, without the article: a chunk headed by one (رئيس
    الوزراء البريطاني، وزير الخارجية الأميركي، المستشارة الألمانية) describes a person. Matched
    as written, not by lemma: the lemma key drops the feminine ending, and محافظة (a
    governorate), المعارضة, مديرية are no محافظ, معارض, مدير; the titles list the feminine
    forms that are people (الرئيسة، المستشارة، الوزيرة)."""
    return frozenset(strip_article(words[0]) for words in lex.person_titles)


@dataclass
class Candidate:
    """One argument: tokens [start, end) of the document, the entity it names, and how it
    was found ("name", "nisba", "ner", "title", "anaphor", "admin", "chunk:actor",
    "chunk:thing")."""

    start: int
    end: int
    char_start: int
    char_end: int
    entity: Entity
    source: str
    clitic: str = ""
    stands_for: Entity | None = None
    note: str = ""
    head: str = ""
    #: found inside a name the mention finder matched whole (`_nisbas_inside`,
    #: `_names_inside`): its entity is the document's only where a statement relates it
    inside: bool = False

    @property
    def is_thing(self) -> bool:
        return self.source == "chunk:thing"

    def acting_entity(self) -> Entity:
        """The entity a statement names: a capital or seat of power stands for its state."""
        return self.stands_for or self.entity


def _chunk_entity(chunk: Chunk, first_word: str, person_heads: frozenset[str]) -> Entity:
    """The entity a phrase names; `first_word` is its first word without proclitics."""
    if chunk.kind == "thing":
        return Entity(key=f"Thing:{name_key(chunk.label)}", label=chunk.label, type="Thing",
                      source="phrase")
    etype = "Person" if strip_article(first_word) in person_heads else "Organisation"
    return Entity(key=f"name:{name_key(chunk.label)}", label=chunk.label, type=etype,
                  source="phrase")


def _titles_a_person(chunk: Chunk, candidates: list[Candidate], reach: int = 4) -> bool:
    """The chunk opens the title of a person named just after it (المتحدث باسم الكرملين
    دميتري بيسكوف: the person's job title starts with the chunk's words)."""
    words = normalise(chunk.label).split()
    for c in candidates:
        if c.entity.type == "Person" and chunk.end <= c.start <= chunk.end + reach:
            title = normalise(c.entity.job_title or "").split()
            if title[:len(words)] == words:
                return True
    return False


def _inside_titles(doc: Doc, seg: Segment, lex: Lexicon) -> set[int]:
    """Tokens that continue a person's title of several words (الوزراء in رئيس الوزراء): a
    phrase starting there is the title's, not an actor. An institution noun or an organisation
    word there (الحكومة in رئيس الحكومة المغربية، مجلس in رئيس مجلس الأمة) names the body the
    title belongs to, and stays a candidate."""
    keys = doc_keys(doc)
    inside: set[int] = set()
    for i in range(seg.start, seg.end):
        length = match_title(keys, i, lex.person_titles)[0]
        inside.update(k for k in range(i + 1, min(i + length, seg.end))
                      if not any(stem in lex.institution_nouns or lex.is_type_word(stem)
                                 for stem, _ in peel(keys[k])))
    return inside


def _nisbas_inside(doc: Doc, name: Candidate) -> list[Candidate]:
    """A state's nisba inside an organisation's name (هيئة الإذاعة البريطانية، الجيش السوري
    الحر): the mention finder's longest match hides it in the name, but it locates the body
    as a nisba locates a phrase (وكالة الأنباء الألمانية), so the model sees the pair."""
    if name.entity.type != "Organisation" or name.end - name.start < 2:
        return []
    gaz = gazetteer.default()
    out = []
    for k in range(name.start + 1, name.end):
        for words, entry, rule in gaz.index.get(doc_name_keys(doc)[k], ()):
            if rule == "nisba" and entry.type == "State" and len(words) == 1:
                start, end = char_span(doc[k], "")
                out.append(Candidate(k, k + 1, start, end, entry.entity(), "nisba", inside=True))
                break
    return out


#: Types of a gazetteer name inside an organisation's name that the model may relate to it:
#: the body it belongs to or the place it is in (مجلس حقوق الإنسان التابع للأمم المتحدة،
#: غرفة تجارة وصناعة الرياض).
_INNER_TYPES = ("State", "Organisation", "City", "Region")


def _names_inside(doc: Doc, name: Candidate) -> list[Candidate]:
    """Gazetteer names inside an organisation's name of three words or more, after its first
    word: the longest match hides them in the name, as it hides a nisba (`_nisbas_inside`),
    though the name says whose body it is or where it sits."""
    if name.entity.type != "Organisation" or name.end - name.start < 3:
        return []
    gaz = gazetteer.default()
    keys = doc_name_keys(doc)
    out = []
    k = name.start + 1
    while k < name.end:
        found = None
        for stem, clitic in peel(keys[k]):
            for words, entry, rule in gaz.index.get(stem, ()):
                end = k + len(words)
                if rule == "name" and entry.type in _INNER_TYPES and end <= name.end and \
                        tuple(keys[k + 1:end]) == words[1:] and entry.key != name.entity.key:
                    found = (end, clitic, entry)
                    break
            if found is not None:
                break
        if found is None:
            k += 1
            continue
        end, clitic, entry = found
        start_char, _ = char_span(doc[k], clitic)
        end_char = doc[end - 1].idx + len(doc[end - 1].text)
        out.append(Candidate(k, end, start_char, end_char, entry.entity(), "name", clitic,
                             inside=True))
        k = end
    return out


def sentence_candidates(doc: Doc, seg: Segment, mentions: list[Mention], chunker: Chunker,
                        entities: dict[str, Entity], lex: Lexicon) -> list[Candidate]:
    """Candidates of one sentence, ordered by position (then longest first)."""
    out: list[Candidate] = []
    spans = set()
    for m in mentions:
        if not (seg.start <= m.start < seg.end):
            continue
        entity = entities.get(m.entity.key, m.entity)
        out.append(Candidate(m.start, m.end, m.char_start, m.char_end, entity, m.rule,
                             m.clitic, m.stands_for, m.note))
        spans.add((m.start, m.end))
    named = [c for c in out if c.source in ("name", "ner")]
    for c in named:
        for n in (*_nisbas_inside(doc, c), *_names_inside(doc, c)):
            if (n.start, n.end) not in spans:
                spans.add((n.start, n.end))
                out.append(n)
    names = [(c.start, c.end) for c in named]
    people = {edge for c in out if c.entity.type == "Person" for edge in (c.start, c.end)}
    in_title = _inside_titles(doc, seg, lex)
    for chunk in chunker.sentence(seg):
        if (chunk.start, chunk.end) in spans or chunk.end - chunk.start < 1 \
                or chunk.start in in_title:
            continue
        if any(start <= chunk.start and chunk.end <= end for start, end in names):
            continue      # a chunk inside a name (حزب inside حزب الله) is the name
        entity = _chunk_entity(chunk, first_word(chunker.keys[chunk.start])[0],
                               _person_heads(lex))
        if entity.type == "Person" and (chunk.end in people or chunk.start in people
                                        or _titles_a_person(chunk, out)):
            continue      # "سيرغي لافروف وزير الخارجية الروسي": the title of a named person
        out.append(Candidate(chunk.start, chunk.end, chunk.char_start, chunk.char_end,
                             entity, f"chunk:{chunk.kind}", head=chunk.head))
        spans.add((chunk.start, chunk.end))
    out.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return out
