"""`khabar serve`: a real SPARQL endpoint over the outputs, using Oxigraph's server binary.

The `oxigraph` PyPI package ships the server; khabar loads the build's dataset (graph.trig or
graph.trig.gz, one named graph per document), the documents' text (documents.jsonl[.gz], as
nif:isString) and the ontology into a store with `oxigraph load`, then runs
`oxigraph serve-read-only` (or `serve` with --writable, so `khabar push` can upload) bound to
127.0.0.1 by default, with the default graph as the union of all graphs. The store lives in a
temporary folder unless --store names one, and is removed on exit. Ctrl-C (or SIGTERM) stops
the server cleanly.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register", "oxigraph_binary", "ServeError", "load_into", "wait_for_port"]


class ServeError(Exception):
    """A one-line reason the server cannot start."""


def oxigraph_binary() -> str:
    """The `oxigraph` executable: beside this Python (the venv), else on PATH."""
    here = os.path.dirname(sys.executable)
    found = shutil.which("oxigraph", path=os.pathsep.join([here, os.environ.get("PATH", "")]))
    if not found:
        raise ServeError("the oxigraph server binary is missing: pip install oxigraph")
    return found


def _run(args: list[str], what: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[-300:]
        raise ServeError(f"{what} failed: {detail or f'exit code {done.returncode}'}")


def load_into(store: Path, data_dir: Path) -> list[Path]:
    """Load the build's dataset and ontology from `data_dir` into the store at `store`, and
    the documents' text (documents.jsonl[.gz]) as nif:isString in each document's graph."""
    import pyoxigraph as ox

    from graph.namespaces import ONTOLOGY_GRAPH
    from khabar.commands.query import QueryError, documents_file, rdf_inputs, text_quads

    try:
        files = rdf_inputs(data_dir)
    except QueryError as error:
        raise ServeError(str(error)) from None
    binary = oxigraph_binary()
    for file in files:
        args = [binary, "load", "--location", str(store), "--file", str(file)]
        if file.name == "ontology.ttl":
            args += ["--graph", str(ONTOLOGY_GRAPH)]
        _run(args, f"loading {file}")
    texts = documents_file(data_dir)
    if texts is not None:
        with tempfile.TemporaryDirectory(prefix="khabar-texts-") as tmp:
            quads = Path(tmp) / "texts.nq"
            try:
                ox.serialize(text_quads(texts), output=str(quads), format=ox.RdfFormat.N_QUADS)
            except (ValueError, OSError, EOFError, KeyError) as error:
                raise ServeError(f"{texts}: cannot read: {error}") from None
            _run([binary, "load", "--location", str(store), "--file", str(quads)],
                 f"loading {texts}")
        files.append(texts)
    return files


def wait_for_port(host: str, port: int, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Return once the server accepts connections; raise if it exits or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServeError(f"the server stopped at start (exit code {proc.returncode})")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServeError(f"the server did not open {host}:{port} within {timeout:.0f} s")


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _netloc(host: str) -> str:
    """An IPv6 address goes in brackets in URLs and in Oxigraph's --bind."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()   # SIGTERM: SIGINT may be ignored in a background job's children
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM (a service manager, a test stopping us by PID) stops cleanly, like Ctrl-C."""
    raise KeyboardInterrupt


def serve(data_dir: Path | None, host: str, port: int, writable: bool,
          store: Path | None) -> int:
    """Load, start, print the endpoint, wait for Ctrl-C or SIGTERM; return the exit status."""
    if not _port_free(host, port):
        raise ServeError(f"port {port} on {host} is in use; choose another with --port")
    temp = store is None
    location = Path(tempfile.mkdtemp(prefix="khabar-oxigraph-")) if temp else store
    assert location is not None
    proc: subprocess.Popen | None = None
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        loaded: list[Path] = []
        reuse = not temp and location.is_dir() and any(location.iterdir())
        if reuse:
            typer.echo(f"khabar: {location} already holds a store; serving it as it is "
                       "(delete the folder to reload from the outputs)", err=True)
        elif data_dir is not None and (data_dir.exists() or not writable):
            loaded = load_into(location, data_dir)
        mode = "serve" if writable else "serve-read-only"
        log = open(location.parent / f".{location.name}.log", "w+") if temp else \
            tempfile.TemporaryFile("w+")
        with log:
            proc = subprocess.Popen(
                [oxigraph_binary(), mode, "--location", str(location),
                 "--bind", f"{_netloc(host)}:{port}", "--union-default-graph"],
                stdout=log, stderr=log, stdin=subprocess.DEVNULL)
            try:
                wait_for_port(host, port, proc)
            except ServeError as error:
                log.seek(0)
                detail = " ".join(log.read().split())[-300:]
                raise ServeError(f"{error}: {detail}" if detail else str(error)) from None
            base = f"http://{_netloc(host)}:{port}"
            what = ", ".join(str(p) for p in loaded) or \
                (str(location) if reuse else "an empty store")
            typer.echo(f"khabar: serving {what}")
            typer.echo(f"SPARQL endpoint: {base}/query")
            if writable:
                typer.echo(f"Graph Store:     {base}/store   (read-write; "
                           f"khabar push --endpoint {base}/query)")
            else:
                typer.echo("read-only; Ctrl-C to stop")
            sys.stdout.flush()
            try:
                code = proc.wait()
            except KeyboardInterrupt:
                _stop(proc)
                typer.echo("khabar: server stopped", err=True)
                return 0
            raise ServeError(f"the server exited unexpectedly (exit code {code})")
    except KeyboardInterrupt:
        return 0
    finally:
        if proc is not None:
            _stop(proc)
        signal.signal(signal.SIGTERM, previous)
        if temp:
            shutil.rmtree(location, ignore_errors=True)
            (location.parent / f".{location.name}.log").unlink(missing_ok=True)


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        data_dir: Annotated[Path | None, typer.Argument(
            help="The build folder to serve (graph.trig or .trig.gz, ontology.ttl, and the "
                 "documents' text from documents.jsonl[.gz]). Default: outputs/")
        ] = None,
        host: Annotated[str, typer.Option(help="Address to bind; keep it on loopback unless "
                                               "you mean to share the data.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
        writable: Annotated[bool, typer.Option(
            "--writable", help="Run read-write, accepting uploads (khabar push) and updates.")
        ] = False,
        store: Annotated[Path | None, typer.Option(
            help="Keep the Oxigraph store in this folder (default: a temporary one).")] = None,
    ) -> None:
        """Serve the graph over SPARQL with Oxigraph, read-only by default; Ctrl-C stops it."""
        try:
            code = serve(data_dir if data_dir is not None else Path("outputs"), host, port,
                         writable, store)
        except ServeError as error:
            typer.echo(f"khabar serve: {error}", err=True)
            raise typer.Exit(1) from None
        raise typer.Exit(code)
