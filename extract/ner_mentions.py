"""Mentions from the statistical NER model (extract/ner), for names no gazetteer lists.

The model tags the document's words (one Doc per article); every entity becomes a typed, unlinked mention
(PERS -> Person, LOC -> Place, ORG -> Organisation, MISC -> Other) keyed by its normalised name,
so the same name merges across sentences and documents. Proclitics are stripped from the label
(وحماس -> حماس). Gazetteer mentions win where both fire (see `mentions.find_mentions`).
"""
from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from extract import corpus_names, patronyms
from extract.lexicon import Lexicon
from extract.mentions import Mention, char_span, doc_keys, doc_text, unlinked_key
from extract.morph import frequency
from extract.ner.components import normalise as model_normalise
from extract.normalize import normalise, strip_marks
from extract.records import Entity
from extract.segment import sentences

TYPES = {"PERS": "Person", "LOC": "Place", "ORG": "Organisation", "MISC": "Other"}


def _token_vectors(n_tokens: int, idx: list[int], tensor) -> np.ndarray | None:
    """The model's contextual vector of each token of the document (its tok2vec output: the
    encoder pretrained on 8 M words of SaudiNewsNet and tuned for NER), zeros for spaces. The
    relation model reads pairs through them (`extract.relmodel.features.pair_vectors`)."""
    if tensor is None or len(tensor) != len(idx) or not len(idx):
        return None
    out = np.zeros((n_tokens, tensor.shape[1]), dtype=np.float32)
    out[idx] = tensor
    return out


def _layout(doc: Doc) -> tuple[list[int], list[int]]:
    """The document's words as the model reads them (no spaces): each one's token index and
    sentence number."""
    idx: list[int] = []
    sentence_of: list[int] = []
    for n, sent in enumerate(sentences(doc)):
        for token in doc[sent.start:sent.end]:
            if not token.is_space:
                idx.append(token.i)
                sentence_of.append(n)
    return idx, sentence_of


class NerMentions:
    """The model's mentions for Docs (`many`); `load` gives None when no model ships."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        # names the model's gazetteer feature lists (normalised as the model normalises)
        self.listed: dict[str, str] = (nlp.get_pipe("gazetteer").entries
                                       if "gazetteer" in nlp.pipe_names else {})

    @classmethod
    def load(cls) -> NerMentions | None:
        from extract import ner
        if not (ner.model_path() / "meta.json").exists():
            return None
        return cls(ner.load())

    def many(self, docs: list[Doc], lex: Lexicon) -> list[list[Mention]]:
        """The model's mentions of each document. Each document is one model Doc, so the
        model's document-level step (one name, one reading per article) sees every sentence;
        entities never cross sentences. The documents are tagged as one batch (`nlp.pipe`:
        faster than one by one on news; each document's tags and vectors are the same
        either way, since the model reads every document on its own)."""
        layouts = [_layout(doc) for doc in docs]
        words = [Doc(self.nlp.vocab, words=[doc[i].text for i in idx])
                 for doc, (idx, _) in zip(docs, layouts) if idx]
        tagged = iter(self.nlp.pipe(words, batch_size=max(1, len(words))))
        return [self._read(doc, idx, sentence_of, next(tagged), lex) if idx else []
                for doc, (idx, sentence_of) in zip(docs, layouts)]

    def _read(self, doc: Doc, idx: list[int], sentence_of: list[int], tagged: Doc,
              lex: Lexicon) -> list[Mention]:
        doc._.token_vectors = _token_vectors(len(doc), idx, tagged.tensor)
        out: list[Mention] = []
        for ent in tagged.ents:
            if sentence_of[ent.start] != sentence_of[ent.end - 1]:
                continue
            mention = self._mention(doc, idx[ent.start], idx[ent.end - 1] + 1, ent.label_, lex)
            if mention is not None:
                out.append(mention)
        return out

    def _known_name(self, word: str) -> bool:
        """Whether the model's gazetteer feature lists `word` (a name or name word: ياسر)."""
        return model_normalise(word) in self.listed

    def _clitic(self, doc: Doc, start: int, lex: Lexicon) -> str:
        """Proclitics to strip from a tagged name's first word. The conjunction و/ف goes when
        the rest stands alone elsewhere in the document (وحماس ... حماس), carries the article,
        or is a listed name while the whole word is not (وياسر -> ياسر, but وليد stays);
        ب/ل/ك only before the article (بالأمم، للجيش), since many names begin with these
        letters (بوتين، لبنان، وليد), and only where the news writes the rest more often than
        the whole word (8 M words of SaudiNewsNet, `extract/morph.py`)."""
        key = doc_keys(doc)[start]
        words = doc.user_data.get("khabar_key_set")
        if words is None:
            words = doc.user_data["khabar_key_set"] = set(doc_keys(doc))
        clitic = ""
        if key[:1] in "وف" and len(key) > 3 and (
                key[1:] in words or key[1:3] == "ال"
                or (self._known_name(key[1:]) and not self._known_name(key))):
            clitic, key = key[0], key[1:]
        if key[:1] in "بلك" and len(key) > 4 and (key[1:3] == "ال" or key[:2] == "لل"):
            rest = key[1:] if key[1:3] == "ال" else "ال" + key[2:]
            # كاليفورنيا is no ك + اليفورنيا: the news has the whole word, never the rest
            if frequency(rest) >= frequency(key):
                clitic += key[0]
        return clitic

    def _mention(self, doc: Doc, start: int, end: int, label: str, lex: Lexicon) -> Mention | None:
        return name_mention(doc, start, end, self._clitic(doc, start, lex),
                            TYPES.get(label, "Other"), lex)


