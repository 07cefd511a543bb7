"""CSV files in the header format of ``neo4j-admin database import full``.

    neo4j-admin database import full --nodes=neo4j/nodes.csv \\
        --relationships=neo4j/relationships.csv neo4j

Nodes carry ``:ID`` (the entity key), ``:LABEL`` (``Entity;<type>``) and typed properties
(``mentions:int``, ``aliases:string[]`` with neo4j's default ``;`` array delimiter).
Relationships carry ``:START_ID``, ``:END_ID`` and ``:TYPE`` in neo4j's upper snake case
(``SEEKS_FROM``); a negated relation gets a ``NOT_`` type (``NOT_SANCTIONS``) so that no Cypher
pattern on the positive type can pick up a denial. Line breaks inside values become spaces, so
the import needs no ``--multiline-fields``.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import networkx as nx

from graph.flatten import SEP, flat_graph
from graph.atomic import atomic_open

__all__ = ["write_neo4j_nodes", "write_neo4j_relationships", "NODE_HEADER",
           "RELATIONSHIP_HEADER", "relationship_type"]

NODE_HEADER = ["id:ID", "label", "label_en", "type", "qid", "wikidata", "geonames", "iri",
               "aliases:string[]", "mentions:int", "documents:string[]", "n_documents:int",
               "source", "job_title", "affiliation", ":LABEL"]
RELATIONSHIP_HEADER = [":START_ID", ":END_ID", ":TYPE", "predicate", "modality", "count:int",
                       "confidence:float", "documents:string[]", "statements:string[]",
                       "rules:string[]", "attribution:string[]", "time:string[]", "evidence"]


def relationship_type(predicate: str, modality: str) -> str:
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", predicate).upper()
    return f"NOT_{snake}" if modality == "negated" else snake


def _cell(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.split()) if "\n" in value or "\r" in value else value
    return value


def _array(value: str) -> str:
    """A " | "-joined list as a neo4j array (';'-delimited; ';' inside items becomes ',')."""
    return ";".join(item.replace(";", ",") for item in value.split(SEP)) if value else ""


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with atomic_open(path, "w", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[_cell(v) for v in row] for row in rows])


def write_neo4j_nodes(graph: nx.MultiDiGraph, path: Path) -> None:
    rows = []
    for key, d in flat_graph(graph).nodes(data=True):
        rows.append([key, d["label"], d["label_en"], d["type"], d["qid"], d["wikidata"],
                     d["geonames"], d["iri"], _array(d["aliases"]), d["mentions"],
                     _array(d["documents"]), d["n_documents"], d["source"], d["job_title"],
                     d["affiliation"], f"Entity;{d['type']}" if d["type"] else "Entity"])
    _write(path, NODE_HEADER, rows)


def write_neo4j_relationships(graph: nx.MultiDiGraph, path: Path) -> None:
    rows = []
    for u, v, d in flat_graph(graph).edges(data=True):
        rows.append([u, v, relationship_type(d["predicate"], d["modality"]), d["predicate"],
                     d["modality"], d["count"], d["confidence"], _array(d["documents"]),
                     _array(d["statements"]), _array(d["rules"]), _array(d["attribution"]),
                     _array(d["time"]), d["evidence"]])
    _write(path, RELATIONSHIP_HEADER, rows)
