"""Line-based RDF: N-Triples (the flat graph) and N-Quads (the dataset, graph per document).

One statement per line, lines sorted, so files diff well and load fast into any triple store.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf_serialize import nquads, ntriples
from graph.atomic import write_text

__all__ = ["write_ntriples", "write_nquads"]


def write_ntriples(graph: nx.MultiDiGraph, path: Path) -> None:
    write_text(path, ntriples(graph))


def write_nquads(graph: nx.MultiDiGraph, path: Path) -> None:
    write_text(path, nquads(graph))
