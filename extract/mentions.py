"""Entity mentions: gazetteer names and nisba adjectives, titles before unknown names, and
actor phrases (title + nisba/genitive + name) that tell who a person is and whom they act for.

Works on a spaCy Doc whose tokens keep their original offsets. Proclitics (و ف ب ل ك لل) are
peeled from the first word of a name and kept on the mention, so that the relation reader
knows that لكوريا is "to/for Korea" and وروسيا "and Russia".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc, Token

from extract.gazetteer import HOME, Entry, Gazetteer
from extract.lexicon import Lexicon, TriggerMatch, by_first_word
from extract.morph import lemma
from extract.normalize import QUOTATION_MARKS, name_key, normalise, peel, strip_marks
from extract.records import Entity

T = TypeVar("T", bound=tuple)

#: Entity types that can act: be the agent or party of a relation.
ACTOR_TYPES = {"Person", "State", "Organisation", "Region", "City", "Place", "Other"}


@dataclass
class Mention:
    """An entity mention over tokens [start, end), with proclitics peeled off the first token."""

    start: int
    end: int
    entity: Entity
    rule: str                      # name | nisba | title | type-word | admin | ner
    clitic: str = ""               # normalised proclitics on the first token (و، ل، ول، ...)
    char_start: int = 0            # original-text offsets, proclitics excluded
    char_end: int = 0
    entry: Entry | None = None     # the gazetteer entry, where there is one
    stands_for: Entity | None = None  # a capital or seat of power: the state it can stand for
    note: str = ""                 # how a referring word was resolved (coreference)


@dataclass
class Actor:
    """A phrase naming an actor: [title] [nisba | genitive state/org] [name]."""

    start: int
    end: int
    head: Mention
    title: str = ""                # the title words as written (الرئيس، وزير الخارجية)
    head_title: bool = False       # head of state/government/organisation
    affiliation: Mention | None = None
    parts: list[Mention] = field(default_factory=list)
    members: list[Mention] = field(default_factory=list)   # الدولتان: both states
    replaces: Actor | None = None  # the actor this resolved one stands in for


#: Why a mention of `gazetteer.HOME` stands for its state (in its note, "المملكة -> السعودية").
HOME_NOTE = "the newspapers' own state"


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy's `Doc.text` joins every token on each call."""
    text = doc.user_data.get("khabar_text")
    if text is None:
        text = doc.user_data["khabar_text"] = doc.text
    return text


def doc_keys(doc: Doc) -> list[str]:
    """Every token's normalised form, computed once per document for every stage."""
    keys = doc.user_data.get("khabar_keys")
    if keys is None:
        keys = doc.user_data["khabar_keys"] = [normalise(t.text) for t in doc]
    return keys


def doc_name_keys(doc: Doc) -> list[str]:
    """Every token's name key (`name_key`: the gazetteer's form), computed once per document."""
    keys = doc.user_data.get("khabar_name_keys")
    if keys is None:
        keys = doc.user_data["khabar_name_keys"] = [name_key(t.text) for t in doc]
    return keys


def token_triggers(doc: Doc, lex: Lexicon, i: int, ta_marbuta: bool | None = None
                   ) -> tuple[TriggerMatch, ...]:
    """`Lexicon.match_triggers` at token i, computed once per document and token: the rule
    reader, its phrase reader and the relation model's features all ask. `ta_marbuta`
    defaults to whether the token ends in ة."""
    if ta_marbuta is None:
        ta_marbuta = doc[i].text.endswith("ة")
    cache = doc.user_data.get("khabar_triggers")
    if cache is None or cache[0] is not lex:
        cache = doc.user_data["khabar_triggers"] = (lex, {})
    found = cache[1].get((i, ta_marbuta))
    if found is None:
        found = cache[1][(i, ta_marbuta)] = tuple(lex.match_triggers(doc_keys(doc), i,
                                                                     ta_marbuta))
    return found


