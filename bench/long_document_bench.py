#!/usr/bin/env python3
"""One very long document: time and peak memory of a whole build, for growing lengths.

A scraped page can be one "article" of hundreds of thousands of words with no full stop. The
document is made from real SaudiNewsNet text with every sentence end and line break removed
(the worst case for sentence splitting), cut to 50,000, 100,000 and 200,000 words, and each is
built alone (`khabar.build.build`, every output written, no cache) in a fresh process, whose
peak resident memory (ru_maxrss from wait4) and wall time are recorded. The baseline is the
same build of a 1,000-word document: the process with Python, spaCy and the models loaded.
Linear time shows as a constant time per 10,000 words.

    .venv/bin/python bench/long_document_bench.py                     # 50k, 100k, 200k words
    .venv/bin/python bench/long_document_bench.py --words 20000 --whole   # without windows

`--whole` reads each document in one piece (`Extractor(window_chars=None)`), as before windows.
Writes bench/results/long_document_bench.json.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.atomic import write_text  # noqa: E402

SAUDI = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles-2015-08-06..09.jsonl.gz"
RESULTS = ROOT / "bench" / "results" / "long_document_bench.json"
_STOPS = re.compile(r"[.!?؟؛;…\n\r]")

BUILD = """
import sys
from pathlib import Path
from extract.pipeline import Extractor
from khabar.build import build
window = None if sys.argv[3] == "whole" else Extractor().window_chars
report = build([Path(sys.argv[1])], Path(sys.argv[2]), quiet=True, use_cache=False,
               extractor=Extractor(window_chars=window))
assert not report.errors, report.errors
print(sum(len(r.statements) for r in report.results))
"""


def long_text(words: int) -> str:
    """`words` words of real articles, with no sentence end and no line break."""
    out: list[str] = []
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            out += _STOPS.sub(" ", json.loads(line)["content"]).split()
            if len(out) >= words:
                break
    if len(out) < words:
        raise SystemExit(f"the subset has only {len(out):,} words")
    return " ".join(out[:words])


def measure(path: Path, out: Path, mode: str) -> dict:
    """Build `path` in a fresh process; its wall time and peak RSS."""
    log = out.with_suffix(".log")
    with open(log, "w+", encoding="utf-8") as fh:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", BUILD, str(path), str(out), mode],
                                cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        fh.seek(0)
        stdout = fh.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {path} failed:\n{stdout[-2000:]}")
    outputs = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "statements": int(stdout.split()[-1]), "outputs_mb": round(outputs / 1e6, 1)}


def _save(mode: str, baseline: dict, rows: list[dict]) -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results[mode] = {"machine": f"{platform.node()} ({os.cpu_count()} cpus)",
                     "load_average": [round(x, 2) for x in os.getloadavg()],
                     "baseline": baseline, "rows": rows}
    write_text(RESULTS, json.dumps(results, ensure_ascii=False, indent=1) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[50_000, 100_000, 200_000])
    parser.add_argument("--whole", action="store_true",
                        help="read each document in one piece (no windows), as before")
    args = parser.parse_args(argv)
    mode = "whole" if args.whole else "windows"
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="khabar-long-") as tmp:
        work = Path(tmp)
        base_doc = work / "base.txt"
        base_doc.write_text(long_text(1_000), encoding="utf-8")
        baseline = measure(base_doc, work / "base-out", mode)
        print(f"baseline (1,000 words): {baseline['seconds']} s, {baseline['peak_rss_mb']} MB")
        print(f"{'words':>8} {'MB text':>8} {'seconds':>8} {'s/10k words':>12} "
              f"{'peak MB':>8} {'above base':>10} {'statements':>10} {'MB out':>8}", flush=True)
        for words in args.words:
            doc = work / f"long-{words}.txt"
            text = long_text(words)
            doc.write_text(text, encoding="utf-8")
            row = {"words": words, "chars": len(text),
                   "mb_text": round(len(text.encode("utf-8")) / 1e6, 2),
                   **measure(doc, work / f"out-{words}", mode)}
            row["seconds_per_10k_words"] = round(row["seconds"] / words * 10_000, 2)
            row["above_baseline_mb"] = row["peak_rss_mb"] - baseline["peak_rss_mb"]
            rows.append(row)
            print(f"{words:>8,} {row['mb_text']:>8} {row['seconds']:>8} "
                  f"{row['seconds_per_10k_words']:>12} {row['peak_rss_mb']:>8} "
                  f"{row['above_baseline_mb']:>10} {row['statements']:>10} "
                  f"{row['outputs_mb']:>8}", flush=True)
            _save(mode, baseline, rows)          # each row as soon as it is measured
    print(f"-> {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
