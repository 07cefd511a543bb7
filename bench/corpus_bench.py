"""Benchmark corpus builds on real news: SaudiNewsNet, 6,976 articles, about 2 million words.

Measures, each heavy step in a fresh process (so peak memory is that step's own):
  - end-to-end `build` with 1 and 2 workers (words/s, extraction vs assembly+writing time);
  - the same text through the NER model alone (`nlp.pipe`, when extract/models/ner exists) and
    through the bare tokenizer (`spacy.blank("ar")`), so the pipeline's overhead is a ratio;
  - peak memory (ru_maxrss of the build process plus each worker's own peak);
  - a cached rebuild after adding one article (and that it extracted exactly one);
  - the time of each writer in graph/exporters.py, and the output sizes;
  - every queries/*.rq on the whole graph: rdflib in memory vs pyoxigraph (median of 3 runs,
    after one warm-up), loaded as `khabar query` loads a build folder (default graph = union).
Prints a table and writes bench/results/corpus_bench.json.

    .venv/bin/python bench/corpus_bench.py --limit 1000
    .venv/bin/python bench/corpus_bench.py                          # all 6,976 articles
    .venv/bin/python bench/corpus_bench.py --limit 300 --profile    # + pyinstrument profile
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles-2015-08-06..09.jsonl.gz"
RESULTS = ROOT / "bench" / "results"
TARGETS = {"build_seconds_2_workers": 600, "peak_memory_mb": 4096, "pipeline_vs_ner": 0.5,
           "oxigraph_query_seconds": 1.0}


# --- child tasks: each runs in its own process and returns a JSON-ready dict ------------------

def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _texts(path: str) -> list[str]:
    from extract.records import Document
    from khabar.inputs import iter_documents

    return [d.text for d in iter_documents([Path(path)]) if isinstance(d, Document)]


def task_build(paths: list[str], out: str, workers: int, use_cache: bool) -> dict[str, Any]:
    from khabar.build import build

    t0 = time.perf_counter()
    report = build([Path(p) for p in paths], Path(out), quiet=True, workers=workers,
                   use_cache=use_cache)
    total = time.perf_counter() - t0
    workers_kb = {k: v for k, v in report.worker_peak_rss_kb.items() if k != "main"}
    return {
        "documents": len(report.results), "errors": len(report.errors), "words": report.words,
        "error_messages": [str(e) for e in report.errors[:10]],
        "extracted": report.extracted, "cached": report.cached,
        "statements": sum(len(r.statements) for r in report.results),
        "entities": report.graph.number_of_nodes() if report.graph is not None else 0,
        "edges": report.graph.number_of_edges() if report.graph is not None else 0,
        "seconds": total, "extract_seconds": report.seconds,
        "assemble_write_seconds": total - report.seconds,
        "words_per_s": report.words / total, "extract_words_per_s": report.words / report.seconds,
        "peak_mb_main": _peak_kb() / 1024,
        "peak_mb_workers": {k: v / 1024 for k, v in sorted(workers_kb.items())},
        "peak_mb_total": (_peak_kb() + sum(workers_kb.values())) / 1024,
    }


def task_writers(paths: list[str], cache: str) -> dict[str, Any]:
    """Time assembly and each writer on the cached results (no extraction)."""
    from graph.assemble import assemble
    from graph.exporters import EXPORTERS
    from khabar.build import collect

    report = collect([Path(p) for p in paths], cache_dir=Path(cache), quiet=True)
    t0 = time.perf_counter()
    graph = assemble(report.results)
    out: dict[str, Any] = {"assemble": time.perf_counter() - t0}
    with tempfile.TemporaryDirectory() as tmp:
        for name, writer in EXPORTERS.items():
            t0 = time.perf_counter()
            writer(graph, Path(tmp) / name)
            out[name] = time.perf_counter() - t0
    return {"seconds": out, "cached": report.cached, "extracted": report.extracted}


def task_ner(path: str) -> dict[str, Any]:
    """The NER model alone on the same texts, as whitespace-split words (its documented input)."""
    try:
        from extract import ner

        nlp = ner.load()
    except Exception as error:  # noqa: BLE001 - the model may not exist yet
        return {"available": False, "reason": f"{type(error).__name__}: {error}"[:200]}
    from spacy.tokens import Doc

    texts = _texts(path)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    n_ents = sum(len(doc.ents) for doc in nlp.pipe(
        (Doc(nlp.vocab, words=t.split()) for t in texts), batch_size=32))
    seconds = time.perf_counter() - t0
    return {"available": True, "words": words, "seconds": seconds, "words_per_s": words / seconds,
            "entities": n_ents, "peak_mb": _peak_kb() / 1024}


def task_tokenizer(path: str) -> dict[str, Any]:
    import spacy

    nlp = spacy.blank("ar")
    texts = _texts(path)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - t0
    return {"words": words, "tokens": tokens, "seconds": seconds, "words_per_s": words / seconds}


def _run_query(fn) -> tuple[float, int]:
    t0 = time.perf_counter()
    result = fn()
    try:
        rows = len(list(result))
    except TypeError:
        rows = int(bool(result))
    return time.perf_counter() - t0, rows


def task_sparql(folder: str, queries: list[str], engines: list[str]) -> dict[str, Any]:
    """Each query over a build folder as `khabar query` runs it (Oxigraph, the default graph as
    the union of all graphs, project prefixes), and over the same files in rdflib."""
    out: dict[str, Any] = {}
    texts = {Path(q).name: Path(q).read_text(encoding="utf-8") for q in queries}
    from khabar.commands.query import load_store, rdf_inputs, run_query

    if "oxigraph" in engines:
        t0 = time.perf_counter()
        store = load_store(Path(folder))
        out["oxigraph"] = {"load_seconds": time.perf_counter() - t0, "quads": len(store),
                           "queries": {}}
        for name, text in texts.items():
            out["oxigraph"]["queries"][name] = _time_query(lambda: run_query(store, text))
    if "rdflib" in engines:
        from rdflib import Dataset, URIRef

        from graph.namespaces import ONTOLOGY_GRAPH, PREFIXES

        t0 = time.perf_counter()
        ds = Dataset(default_union=True)
        for file in rdf_inputs(Path(folder)):
            fmt = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle"}.get(file.suffix, None)
            if file.name == "ontology.ttl":
                ds.graph(URIRef(str(ONTOLOGY_GRAPH))).parse(file, format="turtle")
            else:
                ds.parse(file, format=fmt)
        out["rdflib"] = {"load_seconds": time.perf_counter() - t0, "queries": {}}
        for name, text in texts.items():
            out["rdflib"]["queries"][name] = _time_query(
                lambda: ds.query(text, initNs=dict(PREFIXES)))
    out["peak_mb"] = _peak_kb() / 1024
    return out


class _QueryTimeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _QueryTimeout()


def _time_query(fn, limit_s: int = 60) -> dict[str, Any]:
    """First run, then the median of 3 more (only 1 more when the first took over 5 s); a query
    still running after `limit_s` is reported as a timeout (rdflib can take minutes)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit_s)
    try:
        first, rows = _run_query(fn)
        runs = [_run_query(fn)[0] for _ in range(3 if first < 5 else 1)]
    except _QueryTimeout:
        return {"error": f"timeout: over {limit_s} s"}
    except Exception as error:  # noqa: BLE001 - a bad query is a result, not a crash
        return {"error": f"{type(error).__name__}: {error}"[:300]}
    finally:
        signal.alarm(0)
    return {"rows": rows, "first_s": first, "median_s": statistics.median(runs)}