def unlinked_key(label: str) -> str:
    """The merge key of a name no gazetteer lists: its normalised form, whatever the type a
    rule or the model gave it, so that one name is one node across sentences and documents."""
    return f"name:{name_key(label)}"


def char_span(token: Token, clitic: str) -> tuple[int, int]:
    """Offsets of a token without its proclitics, skipping diacritics as they come."""
    start, skip, text = token.idx, len(clitic), token.text
    pos = 0
    while skip and pos < len(text):
        if normalise(text[pos]):
            skip -= 1
        pos += 1
    while pos < len(text) and not normalise(text[pos]):
        pos += 1
    return start + pos, token.idx + len(token.text)




#: Marks news sets around the distinctive word of a name (تنظيم «القاعدة»، جبهة "النصرة"،
#: حركة (فتح)): a form's words match across them.
NAME_QUOTES = frozenset(QUOTATION_MARKS + "()")


def _match_end(keys: list[str], i: int, words: tuple[str, ...]) -> int:
    """Where the form `words` ends when its first word matched at i, or 0 when it does not
    match: a quotation mark or parenthesis may open before a later word and close after it."""
    j, n, opened = i + 1, len(keys), 0
    for word in words[1:]:
        if j < n and keys[j] in NAME_QUOTES and keys[j] != word:
            j, opened = j + 1, opened + 1
        if j >= n or keys[j] != word:
            return 0
        j += 1
    if opened:
        if j < n and keys[j] in NAME_QUOTES:
            return j + 1
        return 0
    return j


def longest_matches(keys: list[str], index: dict[str, list[T]]) -> list[tuple[int, int, str, T]]:
    """(start, end, clitic, item) of every match of `index` in `keys`, left to right, no
    overlaps. `index` maps a form's first word to its items, longest form first, each item a
    tuple whose first element is the form's words (the gazetteer's (words, entry, rule), the
    corpus names' (words,)). The longest form wins, then the least peeled reading of its first
    word; a form's later words may stand inside quotation marks or parentheses (`_match_end`).
    The gazetteer and the corpus names are found this way."""
    out: list[tuple[int, int, str, T]] = []
    i, n = 0, len(keys)
    while i < n:
        best: tuple[int, int, str, T] | None = None  # (end, -peeled, clitic, item)
        for stem, clitic in peel(keys[i]):
            for item in index.get(stem, ()):
                end = _match_end(keys, i, item[0])
                if not end:
                    continue
                cand = (end, -len(clitic), clitic, item)
                if best is None or cand[:2] > best[:2]:
                    best = cand
                break
        if best is None:
            i += 1
            continue
        end, _, clitic, item = best
        out.append((i, end, clitic, item))
        i = end
    return out


