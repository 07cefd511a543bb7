"""GraphML for Gephi, yEd and Cytoscape: typed attributes, Arabic labels intact, lists flattened."""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from graph.flatten import flat_graph
from graph.atomic import write_text

__all__ = ["write_graphml"]


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    buffer = io.BytesIO()
    # written as UTF-8 bytes: generate_graphml would turn Arabic into &#NNNN; references
    nx.write_graphml(flat_graph(graph), buffer, encoding="utf-8", prettyprint=True)
    write_text(path, buffer.getvalue().decode("utf-8").rstrip("\n") + "\n")
