"""The table of output files: one writer per format, each `write(graph, path)`."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.csv_tables import write_edges_csv, write_nodes_csv
from graph.gexf import write_gexf
from graph.graphml import write_graphml
from graph.html import write_html
from graph.jsonld import write_jsonld
from graph.neo4j import write_neo4j_nodes, write_neo4j_relationships
from graph.ntriples import write_nquads, write_ntriples
from graph.ontology import write_ontology
from graph.rdf import write_turtle
from graph.trig import write_trig

Writer = Callable[[nx.MultiDiGraph, Path], None]

#: file name in the output folder -> writer. Every writer writes atomically.
EXPORTERS: dict[str, Writer] = {
    "graph.ttl": write_turtle,
    "graph.html": write_html,
    "graph.trig": write_trig,
    "graph.jsonld": write_jsonld,
    "graph.nt": write_ntriples,
    "graph.nq": write_nquads,
    "ontology.ttl": write_ontology,
    "graph.graphml": write_graphml,
    "graph.gexf": write_gexf,
    "nodes.csv": write_nodes_csv,
    "edges.csv": write_edges_csv,
    "neo4j/nodes.csv": write_neo4j_nodes,
    "neo4j/relationships.csv": write_neo4j_relationships,
}


def write_all(graph: nx.MultiDiGraph, out_dir: Path, only: list[str] | None = None,
              options: dict[str, dict[str, Any]] | None = None) -> list[Path]:
    """Write every output (or those named in `only`) into `out_dir`; return the paths.

    `options` maps a file name to keyword arguments for its writer, e.g.
    ``{"graph.html": {"max_nodes": 500}}``.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, writer in EXPORTERS.items():
        if only and name not in only:
            continue
        writer(graph, out_dir / name, **(options or {}).get(name, {}))
        written.append(out_dir / name)
    return written
