"""CSV node and edge tables, with the column names Gephi's spreadsheet import recognises.

``nodes.csv``: Id, Label, then the entity's attributes; ``edges.csv``: Source, Target, Type
(Directed, or Undirected for symmetric relations), Id, Label (the predicate), Weight (number of
statements), then modality, confidence, documents, statement ids, rules and the first evidence
sentence. UTF-8, one header row, lists joined with " | " (see graph/flatten.py).
"""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from graph.flatten import flat_graph
from graph.atomic import atomic_open

__all__ = ["write_nodes_csv", "write_edges_csv", "NODE_COLUMNS", "EDGE_COLUMNS"]

NODE_COLUMNS = ["Id", "Label", "label_en", "type", "qid", "wikidata", "geonames", "iri",
                "aliases", "mentions", "documents", "n_documents", "source", "job_title",
                "affiliation"]
EDGE_COLUMNS = ["Source", "Target", "Type", "Id", "Label", "Weight", "modality", "count",
                "confidence", "documents", "statements", "rules", "attribution", "time",
                "evidence"]


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with atomic_open(path, "w", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_nodes_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    rows = [[key, data["label"], *(data[c] for c in NODE_COLUMNS[2:])]
            for key, data in flat_graph(graph).nodes(data=True)]
    _write(path, NODE_COLUMNS, rows)


def write_edges_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    rows = []
    for u, v, key, data in flat_graph(graph).edges(keys=True, data=True):
        kind = "Undirected" if data["symmetric"] else "Directed"
        rows.append([u, v, kind, f"{u}|{key}|{v}", data["predicate"], data["count"],
                     *(data[c] for c in EDGE_COLUMNS[6:])])
    _write(path, EDGE_COLUMNS, rows)
