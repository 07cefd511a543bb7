#!/usr/bin/env python3
"""Every output format on a corpus build: its size (plain and gzipped), the time to write it,
and the memory its writer needs beyond the assembled graph.

Reads the articles' results from a build's cache (no extraction: run `khabar build` first),
takes the first N documents for each N of --documents, assembles the graph, then runs every
writer of graph/exporters.py twice (plain, then to NAME.gz). A thread samples the process's
resident memory every 5 ms; a writer's figure is its peak minus the resident memory before it
started, i.e. what writing that format held on top of the graph. The default corpus set
(graph/formats.py) and every format are summed at the end.

    .venv/bin/khabar build ../shared/data/saudinewsnet/articles-2015-08-06..09.jsonl.gz \\
        -o /work/corpus-out -j 2                                    # fills the cache once
    .venv/bin/python bench/outputs_bench.py --cache /work/corpus-out/.cache
    .venv/bin/python bench/outputs_bench.py --cache /work/corpus-out/.cache \\
        --code /tmp/khabar-main --label before --no-gzip      # another checkout's writers

`--code DIR` imports khabar from DIR instead of this checkout (e.g. `git archive main | tar -x
-C /tmp/khabar-main`), to measure the writers before a change on the same cached results.
Writes bench/results/outputs_bench.json (one entry per --label).
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: As README's build command gives it (run from the repository root): the cache key includes
#: each document's input path as given, so --data must be spelt as it was for `khabar build`.
DATA = Path("../shared/data/saudinewsnet/articles-2015-08-06..09.jsonl.gz")
RESULTS = ROOT / "bench" / "results" / "outputs_bench.json"
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _settle() -> None:
    """Free what can be freed and hand it back to the system (glibc keeps freed memory
    otherwise, and a writer that reused it would look free)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * _PAGE


class PeakSampler:
    """The highest resident memory seen between start() and stop(), sampled every 5 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss())

    def start(self) -> None:
        self.peak = _rss()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        return max(self.peak, _rss())


def cached_results(paths: list[Path], cache_dir: Path) -> list:
    """The cached DocumentResults of every input document, in input order (misses skipped),
    read with the cache's own pipeline version, so any checkout's code can read them."""
    from khabar.cache import ResultCache
    from khabar.inputs import iter_documents

    entry = next(cache_dir.glob("*/*.json"), None)
    if entry is None:
        raise SystemExit(f"{cache_dir}: no cached results; run khabar build first")
    version = json.loads(entry.read_text(encoding="utf-8"))["version"]
    cache = ResultCache(cache_dir, version)
    out = []
    for doc in iter_documents(paths):
        if hasattr(doc, "text"):
            result = cache.get(doc)
            if result is not None:
                out.append(result)
    if not out:
        raise SystemExit(f"{cache_dir}: no cached result for {', '.join(map(str, paths))}; give "
                         "--data as it was given to khabar build (the path is in the cache key)")
    return out


def measure(results: list, gzip: bool) -> dict:
    from graph.assemble import assemble
    from graph.exporters import EXPORTERS

    t0 = time.perf_counter()
    graph = assemble(results)
    seconds = time.perf_counter() - t0
    _settle()
    row = {"documents": len(results), "assemble_seconds": round(seconds, 1),
           "graph_rss_mb": round(_rss() / 2**20), "files": {}}
    sampler = PeakSampler()
    with tempfile.TemporaryDirectory(prefix="khabar-outputs-") as tmp:
        for name, writer in EXPORTERS.items():
            for packed in ((False, True) if gzip else (False,)):
                if packed and name in ("graph.html", "ontology.ttl"):
                    continue
                path = Path(tmp) / (name + (".gz" if packed else ""))
                _settle()
                before = _rss()
                sampler.start()
                t0 = time.perf_counter()
                writer(graph, path)
                seconds = time.perf_counter() - t0
                peak = sampler.stop()
                row["files"].setdefault(name, {})["gz" if packed else "plain"] = {
                    "mb": round(path.stat().st_size / 1e6, 2), "seconds": round(seconds, 1),
                    "writer_mb": round((peak - before) / 2**20)}
    row["process_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return row


def _summary(row: dict, code: Path) -> dict:
    """Total MB of the default corpus set and of every format, plain and (if measured) gzipped."""
    files = row["files"]
    if not (code / "graph" / "formats.py").exists():   # before --formats: everything, always
        return {"all_plain_mb": round(sum(f["plain"]["mb"] for f in files.values()), 1)}
    from graph.formats import CORPUS_FORMATS, FORMATS, format_files

    out = {}
    kinds = ("plain", "gz") if any("gz" in f for f in files.values()) else ("plain",)
    for label, formats in (("corpus", CORPUS_FORMATS), ("all", tuple(FORMATS))):
        names = format_files(formats) & set(files)
        for kind in kinds:
            out[f"{label}_{kind}_mb"] = round(sum(files[n].get(kind, files[n]["plain"])["mb"]
                                                  for n in names), 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="a build's .cache folder")
    parser.add_argument("--data", type=Path, nargs="+", default=[DATA])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 0],
                        help="first N documents for each run (0: all)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to import")
    parser.add_argument("--label", default="after")
    parser.add_argument("--no-gzip", action="store_true", help="plain files only")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve()))

    results = cached_results(args.data, args.cache)
    runs = []
    for n in args.documents:
        row = measure(results[:n] if n else results, gzip=not args.no_gzip)
        row["summary"] = _summary(row, args.code)
        runs.append(row)
        print(f"\n{row['documents']:,} documents: graph {row['graph_rss_mb']:,} MB resident, "
              f"assembled in {row['assemble_seconds']} s; process peak so far "
              f"{row['process_peak_mb']:,} MB")
        print(f"{'file':<26}{'MB':>9}{'MB .gz':>9}{'s':>7}{'s .gz':>7}{'writer MB':>11}")
        for name, f in row["files"].items():
            gz = f.get("gz", {})
            print(f"{name:<26}{f['plain']['mb']:>9.2f}{gz.get('mb', float('nan')):>9.2f}"
                  f"{f['plain']['seconds']:>7.1f}{gz.get('seconds', float('nan')):>7.1f}"
                  f"{max(f['plain']['writer_mb'], gz.get('writer_mb', 0)):>11}")
        print("totals (MB):", ", ".join(f"{k} {v:,}" for k, v in row["summary"].items()))
    everything = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    everything[args.label] = {"code": str(args.code), "machine": f"{platform.node()} "
                              f"({os.cpu_count()} cpus)",
                              "load_average": [round(x, 2) for x in os.getloadavg()],
                              "runs": runs}
    tmp = RESULTS.with_suffix(".tmp")
    tmp.write_text(json.dumps(everything, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, RESULTS)
    print(f"-> {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
