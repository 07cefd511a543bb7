"""`khabar query`: run SPARQL over a built graph, locally, with no server.

The graph is loaded into an in-memory Oxigraph store (pyoxigraph): a TriG or N-Quads file keeps
its graph per document, and the default graph is queried as the union of all graphs, so
``SELECT * { ?s kh:seeksFrom ?o }`` works without GRAPH clauses. The project's prefixes (kh:,
khe:, prov:, schema:, skos:, nif:, ...) are predeclared. Gzipped files (graph.trig.gz, from
``khabar build --gzip``) are read as they are. Given a build folder, the documents' text
(documents.jsonl[.gz], stored once beside the RDF) is loaded too, as ``doc nif:isString text``
in each document's graph.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = ["register", "load_store", "run_query", "QueryError", "RDF_SUFFIXES", "rdf_inputs",
           "rdf_format", "documents_file", "text_quads"]

#: Suffix -> pyoxigraph format name. Loading order in a folder: the first found wins.
RDF_SUFFIXES = {".trig": "TRIG", ".nq": "N_QUADS", ".ttl": "TURTLE", ".nt": "N_TRIPLES",
                ".jsonld": "JSON_LD", ".rdf": "RDF_XML"}
_FOLDER_PREFERENCE = ("graph.trig", "graph.nq", "graph.ttl", "graph.nt", "graph.jsonld")
_BINDING = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)


class QueryError(Exception):
    """A problem the user can fix; `code` is the exit status (2: bad query or usage)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def rdf_format(file: Path) -> str | None:
    """The pyoxigraph format name of an RDF file, by its suffix (.gz looked through)."""
    name = file.name.lower().removesuffix(".gz")
    return RDF_SUFFIXES.get(Path(name).suffix)


def rdf_inputs(path: Path) -> list[Path]:
    """The data file(s) to load for `path`: the file itself, or a build folder's best dataset
    file (plain or gzipped) plus its ontology.ttl."""
    if path.is_file():
        return [path]
    if path.is_dir():
        data = next((path / f for n in _FOLDER_PREFERENCE for f in (n, f"{n}.gz")
                     if (path / f).is_file()), None)
        if data is None:
            raise QueryError(f"{path}: no graph.trig, graph.ttl or other RDF output in this "
                             "folder; run `khabar build` first", 2)
        return [data] + ([path / "ontology.ttl"] if (path / "ontology.ttl").is_file() else [])
    raise QueryError(f"{path}: no such file or folder", 2)


def documents_file(folder: Path) -> Path | None:
    """A build folder's documents.jsonl or documents.jsonl.gz, if it has one."""
    from graph.documents import DOCUMENTS_FILE

    return next((folder / n for n in (DOCUMENTS_FILE, f"{DOCUMENTS_FILE}.gz")
                 if (folder / n).is_file()), None) if folder.is_dir() else None


def text_quads(file: Path) -> Iterator[Any]:
    """``doc nif:isString text`` in each document's graph, from a documents.jsonl[.gz]."""
    import pyoxigraph as ox

    from graph.documents import read_documents
    from graph.namespaces import NIF

    is_string = ox.NamedNode(str(NIF.isString))
    for record in read_documents(file):
        doc = ox.NamedNode(record["iri"])
        yield ox.Quad(doc, is_string, ox.Literal(record["text"]), doc)


def load_store(path: Path) -> Any:
    """An in-memory pyoxigraph Store with the RDF at `path` (a file or an output folder, with
    the documents' text)."""
    import gzip

    import pyoxigraph as ox

    from graph.namespaces import ONTOLOGY_GRAPH

    store = ox.Store()
    for file in rdf_inputs(path):
        fmt = rdf_format(file)
        if fmt is None:
            raise QueryError(f"{file}: unknown RDF format (use one of "
                             f"{', '.join(sorted(RDF_SUFFIXES))}, optionally .gz)", 2)
        target = ox.NamedNode(str(ONTOLOGY_GRAPH)) if file.name == "ontology.ttl" and \
            file != path else None
        options = {"format": getattr(ox.RdfFormat, fmt)}
        if target is not None:
            options["to_graph"] = target
        try:
            if file.name.endswith(".gz"):
                with gzip.open(file) as fh:
                    store.load(input=fh, **options)
            else:
                store.load(path=str(file), **options)
        except (SyntaxError, ValueError, OSError, EOFError) as error:
            raise QueryError(f"{file}: cannot load: {_one_line(error)}") from error
    texts = documents_file(path)
    if texts is not None:
        try:
            store.extend(text_quads(texts))
        except (ValueError, OSError, EOFError, KeyError) as error:
            raise QueryError(f"{texts}: cannot load: {_one_line(error)}") from error
    return store


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _term(value: str) -> Any:
    """A --param value as an RDF term: <iri>, a prefixed name (khe:Q159), or a literal."""
    import pyoxigraph as ox

    from graph.namespaces import PREFIXES

    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and " " not in local:
        return ox.NamedNode(PREFIXES[prefix] + local)
    if value.startswith(("http://", "https://")):
        return ox.NamedNode(value)
    return ox.Literal(value)


