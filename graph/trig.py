"""TriG: the dataset with one named graph per document (see graph/rdf.py for what goes where).

A named graph per document lets a triple store replace or drop one article's statements with a
single Graph Store request, without touching what other articles say. The default graph (the
entities) comes first, then each document's graph, named by the document's IRI.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf_serialize import write_rdf

__all__ = ["write_trig"]


def write_trig(graph: nx.MultiDiGraph, path: Path) -> None:
    write_rdf(graph, path, "trig")