def task_profile(path: str, out: str, report_path: str) -> dict[str, Any]:
    from pyinstrument import Profiler

    from khabar.build import build

    profiler = Profiler(interval=0.002)
    profiler.start()
    build([Path(path)], Path(out), quiet=True, workers=1, use_cache=False)
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    Path(report_path).write_text(text, encoding="utf-8")
    return {"profile": report_path}


def task_sample(paths: list[str], cache: str, n: int, seed: int, path: str) -> dict[str, Any]:
    """`n` random statements with their sentences, to check by hand (precision)."""
    import random

    from khabar.build import collect

    report = collect([Path(p) for p in paths], cache_dir=Path(cache), quiet=True)
    labels: dict[str, str] = {}
    for result in report.results:
        for entity in result.entities:
            labels.setdefault(entity.key, entity.label)
    pairs = [(r, st) for r in report.results for st in r.statements]
    lines = []
    for i, (result, st) in enumerate(random.Random(seed).sample(pairs, min(n, len(pairs))), 1):
        lines.append(f"{i}. [{result.document.id} {result.document.source}] "
                     f"{labels.get(st.subject, st.subject)} --{st.predicate}/{st.modality}--> "
                     f"{labels.get(st.object, st.object)}   rule={st.rule}")
        lines.append("   " + st.quote.text.replace("\n", " "))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"statements": len(pairs), "sampled": min(n, len(pairs)), "seed": seed, "path": path}


