"""`khabar view`: the HTML view of one focus of a corpus graph (an entity's neighbourhood, the
top entities, one relation, one document), since the whole graph of a corpus is unreadable.

It reads the same inputs as `khabar build` and reuses its per-document cache (OUT/.cache), so
after a build the view costs the assembly only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.overview import DEFAULT_MAX_NODES
from khabar.cli import DEFAULT_OUT, DEFAULT_SEEDS


def register(app: typer.Typer) -> None:
    app.command(name="view")(view)


def view(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="The articles, as for `khabar build`. Default: seeds/")] = None,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="The build's output folder (its cache is reused).")] = DEFAULT_OUT,
    html: Annotated[Path | None, typer.Option(
        "--html", help="The HTML file to write. Default: OUT/view.html")] = None,
    entity: Annotated[str | None, typer.Option(
        "--entity", "-e", help="Focus on one entity (Arabic or English label, alias, QID or "
                               "key) and its neighbourhood.")] = None,
    hops: Annotated[int, typer.Option("--hops", min=0, help="Neighbourhood radius for "
                                                          "--entity.")] = 2,
    top: Annotated[int | None, typer.Option(
        "--top", min=1, help="The N entities with the most neighbours.")] = None,
    relation: Annotated[str | None, typer.Option(
        "--relation", "-r", help="Every edge of one predicate (see ONTOLOGY.md).")] = None,
    document: Annotated[str | None, typer.Option(
        "--document", "-d", help="The entities and statements of one document id.")] = None,
    html_max_nodes: Annotated[int, typer.Option(
        "--html-max-nodes", min=1,
        help="Entities the page draws when it opens (a larger focus opens on an overview, "
             "--entity first; search draws the rest).")] = DEFAULT_MAX_NODES,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1,
                                         help="Worker processes for uncached articles.")] = 1,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore the build cache.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write the HTML view of one focus: --entity NAME [--hops N], --top N, --relation PRED
    or --document ID."""
    from graph import focus
    from graph.assemble import assemble
    from graph.html import write_html
    from khabar.build import collect, default_cache_dir

    chosen = [name for name, value in (("--entity", entity), ("--top", top),
                                       ("--relation", relation), ("--document", document))
              if value is not None]
    if len(chosen) != 1:
        typer.echo("khabar: give exactly one focus: --entity, --top, --relation or --document"
                   + (f" (got {', '.join(chosen)})" if chosen else ""), err=True)
        raise typer.Exit(2)
    report = collect(paths or [DEFAULT_SEEDS], workers=workers, quiet=quiet,
                     cache_dir=None if no_cache else default_cache_dir(out))
    if not report.results:
        typer.echo("khabar: no usable article; nothing written", err=True)
        raise typer.Exit(1)
    graph = assemble(report.results)
    first: tuple[str, ...] = ()
    try:
        if entity is not None:
            first = (focus.find_entity(graph, entity),)
            sub = focus.neighbourhood(graph, first[0], hops)
        elif top is not None:
            sub = focus.top_by_degree(graph, top)
        elif relation is not None:
            sub = focus.by_relation(graph, relation)
        else:
            sub = focus.by_document(graph, document or "")
    except focus.FocusError as error:
        typer.echo(f"khabar: {error}", err=True)
        raise typer.Exit(1) from None
    target = html or out / "view.html"
    write_html(sub, target, max_nodes=html_max_nodes, first=first)
    drawn = ("" if sub.number_of_nodes() <= html_max_nodes
             else f" (the page opens on {html_max_nodes}; search draws the others)")
    typer.echo(f"khabar: view of {sub.number_of_nodes()} entities and "
               f"{sub.number_of_edges()} relations{drawn} -> {target}", err=True)
