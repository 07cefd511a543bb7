"""A real SPARQL server: `khabar serve` runs Oxigraph's binary on a free loopback port,
`khabar push` uploads through the Graph Store Protocol, SPARQLWrapper queries over HTTP, and
the server is stopped by its PID (SIGTERM and SIGINT both stop it cleanly)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from graph_fixtures import ROOT, run_khabar, small_graph
from SPARQLWrapper import JSON, SPARQLWrapper

from graph.exporters import write_all
from khabar.commands.push import store_url_for

CLI = "import sys; from khabar.cli import main; sys.argv[0] = 'khabar'; main()"
COUNT_STATEMENTS = """PREFIX kh: <https://w3id.org/khabar/ontology#>
SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a kh:Statement }"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def start(*args: str) -> tuple[subprocess.Popen, int, str]:
    port = free_port()
    # Ctrl-C as at a terminal: a test run started in the background (`.ci/run &`, nohup)
    # ignores SIGINT, and a child would inherit that
    proc = subprocess.Popen([sys.executable, "-c", CLI, "serve", *args, "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not listening(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"server did not start: {proc.stderr.read()}")
        time.sleep(0.1)
    banner = "".join(proc.stdout.readline() for _ in range(3))
    return proc, port, banner


def stop(proc: subprocess.Popen, port: int, sig: int) -> None:
    os.kill(proc.pid, sig)
    try:
        code = proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"the server did not stop on signal {sig}: {proc.stderr.read()[-2000:]}")
    assert code == 0
    assert not listening(port)               # the oxigraph child is gone too
    assert "Traceback" not in proc.stderr.read()


def select(endpoint: str, query: str) -> list[dict[str, str]]:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    return [{k: v["value"] for k, v in row.items()} for row in result["results"]["bindings"]]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("served")
    write_all(small_graph(), folder, only=["graph.trig", "ontology.ttl"])
    return folder


def test_store_url_for_known_layouts():
    assert store_url_for("http://127.0.0.1:7878/query") == "http://127.0.0.1:7878/store"
    assert store_url_for("http://h:3030/news/sparql") == "http://h:3030/news/data"
    assert store_url_for("http://h/repositories/x/rdf-graphs/service") == \
        "http://h/repositories/x/rdf-graphs/service"


def test_push_then_query_over_http(out, tmp_path):
    proc, port, banner = start(str(tmp_path / "nothing-yet"), "--writable")
    try:
        endpoint = f"http://127.0.0.1:{port}/query"
        assert f"SPARQL endpoint: {endpoint}" in banner
        assert select(endpoint, COUNT_STATEMENTS) == [{"n": "0"}]
        pushed = run_khabar("push", str(out), "--endpoint", endpoint)
        assert pushed.returncode == 0, pushed.stderr
        assert select(endpoint, COUNT_STATEMENTS) == [{"n": "9"}]
        query = (ROOT / "queries" / "who-seeks-what-from-whom.rq").read_text(encoding="utf-8")
        rows = select(endpoint, query)
        assert [(r["seeker"], r["thing"], r["askedOf"]) for r in rows] == [
            ("روسيا", "الأسلحة", "كوريا الشمالية"), ("روسيا", "الذخائر", "كوريا الشمالية")]
        graphs = select(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert len(graphs) == 3                       # two documents and the ontology
        again = run_khabar("push", str(out), "--endpoint", endpoint)
        assert again.returncode == 0                  # a document's graph is replaced, not doubled
        assert select(endpoint, COUNT_STATEMENTS) == [{"n": "9"}]
        one = run_khabar("push", str(out), "--endpoint", endpoint, "--graph",
                         "http://example.org/everything")
        assert one.returncode == 0
        inside = select(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
                                  "<http://example.org/everything> { ?s a ?c } }")
        assert int(inside[0]["n"]) > 9
    finally:
        if proc.poll() is None:
            stop(proc, port, signal.SIGTERM)


def test_read_only_server_loaded_with_outputs(out):
    proc, port, banner = start(str(out))
    try:
        endpoint = f"http://127.0.0.1:{port}/query"
        assert "read-only" in banner
        assert select(endpoint, COUNT_STATEMENTS) == [{"n": "9"}]
        labels = select(endpoint, "SELECT ?l WHERE { <https://w3id.org/khabar/ontology#seeksFrom>"
                                  " <http://www.w3.org/2000/01/rdf-schema#label> ?l "
                                  "FILTER(LANG(?l) = 'ar') }")
        assert labels == [{"l": "يطلب من"}]          # the ontology is served too
        refused = run_khabar("push", str(out), "--endpoint", endpoint)
        assert refused.returncode == 1 and "403" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    finally:
        if proc.poll() is None:
            stop(proc, port, signal.SIGINT)


def test_serve_errors_are_one_line(tmp_path, out):
    missing = run_khabar("serve", str(tmp_path / "missing"), "--port", str(free_port()),
                         timeout=60)
    assert missing.returncode == 1 and "no such file" in missing.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = run_khabar("serve", str(out), "--port", str(busy.getsockname()[1]), timeout=60)
    assert taken.returncode == 1 and "in use" in taken.stderr
    assert "Traceback" not in missing.stderr + taken.stderr


def test_push_unreachable_endpoint(out):
    done = run_khabar("push", str(out), "--endpoint", f"http://127.0.0.1:{free_port()}/query",
                      timeout=60)
    assert done.returncode == 1 and "cannot reach" in done.stderr


def test_kept_store_is_served_again_as_it_is(out, tmp_path):
    db = tmp_path / "db"
    proc, port, _ = start(str(out), "--store", str(db))
    stop(proc, port, signal.SIGTERM)
    assert db.is_dir() and any(db.iterdir())          # kept, unlike the default temporary one
    proc, port, banner = start(str(tmp_path / "elsewhere"), "--store", str(db))
    try:
        assert str(db) in banner
        endpoint = f"http://127.0.0.1:{port}/query"
        assert select(endpoint, COUNT_STATEMENTS) == [{"n": "9"}]
    finally:
        if proc.poll() is None:
            stop(proc, port, signal.SIGTERM)


def test_serves_a_gzipped_build_with_its_texts(tmp_path):
    """`khabar build --gzip` output: graph.trig.gz through oxigraph's own loader, and the
    documents' text from documents.jsonl.gz as nif:isString."""
    write_all(small_graph(), tmp_path, formats=["trig"], gzip=True)
    assert (tmp_path / "graph.trig.gz").is_file() and not (tmp_path / "graph.trig").exists()
    proc, port, banner = start(str(tmp_path))
    try:
        endpoint = f"http://127.0.0.1:{port}/query"
        assert "graph.trig.gz" in banner and "documents.jsonl.gz" in banner
        assert select(endpoint, COUNT_STATEMENTS) == [{"n": "9"}]
        texts = select(endpoint, "SELECT ?d ?t WHERE { GRAPH ?d { ?d <http://persistence."
                                 "uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t } }")
        assert len(texts) == 2 and any(r["t"].startswith("قمة في موسكو") for r in texts)
    finally:
        if proc.poll() is None:
            stop(proc, port, signal.SIGTERM)
