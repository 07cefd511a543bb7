"""GEXF 1.2 for Gephi: typed attributes, Arabic labels intact, lists flattened, edge weight = count.

networkx stamps the file with today's date; that stamp is dropped (it is optional in GEXF) so
the same graph always gives the same bytes.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx

from graph.flatten import flat_graph
from graph.atomic import write_text

__all__ = ["write_gexf"]

_STAMP = re.compile(r' lastmodifieddate="[^"]*"')


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    buffer = io.BytesIO()
    # written as UTF-8 bytes: generate_gexf would turn Arabic into &#NNNN; references
    nx.write_gexf(flat_graph(graph), buffer, encoding="utf-8", prettyprint=True)
    text = buffer.getvalue().decode("utf-8")
    write_text(path, _STAMP.sub("", text, count=1).rstrip("\n") + "\n")
