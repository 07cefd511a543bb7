"""spaCy components, one per extraction stage, registered by name, with a version suffix so a changed behaviour gets a new name.

    khabar_normalizer_v1 -> khabar_segmenter_v1 -> khabar_mentions_v1 -> khabar_relations_v1

Each stage reads what the previous one left on the Doc (`token.norm_`, `doc._.sentences`,
`doc._.mentions`, `doc._.actors`) and adds its own; `extract.pipeline` reads the result into
records.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from extract import gazetteer, lexicon
from extract.coref import resolve
from extract.mentions import find_actors, find_mentions
from extract.normalize import normalise
from extract.relations import RelationReader
from extract.segment import sentences

for _name, _default in (("sentences", None), ("mentions", None), ("actors", None), ("coref", None),
                        ("statements", None), ("entities", None), ("doc_id", ""),
                        ("sentence_context", None), ("chunk_mentions", None),
                        ("token_vectors", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component("khabar_normalizer_v1", assigns=["token.norm"])
def normalizer(doc: Doc) -> Doc:
    """Token norms with Arabic spelling variants folded (offsets stay those of the token)."""
    for token in doc:
        token.norm_ = normalise(token.text) or token.text
    return doc


@Language.component("khabar_segmenter_v1", assigns=["doc._.sentences"])
def segmenter(doc: Doc) -> Doc:
    """Sentences at . ! ؟ ؛ and line breaks (headlines); clauses are cut at ، later."""
    doc._.sentences = sentences(doc)
    return doc


class MentionFinder:
    """The mentions stage: gazetteer, NER model, titles and actors. `pipe` tags a batch of
    documents with the NER model at once (what `Language.pipe` calls), `__call__` one."""

    def __init__(self, use_ner: bool) -> None:
        from extract.ner_mentions import NerMentions, with_corpus_names, with_patronyms
        self.ner = NerMentions.load() if use_ner else None
        self.with_corpus_names, self.with_patronyms = with_corpus_names, with_patronyms
        self.gaz, self.lex = gazetteer.default(), lexicon.default()

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            tagged = (self.ner.many(batch, self.lex) if self.ner is not None
                      else [None] * len(batch))
            for doc, extra in zip(batch, tagged):
                if extra is not None:
                    extra = self.with_corpus_names(
                        doc, self.with_patronyms(doc, extra, self.lex), self.lex)
                doc._.mentions = find_mentions(doc, self.gaz, self.lex, extra)
                doc._.actors = find_actors(doc, doc._.mentions, self.lex)
                yield doc


@Language.factory("khabar_mentions_v1",
                  assigns=["doc._.mentions", "doc._.actors", "doc._.token_vectors"],
                  default_config={"use_ner": True})
def make_mentions(nlp: Language, name: str, use_ner: bool) -> MentionFinder:
    return MentionFinder(use_ner)


@Language.component("khabar_coref_v1", requires=["doc._.actors"],
                    assigns=["doc._.actors", "doc._.coref"])
def coreference(doc: Doc) -> Doc:
    """Referring words (بلاده، الطرفين، الحركة، الوزير الروسي) and quoted speakers."""
    coref = resolve(doc, doc._.mentions, doc._.actors, lexicon.default(), gazetteer.default())
    replaced = {id(a.replaces) for a in coref.actors if a.replaces is not None}
    actors = [a for a in doc._.actors if id(a) not in replaced] + coref.actors
    doc._.actors = sorted(actors, key=lambda a: a.start)
    doc._.mentions = sorted(doc._.mentions + [a.head for a in coref.actors],
                            key=lambda m: m.start)
    doc._.coref = coref
    return doc


@Language.component("khabar_relations_v1", requires=["doc._.mentions"],
                    assigns=["doc._.statements"])
def relations(doc: Doc) -> Doc:
    reader = RelationReader(doc, doc._.doc_id, doc._.mentions, doc._.actors,
                            lexicon.default(), gazetteer.default(), doc._.coref)
    doc._.statements = reader.read()
    doc._.entities = {**reader.things, **reader.people}
    doc._.sentence_context = reader.sentence_context
    return doc


@Language.component("khabar_relmodel_v1", requires=["doc._.statements"],
                    assigns=["doc._.statements", "doc._.entities"])
def relation_model(doc: Doc) -> Doc:
    """The trained relation model over every candidate pair (extract/relmodel); the rule
    reader's structural statements stay, its trigger statements are the model's features."""
    from extract.relmodel.combine import combine
    from extract.relmodel.model import shipped
    from extract.relmodel.reader import (Structures, doc_entities, structure_statements,
                                         read_statements)
    model = shipped()
    if model is None:
        return doc
    structures = Structures()
    found, used = read_statements(doc, lexicon.default(), model, doc._.doc_id, doc._.coref,
                                  doc._.sentence_context or {}, structures)
    doc._.chunk_mentions = structures.actors
    listed, listed_entities = structure_statements(doc, doc._.doc_id, structures)
    doc._.statements = list(doc._.statements or []) + listed
    used = {**listed_entities, **used}
    doc._.statements = combine(doc._.statements, found, {**doc_entities(doc), **used})
    doc._.entities = {**(doc._.entities or {}), **used}
    return doc