def name_mention(doc: Doc, start: int, end: int, clitic: str, etype: str,
                 lex: Lexicon) -> Mention | None:
    """An unlinked name of tokens [start, end) without the first word's `clitic`, keyed by
    its normalised form; None for what is too short or a stop word."""
    char_start, _ = char_span(doc[start], clitic)
    char_end = doc[end - 1].idx + len(doc[end - 1].text)
    text = strip_marks(doc_text(doc)[char_start:char_end]).strip()
    if clitic.endswith("ل") and normalise(doc[start].text)[len(clitic) - 1:].startswith("لل"):
        text = "ا" + text     # للجيش -> الجيش: the article's alef comes back
    if len(normalise(text)) < 2 or normalise(text) in lex.stop_words:
        return None
    entity = Entity(key=unlinked_key(text), label=text, type=etype, source="ner")
    return Mention(start, end, entity, "ner", clitic, char_start, char_end)


def with_corpus_names(doc: Doc, tagged: list[Mention], lex: Lexicon) -> list[Mention]:
    """The model's mentions and, where it tagged nothing, the names it tags in most of their
    occurrences across the unlabelled corpora (`extract/corpus_names.py`), in text order."""
    taken = {i for m in tagged for i in range(m.start, m.end)}
    out = list(tagged)
    for start, end, clitic, etype in corpus_names.default().find(doc):
        if taken.isdisjoint(range(start, end)):
            mention = name_mention(doc, start, end, clitic, etype, lex)
            if mention is not None:
                out.append(mention)
    return sorted(out, key=lambda m: m.start)


def with_patronyms(doc: Doc, tagged: list[Mention], lex: Lexicon) -> list[Mention]:
    """The model's mentions with each patronymic name (`extract/patronyms.py`) as one Person:
    it replaces what the model tagged inside it (a part, or nothing), and gives way to a
    mention the model tagged across its edge."""
    out = list(tagged)
    for start, end, clitic in patronyms.find(doc, lex):
        inside = [m for m in out if start <= m.start and m.end <= end]
        if any(m.start < end and start < m.end for m in out if m not in inside) or \
                any(m.start == start and m.end == end for m in inside):
            continue
        mention = name_mention(doc, start, end, clitic, "Person", lex)
        if mention is not None:
            out = [m for m in out if m not in inside] + [mention]
    return sorted(out, key=lambda m: m.start)
