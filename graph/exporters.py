"""The table of output files: one writer per file, each `write(graph, path)`; which of them a
build writes is chosen by format (graph/formats.py)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.csv_tables import write_edges_csv, write_nodes_csv
from graph.documents import DOCUMENTS_FILE, write_documents
from graph.formats import format_files, output_name
from graph.gexf import write_gexf
from graph.graphml import write_graphml
from graph.html import write_html
from graph.jsonld import write_jsonld
from graph.neo4j import write_neo4j_nodes, write_neo4j_relationships
from graph.ntriples import write_nquads, write_ntriples
from graph.ontology import write_ontology
from graph.trig import write_trig
from graph.turtle import write_turtle

__all__ = ["EXPORTERS", "write_all"]

Writer = Callable[[nx.MultiDiGraph, Path], None]

#: file name in the output folder -> writer. Every writer writes atomically, and compressed
#: when given a path ending in .gz.
EXPORTERS: dict[str, Writer] = {
    "graph.ttl": write_turtle,
    "graph.html": write_html,
    "graph.trig": write_trig,
    "graph.jsonld": write_jsonld,
    "graph.nt": write_ntriples,
    "graph.nq": write_nquads,
    "ontology.ttl": write_ontology,
    DOCUMENTS_FILE: write_documents,
    "graph.graphml": write_graphml,
    "graph.gexf": write_gexf,
    "nodes.csv": write_nodes_csv,
    "edges.csv": write_edges_csv,
    "neo4j/nodes.csv": write_neo4j_nodes,
    "neo4j/relationships.csv": write_neo4j_relationships,
}


def write_all(graph: nx.MultiDiGraph, out_dir: Path, only: list[str] | None = None, *,
              formats: Iterable[str] | None = None, gzip: bool = False,
              options: dict[str, dict[str, Any]] | None = None) -> list[Path]:
    """Write the files of `formats` (and those every build writes), or the files named in
    `only`, or every file, into `out_dir`, gzip-compressed with `gzip` (graph/formats.py);
    return the paths written. `options` maps a file name to keyword arguments for its
    writer, e.g. ``{"graph.html": {"max_nodes": 500}}``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = set(only) if only else format_files(formats) if formats is not None \
        else set(EXPORTERS)
    written = []
    for name, writer in EXPORTERS.items():
        if name not in names:
            continue
        path = out_dir / output_name(name, gzip)
        writer(graph, path, **(options or {}).get(name, {}))
        written.append(path)
    return written
