"""The formats a build chooses among (`khabar build --formats`) and the files each writes.

Every format is a full view of the graph, so a corpus build does not write them all by default:
a build of at most SMALL_BUILD documents (one article, a handful) writes every format; a larger
one writes CORPUS_FORMATS (the dataset as TriG, the HTML overview, the CSV tables), and any
other format on request. `ontology.ttl` and `documents.jsonl` (the documents' text, stored once:
graph/documents.py) are written by every build. With gzip, every file but the HTML page and the
ontology is written gzip-compressed (`graph.trig.gz`, ...). No heavy imports: the command line
reads this table before it loads anything else.
"""
from __future__ import annotations

from collections.abc import Iterable

__all__ = ["FORMATS", "ALWAYS", "CORPUS_FORMATS", "SMALL_BUILD", "FormatError",
           "default_formats", "parse_formats", "format_files", "output_name"]

#: `--formats` name -> the files it writes.
FORMATS: dict[str, tuple[str, ...]] = {
    "ttl": ("graph.ttl",), "trig": ("graph.trig",), "nq": ("graph.nq",), "nt": ("graph.nt",),
    "jsonld": ("graph.jsonld",), "html": ("graph.html",), "graphml": ("graph.graphml",),
    "gexf": ("graph.gexf",), "csv": ("nodes.csv", "edges.csv"),
    "neo4j": ("neo4j/nodes.csv", "neo4j/relationships.csv"),
}
#: Written by every build.
ALWAYS = ("ontology.ttl", "documents.jsonl")
#: Never compressed: the page a browser opens, and the ontology (small, read by people).
_PLAIN = frozenset({"graph.html", "ontology.ttl"})
#: A build of at most this many documents writes every format by default.
SMALL_BUILD = 100
#: What a larger build writes by default: one RDF dataset (what `khabar query`, `serve` and
#: `push` read), the overview page, and the tables spreadsheets and Gephi import.
CORPUS_FORMATS = ("trig", "html", "csv")


class FormatError(ValueError):
    """An unknown name in --formats."""


def default_formats(n_documents: int) -> tuple[str, ...]:
    return tuple(FORMATS) if n_documents <= SMALL_BUILD else CORPUS_FORMATS


def parse_formats(text: str) -> tuple[str, ...]:
    """``"ttl,trig"`` -> ("ttl", "trig"); ``"all"`` -> every format."""
    names = [n.strip().lower().lstrip(".") for n in text.split(",") if n.strip()]
    if names == ["all"]:
        return tuple(FORMATS)
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise FormatError(f"unknown format {', '.join(unknown) or repr(text)}: choose from "
                          f"{','.join(FORMATS)} (comma-separated), or all")
    return tuple(dict.fromkeys(names))


def format_files(formats: Iterable[str]) -> set[str]:
    """The files `formats` write, with ALWAYS."""
    formats = list(formats)
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise FormatError(f"unknown format {', '.join(unknown)}: choose from {','.join(FORMATS)}")
    return set(ALWAYS) | {f for name in formats for f in FORMATS[name]}


def output_name(name: str, gzip: bool) -> str:
    """The file name `name` is written under: with .gz when compressed."""
    return f"{name}.gz" if gzip and name not in _PLAIN else name