def find_gazetteer_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Longest-match gazetteer lookup, left to right, no overlaps. A newspaper's word for its
    own state (`home.json`: المملكة) is a name of that state unless a definite nisba follows
    (المملكة الأردنية begins another state's name); its mention says so in its note. Two
    names of one entity in a row are one mention."""
    out: list[Mention] = []
    keys = doc_name_keys(doc)
    for start, end, clitic, (_, entry, rule) in longest_matches(keys, gaz.index):
        start_char, _ = char_span(doc[start], clitic)
        end_tok = doc[end - 1]
        end_char = end_tok.idx + len(end_tok.text)
        note = ""
        following = keys[end] if end < len(keys) else ""
        if rule == HOME:
            if following.startswith("ال") and following.endswith("يه"):
                continue
            said = doc_text(doc)[start_char:end_char]
            rule, note = "name", f"{said} -> {entry.ar} ({HOME_NOTE})"
        elif rule == "name" and end - start >= 2 and _is_definite_adjective(keys[end - 1]) \
                and _is_definite_adjective(following) and not _own_nisba(gaz, entry, following):
            continue  # الحزب الديمقراطي الكردستاني: an adjective goes on with another name
        last = out[-1] if out else None
        if last is not None and last.end == start and last.entity.key == entry.key and \
                not clitic:
            # two names of one entity in a row are one naming: خادم الحرمين الشريفين الملك سلمان
            last.end, last.char_end = end, end_char
            continue
        out.append(Mention(start, end, entry.entity(), rule, clitic, start_char, end_char,
                           entry, note=note))
    return _with_shared_heads(doc, keys, out, gaz)


#: Place types a name can say it is in (تنظيم القاعدة في جزيرة العرب).
_PLACE_TYPES = ("State", "Region", "City", "Place")


def place_in_name(doc: Doc, m: Mention, gaz: Gazetteer) -> Mention | None:
    """The place an organisation's own name says it is in: "تنظيم القاعدة في جزيرة العرب"
    is in the Arabian Peninsula, as an analyst reads it. The words after في inside the
    mention must be one gazetteer name of a place, whole."""
    keys = doc_name_keys(doc)
    inner = [k for k in range(m.start + 1, m.end) if keys[k] not in NAME_QUOTES]
    words = [keys[k] for k in inner]
    if "في" not in words:
        return None
    at = words.index("في") + 1
    rest = inner[at:]
    if not rest:
        return None
    found = longest_matches(words[at:], gaz.index)
    if len(found) != 1 or found[0][0] != 0 or found[0][1] != len(rest) or found[0][2]:
        return None
    _, _, _, (_, entry, rule) = found[0]
    if rule != "name" or entry.type not in _PLACE_TYPES:
        return None
    start, end = rest[0], rest[-1] + 1
    char_start = doc[start].idx
    char_end = doc[end - 1].idx + len(doc[end - 1].text)
    return Mention(start, end, entry.entity(), "name", "", char_start, char_end, entry)


def _is_definite_adjective(key: str) -> bool:
    """A definite word with a nisba ending (الكردستاني، التقدمية): an adjective that can go on
    a name."""
    return key.startswith("ال") and len(key) > 5 and key.endswith(("ي", "يه"))


def _own_nisba(gaz: Gazetteer, entry: Entry, key: str) -> bool:
    """Is `key` a nisba of the state the entry belongs to (الحزب الجمهوري الأمريكي)?"""
    home = entry.based_in or entry.country
    return any(rule == "nisba" and other.qid == home and words == (key,)
               for words, other, rule in gaz.index.get(key, ()))


#: Dual endings and what the singular has instead: الحزبين -> الحزب, الكوريتين -> الكوريه.
_DUAL_ENDINGS = (("تين", "ه"), ("تان", "ه"), ("ين", ""), ("ان", ""))
#: Why a mention names an entity whose name the text shares out (in its note).
SHARED_HEAD_NOTE = "a head shared by coordinated adjectives"


def _head_adjective_entry(gaz: Gazetteer, head: str, adjective: str) -> Entry | None:
    """The entry named by exactly the two words `head adjective`, if the gazetteer has one."""
    for words, entry, rule in gaz.index.get(head, ()):
        if words == (head, adjective) and rule == "name":
            return entry
    return None


def _shared_head_at(keys: list[str], i: int, gaz: Gazetteer
                    ) -> tuple[list[tuple[int, int, str, Entry]], int]:
    """The names a head at token i shares out, as (start, end, clitic, entry), and the token
    after the last of them; ([], i + 1) where none starts there. A dual head (الحزبين) with its
    first adjective is a name too; a singular head's first name is already a mention."""
    if i + 2 >= len(keys) or not keys[i + 2].startswith("و"):
        return [], i + 1                # no second adjective: nothing is shared (most words)
    for stem, clitic in peel(keys[i]):
        heads = [(stem, False)] + [(stem[:-len(end)] + instead, True)
                                   for end, instead in _DUAL_ENDINGS
                                   if stem.endswith(end) and len(stem) - len(end) > 3]
        for head, dual in heads:
            first = _head_adjective_entry(gaz, head, keys[i + 1])
            if first is None:
                continue
            j, more = i + 2, []
            while j < len(keys) and keys[j].startswith("و") and \
                    (entry := _head_adjective_entry(gaz, head, keys[j][1:])) is not None:
                more.append((j, j + 1, "و", entry))
                j += 1
            if more:
                return ([(i, i + 2, clitic, first)] if dual else []) + more, j
    return [], i + 1


def _with_shared_heads(doc: Doc, keys: list[str], found: list[Mention],
                       gaz: Gazetteer) -> list[Mention]:
    """Add the names that share a head with a coordinated one. News names two organisations
    or regions with one head and two adjectives: الحزبين الجمهوري والديمقراطي (the Republican
    and the Democratic Party), العالمين العربي والإسلامي, العالم العربي والإسلامي. Where the
    gazetteer knows head + each adjective as a name, each adjective after و is a mention of its
    own, and a dual head with the first adjective is one too; both carry a note saying so."""
    added: list[Mention] = []
    text = doc_text(doc)
    i = 0
    while i < len(keys) - 2:
        parts, i = _shared_head_at(keys, i, gaz)
        for start, end, clitic, entry in parts:
            start_char, _ = char_span(doc[start], clitic)
            end_char = doc[end - 1].idx + len(doc[end - 1].text)
            note = f"{text[start_char:end_char]} -> {entry.ar} ({SHARED_HEAD_NOTE})"
            added.append(Mention(start, end, entry.entity(), "name", clitic, start_char,
                                 end_char, entry, note=note))
    if not added:
        return found
    kept = [m for m in found if not _overlaps(m, added)]
    return sorted(kept + added, key=lambda m: m.start)


def _stands_for(m: Mention, gaz: Gazetteer) -> None:
    if m.entry is None:
        return
    target = m.entry.capital_of or m.entry.stands_for
    if target and target in gaz.by_qid:
        m.stands_for = gaz.by_qid[target].entity()


def _is_name_word(word: str, lex: Lexicon) -> bool:
    """Could this word be part of an unknown proper name? Not a function word, a trigger, a
    word with the article, or a conjunction before an adjective or a definite word (والعسكري)."""
    if not word or not word.isalpha() or len(word) < 2 or \
            any(stem.startswith("ال") for stem, _ in peel(word)):
        return False
    if any(stem in lex.stop_words or lex.is_type_word(stem) or stem in lex.attribution_verbs
           or stem in lex.institution_nouns
           or (stem,) in lex.person_titles or ("ال" + stem,) in lex.person_titles
           for stem, _ in peel(word)) or lex.is_trigger_word(word) \
            or lex.is_trigger_word(lemma(word)):
        return False   # بأن، لحزب، رئيس، بنظيره، وبحثا: a function, type, title or trigger word
    rest = word[1:]
    return not (word.startswith("و") and (rest.startswith("ال") or rest.endswith(("ي", "يه"))))


_TITLE_INDEX: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _by_first_word(titles: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """Titles indexed by their first word (built once per title table)."""
    index = _TITLE_INDEX.get(id(titles))
    if index is None:                             # the table is sorted longest first
        index = _TITLE_INDEX[id(titles)] = by_first_word(titles)
    return index


def match_title(keys: list[str], i: int,
                 titles: tuple[tuple[str, ...], ...]) -> tuple[int, str, tuple[str, ...]]:
    """The longest title starting at token i (proclitics allowed): length, clitic, words."""
    if i >= len(keys):
        return 0, "", ()
    index = _by_first_word(titles)
    for stem, clitic in peel(keys[i]):
        for words in index.get(stem, ()):
            if tuple(keys[i + 1:i + len(words)]) == words[1:]:
                return len(words), clitic, words
    return 0, "", ()


_NAME_LINKS = {"بن", "ابن", "بنت", "عبد", "ابو", "ابي", "ال", "ذو"}


def _unknown_name(doc: Doc, keys: list[str], start: int, taken: set[int], lex: Lexicon,
                  max_words: int) -> int:
    """End of a run of up to `max_words` name-like words starting at `start`.

    After بن / عبد / أبو / آل a word with the article belongs to the name (عبد الله، بن
    الحسين); a name never ends on such a link word."""
    end = start
    while end < len(doc) and end - start < max_words and end not in taken \
            and not doc[end].is_punct:
        linked = end > start and keys[end - 1] in _NAME_LINKS and keys[end].startswith("ال")
        if not (linked or _is_name_word(keys[end], lex)):
            break
        end += 1
    while end > start and keys[end - 1] in _NAME_LINKS:
        end -= 1
    return end


def find_title_mentions(doc: Doc, gaz: Gazetteer, lex: Lexicon,
                        known: list[Mention]) -> list[Mention]:
    """A title or type word before a name nobody listed yields a typed, unlinked entity."""
    keys = doc_keys(doc)
    taken = {i for m in known for i in range(m.start, m.end)}
    found: list[Mention] = []
    for table, max_words in ((lex.person_titles, 4), (lex.type_words, 3)):
        for i in range(len(doc)):
            if i in taken:
                continue
            length, _, words = match_title(keys, i, table)
            if not length:
                continue
            j = i + length
            known_at = {m.start: m for m in known}
            # a nisba or state right after the title (الرئيس الكيني ...) is part of the title
            if j in known_at and known_at[j].entity.type in ("State", "Organisation", "Region"):
                j = known_at[j].end
            if j in taken:
                continue
            etype = lex.type_of_title(list(words))
            end = _unknown_name(doc, keys, j, taken, lex, max_words)
            if etype != "Person":   # "تحالف دولي": after a type word, an adjective is no name
                while end > j and keys[end - 1].endswith(("ي", "يه", "يين")):
                    end -= 1
            if end == j:
                continue
            after = known_at.get(end)
            if after is not None and after.entity.type == "Person" and etype == "Person":
                # "فرنسوا هولاند": a first name spelt otherwise before a listed surname joins it
                after.start, after.char_start = j, doc[j].idx
                taken.update(range(j, end))
                continue
            label = strip_marks(doc[j:end].text)
            entity = Entity(key=unlinked_key(label), label=label, type=etype,
                            source="title")
            found.append(Mention(j, end, entity, "title", "", doc[j].idx,
                                 doc[end - 1].idx + len(doc[end - 1].text)))
            taken.update(range(j, end))
    return found


def find_admin_mentions(doc: Doc, lex: Lexicon, known: list[Mention]) -> list[Mention]:
    """إدارة بايدن / حكومة نتنياهو: an administration named after its leader is an organisation."""
    by_start = {m.start: m for m in known}
    keys = doc_keys(doc)
    out = []
    for i, key in enumerate(keys):
        for stem, clitic in peel(key):
            if stem in lex.administration_words and i + 1 in by_start:
                person = by_start[i + 1]
                if person.entity.type != "Person":
                    continue
                start_char, _ = char_span(doc[i], clitic)
                label = strip_marks(doc_text(doc)[start_char:person.char_end])
                en = lex.administration_words[stem]
                entity = Entity(key=f"Organisation:{name_key(label)}", label=label,
                                type="Organisation", source="admin",
                                label_en=f"{person.entity.label_en} {en}".strip()
                                if person.entity.label_en else "")
                out.append(Mention(i, person.end, entity, "admin", clitic, start_char,
                                   person.char_end))
                break
    return out


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest mention where several overlap; ties go to the earlier one."""
    chosen: list[Mention] = []
    used: set[int] = set()
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        span = set(range(m.start, m.end))
        if span & used:
            continue
        chosen.append(m)
        used |= span
    return sorted(chosen, key=lambda m: m.start)


def find_mentions(doc: Doc, gaz: Gazetteer, lex: Lexicon,
                  extra: list[Mention] | None = None) -> list[Mention]:
    """Every mention in the document: gazetteer, statistical NER (`extra`), titles, admins."""
    mentions = find_gazetteer_mentions(doc, gaz)
    if extra:
        mentions = _outside_patronyms(doc, mentions, extra, lex)
        mentions = resolve_overlaps(mentions + [m for m in extra if not _overlaps(m, mentions)])
    mentions = resolve_overlaps(mentions + find_title_mentions(doc, gaz, lex, mentions))
    admins = find_admin_mentions(doc, lex, mentions)
    mentions = resolve_overlaps(admins + mentions)
    for m in mentions:
        _stands_for(m, gaz)
    return mentions


def _outside_patronyms(doc: Doc, listed: list[Mention], extra: list[Mention],
                       lex: Lexicon) -> list[Mention]:
    """The gazetteer's nisbas, less those inside a tagged person's patronymic name: تركي
    before بن is a given name, not Turkish."""
    keys = doc_keys(doc)
    names = [m for m in extra if m.entity.type == "Person"
             and any(keys[i] in lex.patronymic_links for i in range(m.start, m.end))]
    return [m for m in listed if m.rule != "nisba"
            or not any(n.start <= m.start and m.end <= n.end for n in names)]


def _overlaps(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


def find_actors(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Actor]:
    """Group [title] [nisba | ل/genitive entity] [person] into one actor phrase.

    "الرئيس الروسي فلاديمير بوتين" -> Putin, titled president, affiliated to Russia.
    "الأمين العام للأمم المتحدة أنطونيو غوتيريش" -> Guterres, head of the UN.
    A mention outside such a phrase is an actor of its own.
    """
    keys = doc_keys(doc)
    by_start = {m.start: m for m in mentions}
    actors: list[Actor] = []
    consumed: set[int] = set()
    for i in range(len(doc)):
        length, clitic, words = match_title(keys, i, lex.person_titles)
        if not length:
            continue
        j, affiliation = i + length, None
        if j in by_start and by_start[j].entity.type in ("State", "Organisation", "Region") \
                and by_start[j].rule in ("nisba", "name"):
            affiliation = by_start[j]
            j = affiliation.end
        if affiliation is not None and j not in by_start:
            second, _, _ = match_title(keys, j, lex.person_titles)
            j += second   # "أمير قطر الشيخ تميم": a second title before the name
        head = by_start.get(j)
        if head is None or head.entity.type != "Person":
            if affiliation is not None and affiliation.rule == "nisba":
                continue  # "الرئيس الروسي" alone: the nisba mention acts for its state
            continue
        title = strip_marks(doc[i:i + length].text)
        if clitic:
            title = title[len(clitic):] if not clitic.endswith("ال") else title
        actors.append(Actor(i, head.end, head, title.strip(),
                            lex.is_head_title(list(words)), affiliation,
                            [m for m in (affiliation, head) if m is not None]))
        consumed.update(m.start for m in actors[-1].parts)
    actors += _appositions(doc, keys, mentions, lex, consumed)
    for m in mentions:
        if m.start not in consumed:
            actors.append(Actor(m.start, m.end, m, parts=[m]))
    actors.sort(key=lambda a: a.start)
    return actors


def _appositions(doc: Doc, keys: list[str], mentions: list[Mention], lex: Lexicon,
                 consumed: set[int]) -> list[Actor]:
    """"سيرجي لافروف وزير الخارجية الروسي": the name, then its title and state."""
    by_start = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        if m.entity.type != "Person" or m.start in consumed:
            continue
        length, clitic, words = match_title(keys, m.end, lex.person_titles)
        if not length or clitic:
            continue
        aff = by_start.get(m.end + length)
        if aff is None or aff.entity.type not in ("State", "Organisation", "Region"):
            continue
        title = strip_marks(doc[m.end:m.end + length].text)
        out.append(Actor(m.start, aff.end, m, title, lex.is_head_title(list(words)), aff,
                         [m, aff]))
        consumed.update((m.start, aff.start))
    return out
