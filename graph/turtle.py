"""Turtle: the flat graph (every document's statements merged with the entities), for tools
that want one graph rather than a dataset; see graph/rdf.py for the model."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf_serialize import write_rdf

__all__ = ["write_turtle"]


def write_turtle(graph: nx.MultiDiGraph, path: Path) -> None:
    write_rdf(graph, path, "turtle")