TASKS = {"build": task_build, "writers": task_writers, "ner": task_ner,
         "tokenizer": task_tokenizer, "sparql": task_sparql, "profile": task_profile,
         "sample": task_sample}


def child(task: str, timeout: float = 3600, **kwargs: Any) -> dict[str, Any]:
    """Run TASKS[task](**kwargs) in a fresh Python process; its result comes back as JSON."""
    proc = subprocess.run([sys.executable, __file__, "--child", task, json.dumps(kwargs)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{task} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- the parent: prepare inputs, run the steps, print and save -----------------------------

def prepare(data: Path, limit: int | None, work: Path) -> dict[str, Any]:
    """The build set (first `limit` articles) and one more article for the cached rebuild."""
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    n = len(lines) if limit is None else min(limit, len(lines))
    extra = lines[n] if n < len(lines) else lines[-1]
    base = lines[:n] if n < len(lines) else lines[:-1]
    corpus, added = work / "corpus.jsonl.gz", work / "added.jsonl"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.writelines(base)
    added.write_text(extra, encoding="utf-8")
    return {"corpus": str(corpus), "added": str(added), "articles": len(base)}


def _sizes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def _dir_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(args: argparse.Namespace) -> dict[str, Any]:
    from extract.pipeline import PIPELINE_VERSION

    work = Path(tempfile.mkdtemp(prefix="khabar-bench-", dir=args.workdir))
    inputs = prepare(args.data, args.limit, work)
    res: dict[str, Any] = {
        "load_average_at_start": os.getloadavg(),
        "data": str(args.data), "articles": inputs["articles"], "limit": args.limit,
        "pipeline_version": PIPELINE_VERSION, "machine": {
            "cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform()}, "targets": TARGETS}
    say = (lambda *a: None) if args.json_only else (lambda *a: print(*a, file=sys.stderr))

    res["builds"] = {}
    for workers in args.workers:
        say(f"build: {workers} worker(s) ...")
        out = work / f"out-w{workers}"
        # the last configuration keeps its cache for the rebuild below
        keep = workers == args.workers[-1]
        res["builds"][str(workers)] = child("build", paths=[inputs["corpus"]], out=str(out),
                                            workers=workers, use_cache=keep)
    last = args.workers[-1]
    out = work / f"out-w{last}"
    outs = [work / f"out-w{w}" for w in args.workers]
    res["identical_outputs"] = all(_sizes(o) == _sizes(outs[0]) and all(
        (o / f).read_bytes() == (outs[0] / f).read_bytes() for f in _sizes(o)) for o in outs)

    say("rebuild after adding one article ...")
    res["rebuild"] = child("build", paths=[inputs["corpus"], inputs["added"]], out=str(out),
                           workers=last, use_cache=True)
    res["outputs"] = {"bytes": _sizes(out), "cache_bytes": _dir_size(out / ".cache")}
    say("writers ...")
    res["writers"] = child("writers", paths=[inputs["corpus"], inputs["added"]],
                           cache=str(out / ".cache"))
    if args.sample:
        res["sample"] = child("sample", paths=[inputs["corpus"], inputs["added"]],
                              cache=str(out / ".cache"), n=args.sample, seed=6,
                              path=str(RESULTS / "corpus_statement_sample.txt"))
    if not args.skip_models:
        say("NER model alone ...")
        res["ner"] = child("ner", path=inputs["corpus"])
        say("tokenizer alone ...")
        res["tokenizer"] = child("tokenizer", path=inputs["corpus"])
    queries = sorted(str(q) for q in args.queries.glob("*.rq"))
    if queries:
        say(f"SPARQL: {len(queries)} queries ...")
        res["sparql"] = child("sparql", folder=str(out), queries=queries, engines=args.engines)
    else:
        res["sparql"] = {"skipped": "no queries/*.rq"}
    if args.profile:
        say("profile (1 worker, pyinstrument) ...")
        res["profile"] = child("profile", path=inputs["corpus"], out=str(work / "out-profile"),
                               report_path=str(RESULTS / "corpus_profile.txt"))
    res["load_average_at_end"] = os.getloadavg()
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    else:
        res["workdir"] = str(work)
    return res


def table(res: dict[str, Any]) -> str:
    rows: list[tuple[str, str]] = [
        ("articles", f"{res['articles']:,}"),
        ("load average (start, end)", f"{res['load_average_at_start'][0]:.1f}, "
                                      f"{res['load_average_at_end'][0]:.1f} on "
                                      f"{res['machine']['cpus']} CPUs")]
    for w, b in res["builds"].items():
        rows += [(f"build, {w} worker(s)", f"{b['seconds']:.1f} s  {b['words_per_s']:,.0f} words/s"
                  f"  (extraction {b['extract_words_per_s']:,.0f} words/s; assembly+writing "
                  f"{b['assemble_write_seconds']:.1f} s)"),
                 (f"  peak memory, {w} worker(s)", f"{b['peak_mb_total']:,.0f} MB (main "
                  f"{b['peak_mb_main']:,.0f} MB" + "".join(
                      f" + worker {v:,.0f} MB" for v in b["peak_mb_workers"].values()) + ")"),
                 (f"  graph, {w} worker(s)", f"{b['words']:,} words, {b['entities']:,} entities, "
                  f"{b['edges']:,} edges, {b['statements']:,} statements, {b['errors']} errors")]
    rows.append(("outputs identical across workers", str(res["identical_outputs"])))
    rb = res["rebuild"]
    rows.append(("cached rebuild + 1 article", f"{rb['seconds']:.1f} s (extracted {rb['extracted']}, "
                 f"cached {rb['cached']})"))
    ner, tok = res.get("ner", {}), res.get("tokenizer", {})
    # the NER runs on one core: compare it with one worker's share of the fewest-worker build
    fewest = min(res["builds"], key=int) if res["builds"] else None
    if ner.get("available"):
        rows.append(("NER model alone (nlp.pipe, one core)", f"{ner['words_per_s']:,.0f} words/s"))
        if fewest:
            b, n = res["builds"][fewest], int(fewest)
            rows.append((f"pipeline / NER speed (per worker, {n} worker(s))",
                         f"{b['extract_words_per_s'] / n / ner['words_per_s']:.2f} (extraction), "
                         f"{b['words_per_s'] / n / ner['words_per_s']:.2f} (end-to-end)"))
    elif ner:
        rows.append(("NER model alone", f"unavailable: {ner.get('reason', '')[:60]}"))
    if tok:
        rows.append(("bare tokenizer (spacy.blank)", f"{tok['words_per_s']:,.0f} words/s"))
    sizes = res["outputs"]["bytes"]
    rows.append(("outputs", f"{sum(sizes.values()) / 1e6:,.1f} MB in {len(sizes)} files; cache "
                 f"{res['outputs']['cache_bytes'] / 1e6:,.1f} MB"))
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        rows.append((f"  {name}", f"{size / 1e6:,.2f} MB, written in "
                     f"{res['writers']['seconds'].get(name, float('nan')):.2f} s"))
    rows.append(("  assembly", f"{res['writers']['seconds']['assemble']:.2f} s"))
    sp = res.get("sparql", {})
    if "skipped" in sp:
        rows.append(("SPARQL", f"skipped: {sp['skipped']}"))
    else:
        for engine in ("oxigraph", "rdflib"):
            if engine in sp:
                rows.append((f"SPARQL {engine} load", f"{sp[engine]['load_seconds']:.1f} s"))
        names = sorted(next(iter(sp[e]["queries"] for e in ("oxigraph", "rdflib") if e in sp)))
        for name in names:
            cells = []
            for engine in ("oxigraph", "rdflib"):
                q = sp.get(engine, {}).get("queries", {}).get(name)
                if q is None:
                    continue
                cells.append(f"{engine} " + (q["error"][:50] if "error" in q else
                                             f"{q['median_s'] * 1000:,.1f} ms ({q['rows']} rows)"))
            rows.append((f"  {name}", "; ".join(cells)))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(TASKS[sys.argv[2]](**json.loads(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N articles.")
    parser.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")],
                        default=[1, 2], help="Worker counts to build with (default 1,2).")
    parser.add_argument("--queries", type=Path, default=ROOT / "queries",
                        help="Folder of SPARQL queries (*.rq).")
    parser.add_argument("--engines", type=lambda s: s.split(","), default=["oxigraph", "rdflib"])
    parser.add_argument("--skip-models", action="store_true",
                        help="Skip the NER-alone and tokenizer-alone runs.")
    parser.add_argument("--profile", action="store_true",
                        help="Also profile a 1-worker build (bench/results/corpus_profile.txt).")
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help="Write N random statements with their sentences to "
                             "bench/results/corpus_statement_sample.txt, to check by hand.")
    parser.add_argument("--out", type=Path, default=RESULTS / "corpus_bench.json")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="Keep the work folder.")
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"corpus_bench: {args.data} not found (see ../shared/data/saudinewsnet)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    res = run(args)
    from graph.atomic import write_text

    write_text(args.out, json.dumps(res, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    print(table(res))
    print(f"\n-> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
