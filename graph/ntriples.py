"""Line-based RDF: N-Triples (the flat graph) and N-Quads (the dataset, graph per document).

One statement per line, sorted, so files diff well and the same graph gives the same bytes
whatever order rdflib happens to iterate in; both load fast into any triple store.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf import to_dataset, to_rdf
from khabar.atomic import write_text

__all__ = ["write_ntriples", "write_nquads"]


def _sorted_lines(data: str) -> str:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return "".join(line + "\n" for line in lines)


def write_ntriples(graph: nx.MultiDiGraph, path: Path) -> None:
    write_text(path, _sorted_lines(to_rdf(graph).serialize(format="nt", encoding="utf-8")
                                   .decode("utf-8")))


def write_nquads(graph: nx.MultiDiGraph, path: Path) -> None:
    write_text(path, _sorted_lines(to_dataset(graph).serialize(format="nquads", encoding="utf-8")
                                   .decode("utf-8")))
