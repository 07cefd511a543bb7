"""The interactive HTML view (first cut; the full viewer lives in issue 4)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from pyvis.network import Network

from khabar.atomic import write_text


def write_html(graph: nx.MultiDiGraph, path: Path) -> None:
    net = Network(height="800px", width="100%", directed=True, cdn_resources="remote")
    for key, data in sorted(graph.nodes(data=True)):
        net.add_node(key, label=data["label"], title=f"{data['label_en']} ({data['type']})")
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"])):
        if data["modality"] != "negated":
            net.add_edge(u, v, label=data["predicate"], value=data["count"])
    write_text(path, net.generate_html())
