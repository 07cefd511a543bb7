"""The table of output files: one writer per format, each `write(graph, path)`."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from graph.html import write_html
from graph.rdf import write_turtle

Writer = Callable[[nx.MultiDiGraph, Path], None]

#: file name in the output folder -> writer. Every writer writes atomically.
EXPORTERS: dict[str, Writer] = {
    "graph.ttl": write_turtle,
    "graph.html": write_html,
}


def write_all(graph: nx.MultiDiGraph, out_dir: Path,
              only: list[str] | None = None) -> list[Path]:
    """Write every output (or those named in `only`) into `out_dir`; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, writer in EXPORTERS.items():
        if only and name not in only:
            continue
        writer(graph, out_dir / name)
        written.append(out_dir / name)
    return written
