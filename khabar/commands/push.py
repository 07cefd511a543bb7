"""`khabar push`: upload a build to any triple store through the SPARQL 1.1 Graph Store Protocol.

Each document's named graph is PUT to ``STORE?graph=<document IRI>`` (so re-pushing a document
replaces what it said before; from a build folder it includes the document's text, from
documents.jsonl, as nif:isString), the shared entity descriptions are POSTed to
``STORE?default`` (merged), and the ontology is PUT to its own graph. With --graph IRI, everything goes into that
one graph instead (PUT, replacing it).

The Graph Store URL is derived from the query endpoint when it follows a known layout:
Oxigraph's ``/query`` -> ``/store``, Fuseki's ``/DATASET/sparql`` or ``/DATASET/query`` ->
``/DATASET/data``; otherwise give it with --store-url (GraphDB:
``/repositories/ID/rdf-graphs/service``, Virtuoso: ``/sparql-graph-crud``).
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = ["register", "push", "store_url_for", "PushError", "PushReport"]

_CONTENT_TYPE = "application/n-triples"


class PushError(Exception):
    """A one-line reason the upload failed."""


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0


def store_url_for(endpoint: str) -> str:
    """The Graph Store Protocol URL that goes with a SPARQL query endpoint."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"--endpoint {endpoint!r} is not an http(s) URL")
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last == "query" and not head:               # Oxigraph: http://host:port/query
        path = "/store"
    elif last in ("sparql", "query") and head:     # Fuseki: /ds/sparql or /ds/query
        path = f"{head}/data"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _send(method: str, url: str, body: bytes, auth: str | None) -> None:
    headers = {"Content-Type": f"{_CONTENT_TYPE}; charset=utf-8"}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode()
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = " ".join(error.read().decode("utf-8", "replace").split())[:200]
        raise PushError(f"{method} {url} failed: HTTP {error.code} {error.reason}"
                        + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PushError(f"cannot reach {url}: {reason}") from None


def _graph_url(store: str, graph: str | None) -> str:
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    return f"{store}?{query}"


def _dump(store: Any, graph: Any) -> tuple[bytes, int]:
    import pyoxigraph as ox

    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return data, data.count(b"\n")


def push(data_path: Path, endpoint: str, graph: str | None = None,
         store_url: str | None = None, auth: str | None = None) -> PushReport:
    """Upload the build at `data_path` (a folder or an RDF file); see the module docstring."""
    import pyoxigraph as ox

    from khabar.commands.query import QueryError, load_store

    target = store_url or store_url_for(endpoint)
    try:
        local = load_store(data_path)
    except QueryError as error:
        raise PushError(str(error)) from None
    report = PushReport()
    if graph is not None:
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in local)
        body, count = _dump(union, ox.DefaultGraph())
        _send("PUT", _graph_url(target, graph), body, auth)
        return PushReport(1, count)
    for name in sorted(local.named_graphs(), key=lambda n: n.value):
        body, count = _dump(local, name)
        _send("PUT", _graph_url(target, name.value), body, auth)
        report.graphs += 1
        report.triples += count
    body, count = _dump(local, ox.DefaultGraph())
    if count:
        _send("POST", _graph_url(target, None), body, auth)
        report.graphs += 1
        report.triples += count
    return report


def register(app: typer.Typer) -> None:
    @app.command("push")
    def push_command(
        data: Annotated[Path | None, typer.Argument(
            help="Build folder (plain or --gzip) or RDF file to upload. Default: outputs/")
        ] = None,
        endpoint: Annotated[str, typer.Option(
            help="The store's SPARQL query URL, e.g. http://127.0.0.1:7878/query")] = "",
        graph: Annotated[str | None, typer.Option(
            help="Put everything into this one named graph (replacing it).")] = None,
        store_url: Annotated[str | None, typer.Option(
            "--store-url", help="The Graph Store Protocol URL, when it cannot be derived "
                                "from --endpoint.")] = None,
        user: Annotated[str | None, typer.Option(
            help="USER:PASSWORD for HTTP basic authentication.")] = None,
    ) -> None:
        """Upload the graph to a SPARQL store (Oxigraph, Fuseki, GraphDB, Virtuoso)."""
        try:
            if not endpoint and not store_url:
                raise PushError("give --endpoint (the store's SPARQL query URL)")
            if graph is not None and not urllib.parse.urlsplit(graph).scheme:
                raise PushError(f"--graph {graph!r} is not an absolute IRI")
            report = push(data if data is not None else Path("outputs"), endpoint, graph,
                          store_url, user)
        except PushError as error:
            typer.echo(f"khabar push: {error}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"khabar: pushed {report.triples} triples in {report.graphs} graph(s) to "
                   f"{store_url or store_url_for(endpoint)}", err=True)
