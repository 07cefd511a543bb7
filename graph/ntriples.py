"""Line-based RDF: N-Triples (the flat graph) and N-Quads (the dataset, graph per document).

One statement per line, so files load fast into any triple store and stream through line tools.
Lines come in blocks (the entities, then each document, in IRI order) and are sorted by
subject within each block (graph/rdf_serialize.py), so the same graph gives the same bytes and
one document's lines are together (N-Quads) or follow its entities (N-Triples).
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf_serialize import write_rdf

__all__ = ["write_ntriples", "write_nquads"]


def write_ntriples(graph: nx.MultiDiGraph, path: Path) -> None:
    write_rdf(graph, path, "ntriples")


def write_nquads(graph: nx.MultiDiGraph, path: Path) -> None:
    write_rdf(graph, path, "nquads")
