"""Persons named with their fathers' names: «وليد بن علي الجلال», «تركي بن سعود بن محمد».

A word, بن or بنت (`function_words.json: patronymic_links`), and another word are a person's
name in Arabic news whatever the words are; the NER model, which has seen few of the names,
misses many of them or cuts them short (training articles: وليد بن علي الجلال untagged, تركي
بن سعود بن محمد read as تركي). A run goes on over further links (a two-word name such as عبد
الله counts as one) and may end with a family name: a word with the article that heads no
phrase (الجلال) or آل and a word (آل سعود). Words of the run are no function word, title or
link, and carry no article (the article starts the family name, never a given name).
"""
from __future__ import annotations

from spacy.tokens import Doc

from extract.chunks import heads
from extract.lexicon import Lexicon
from extract.mentions import doc_keys
from extract.morph import lemma, proclitics

#: The first word of a two-word given name (عبد الله، عبد العزيز), when the text spaces it.
_COMPOUND_FIRST = "عبد"


class _Reader:
    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc, self.lex, self.keys = doc, lex, doc_keys(doc)
        self.titles = lex.title_first_words

    def word(self, j: int, after_link: bool = False) -> bool:
        """Token j can be a word of a name: letters, no article, no title or link, and no
        function word unless a link precedes it (بن علي: the spelling folds علي into على)."""
        if not 0 <= j < len(self.keys):
            return False
        key = self.keys[j]
        return (key.isalpha() and len(key) >= 2 and not key.startswith("ال")
                and (after_link or key not in self.lex.stop_words)
                and key not in self.lex.patronymic_links and key not in self.titles)

    def name_end(self, j: int) -> int:
        """The end of a given name starting at j (two tokens for «عبد الله»)."""
        if self.keys[j] == _COMPOUND_FIRST and j + 1 < len(self.keys) and \
                self.keys[j + 1].isalpha():
            return j + 2
        return j + 1

    def family_end(self, j: int) -> int:
        """The end of a family name at j, or j where there is none."""
        keys, n = self.keys, len(self.keys)
        if j + 1 < n and keys[j] == "ال" and self.word(j + 1):
            return j + 2                                  # آل سعود (normalised to ال)
        if j < n and keys[j].startswith("ال") and keys[j].isalpha() and len(keys[j]) > 3:
            key = keys[j]
            head = lemma(key)
            if key not in self.lex.stop_words and key[2:] not in self.titles and \
                    key not in self.titles and head not in heads().actor and \
                    head not in heads().thing:
                return j + 1
        return j


def find(doc: Doc, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, clitic) of every patronymic name in `doc`, left to right; `clitic` is the
    first word's proclitics (وليد keeps its و, ولمحمد loses و and ل)."""
    read = _Reader(doc, lex)
    keys, out, i = read.keys, [], 1
    while i < len(keys) - 1:
        if keys[i] not in lex.patronymic_links or not read.word(i + 1, after_link=True):
            i += 1
            continue
        if read.word(i - 1):
            start = i - 1
        elif i >= 2 and keys[i - 2] == _COMPOUND_FIRST and keys[i - 1].isalpha():
            start = i - 2                                 # عبد الله بن ...
        else:
            i += 1
            continue
        end = read.name_end(i + 1)
        while end + 1 < len(keys) and keys[end] in lex.patronymic_links and \
                read.word(end + 1, after_link=True):
            end = read.name_end(end + 1)
        end = read.family_end(end)
        clitic = proclitics(keys[start])
        out.append((start, end, clitic))
        i = end
    return out
