"""Publish the ontology (graph/ontology.ttl) beside the data, so `outputs/` is self-describing."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf import ONTOLOGY_PATH
from graph.atomic import write_text

__all__ = ["write_ontology"]


def write_ontology(graph: nx.MultiDiGraph, path: Path) -> None:  # noqa: ARG001 (writer signature)
    write_text(path, ONTOLOGY_PATH.read_text(encoding="utf-8"))