def run_query(store: Any, text: str, params: dict[str, str] | None = None) -> Any:
    """Run `text` over `store`; a syntax error becomes a QueryError with exit code 2."""
    import pyoxigraph as ox

    from graph.namespaces import PREFIXES

    substitutions = {ox.Variable(k): _term(v) for k, v in (params or {}).items()}
    try:
        return store.query(text, prefixes=dict(PREFIXES), use_default_graph_as_union=True,
                           substitutions=substitutions or None)
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {_one_line(error)}", 2) from error
    except RuntimeError as error:   # e.g. --param for a variable the query does not select
        raise QueryError(f"cannot run the query: {_one_line(error)}", 2) from error
    except (OSError, ValueError) as error:
        raise QueryError(f"query failed: {_one_line(error)}") from error


def _cell(term: Any) -> str:
    """A term as an analyst reads it: prefixed IRIs, literal values without quotes."""
    import pyoxigraph as ox

    from graph.namespaces import PREFIXES

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    return term.value if hasattr(term, "value") else str(term)


def rows(results: Any) -> tuple[list[str], list[list[str]]]:
    """Variable names and rows of plain cells, for tables and tests."""
    names = [v.value for v in results.variables]
    return names, [[_cell(solution[name]) for name in names] for solution in results]


def _table(names: list[str], body: list[list[str]]) -> str:
    widths = [max([len(n)] + [len(r[i]) for r in body]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in body]
    return "\n".join(out) + f"\n({len(body)} row{'s' if len(body) != 1 else ''})\n"


def format_results(results: Any, fmt: str) -> str:
    import pyoxigraph as ox

    if isinstance(results, ox.QueryBoolean):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(results)}) + "\n"
        return ("true" if results else "false") + "\n"
    if isinstance(results, ox.QueryTriples):
        fmt_rdf = ox.RdfFormat.N_TRIPLES
        return results.serialize(format=fmt_rdf).decode("utf-8")
    if fmt == "json":
        return results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    names, body = rows(results)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(body)
        return buffer.getvalue()
    return _table(names, body)


def register(app: typer.Typer) -> None:
    @app.command()
    def query(
        graph_file: Annotated[Path, typer.Argument(
            help="An RDF file (.trig, .nq, .ttl, .nt, .jsonld, optionally .gz) or a build "
                 "folder (outputs/; its documents' text is loaded too).")],
        sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text.")] = None,
        file: Annotated[Path | None, typer.Option(
            "--file", "-f", help="Read the query from this file (e.g. queries/*.rq).")] = None,
        fmt: Annotated[str, typer.Option(
            "--format", help="Output: table, csv or json (SPARQL 1.1 JSON results).")] = "table",
        param: Annotated[list[str] | None, typer.Option(
            "--param", "-p", help="Bind a variable before running: NAME=VALUE, where VALUE "
                                  "is an IRI, a prefixed name (khe:Q159) or text. Repeatable.")
        ] = None,
    ) -> None:
        """Run a SPARQL query over a built graph and print the results."""
        try:
            if fmt not in ("table", "csv", "json"):
                raise QueryError(f"unknown --format {fmt!r}: use table, csv or json", 2)
            if (sparql is None) == (file is None):
                raise QueryError("give the query either as text or with --file, not both", 2)
            if file is not None:
                try:
                    sparql = file.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as error:
                    raise QueryError(f"{file}: cannot read: {_one_line(error)}", 2) from error
            params = {}
            for item in param or []:
                match = _BINDING.match(item)
                if not match:
                    raise QueryError(f"--param {item!r}: expected NAME=VALUE", 2)
                params[match.group(1)] = match.group(2)
            store = load_store(graph_file)
            sys.stdout.write(format_results(run_query(store, sparql or "", params), fmt))
        except QueryError as error:
            typer.echo(f"khabar query: {error}", err=True)
            raise typer.Exit(error.code) from None
