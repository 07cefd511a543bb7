"""The `khabar` command line."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.formats import CORPUS_FORMATS, SMALL_BUILD
from graph.overview import DEFAULT_MAX_NODES

app = typer.Typer(
    help="Build knowledge graphs from Arabic news: entities linked to Wikidata, relations with "
         "per-statement provenance, exported as RDF, an interactive HTML view and more.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

DEFAULT_SEEDS = Path("seeds")
DEFAULT_OUT = Path("outputs")


@app.command()
def build(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Article files (.txt, UTF-8), folders (searched recursively), or JSON Lines "
             "files (.jsonl / .jsonl.gz, one article per line). Default: seeds/")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")] = DEFAULT_OUT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[int, typer.Option(
        "--workers", "-j", min=1, help="Worker processes for extraction on this machine.")] = 1,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run extraction on a Dask distributed cluster, e.g. "
                            "tcp://HOST:8786 (overrides --workers).")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Extract every article again; ignore and do not fill the "
                           "per-document cache in OUT/.cache.")] = False,
    formats: Annotated[str | None, typer.Option(
        "--formats", metavar="LIST",
        help="Formats to write, comma-separated, or 'all': ttl, trig, nq, nt, jsonld (RDF), "
             "html (the interactive view), graphml, gexf, csv (nodes.csv, edges.csv), neo4j "
             "(neo4j-admin import files). Default: all for a build of up to "
             f"{SMALL_BUILD} documents; for a larger one (a corpus) "
             f"{','.join(CORPUS_FORMATS)}. ontology.ttl and documents.jsonl (each document's "
             "text, stored once; the RDF refers to it by document IRI) are always written.")
    ] = None,
    gzip: Annotated[bool, typer.Option(
        "--gzip", help="Write every file except graph.html and ontology.ttl gzip-compressed "
                       "(graph.trig.gz, documents.jsonl.gz, ...), about 6x smaller. khabar "
                       "query/serve/push, networkx and oxigraph read them as they are; rdflib "
                       "and pyoxigraph need gzip.open(path).")] = False,
    html_max_nodes: Annotated[int, typer.Option(
        "--html-max-nodes", min=1,
        help="Entities graph.html draws when it opens: a larger graph opens on an overview of "
             "the entities with the most relations and evidence; its search box finds every "
             "entity and draws it with its neighbours.")] = DEFAULT_MAX_NODES,
) -> None:
    """Extract entities and relations from articles and write the graph to --out."""
    from concurrent.futures import BrokenExecutor

    from graph.formats import FormatError, parse_formats
    from khabar.build import build as run_build
    from khabar.distributed import SchedulerError

    try:
        chosen = parse_formats(formats) if formats is not None else None
    except FormatError as error:
        typer.echo(f"khabar: --formats: {error}", err=True)
        raise typer.Exit(2) from None
    try:
        report = run_build(paths or [DEFAULT_SEEDS], out, quiet=quiet, workers=workers,
                           scheduler=scheduler, use_cache=not no_cache, formats=chosen,
                           gzip=gzip, html_max_nodes=html_max_nodes)
    except SchedulerError as error:
        typer.echo(f"khabar: {error}", err=True)
        raise typer.Exit(2) from None
    except BrokenExecutor:
        typer.echo("khabar: a worker process died (out of memory?)" + ("" if no_cache else
                   "; the articles extracted so far are cached, so a rerun goes on from there"),
                   err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("khabar: interrupted" + ("" if no_cache else "; the articles extracted so "
                   "far are cached, so a rerun goes on from there"), err=True)
        raise typer.Exit(130) from None
    if not report.results:
        typer.echo("khabar: no usable article; nothing written", err=True)
        raise typer.Exit(1)
    n_st = sum(len(r.statements) for r in report.results)
    typer.echo(f"khabar: {len(report.results)} document(s) ({report.extracted} extracted, "
               f"{report.cached} from cache), {n_st} statement(s) -> "
               + ", ".join(str(p) for p in report.written), err=True)
    if chosen is None and report.formats == CORPUS_FORMATS:
        typer.echo(f"khabar: more than {SMALL_BUILD} documents: wrote the corpus formats "
                   f"({','.join(CORPUS_FORMATS)}); --formats all (or a list) writes others",
                   err=True)
    if report.removed:
        typer.echo("khabar: removed an earlier build's outputs that this one did not write: "
                   + ", ".join(p.name for p in report.removed), err=True)
    if report.errors:
        raise typer.Exit(1)


#: Commands that live in their own modules under khabar/commands/; each has `register(app)`.
COMMAND_MODULES: list[str] = ["view", "query", "serve", "push", "train_ner", "train_relations"]


def main() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"khabar.commands.{name}").register(app)
    app()
