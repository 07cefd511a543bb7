"""`khabar build`: documents in, graph files out, with bad inputs reported and skipped.

The per-document step (text -> DocumentResult) is pure, so it is cached per document (a rebuild
only extracts what changed), spread over local worker processes (`workers`) or a Dask cluster
(`scheduler`); results are always merged in input order, so outputs do not depend on either.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from tqdm import tqdm

from extract import pipeline
from extract.records import Document, DocumentResult
from graph.assemble import assemble
from graph.exporters import EXPORTERS, write_all
from graph.formats import default_formats, output_name
from graph.overview import DEFAULT_MAX_NODES
from khabar.cache import DEFAULT_CACHE_NAME, ResultCache
from khabar.inputs import InputError, iter_documents
from khabar.parallel import DEFAULT_BATCH, Extract, Outcome, WorkerStats, map_local

__all__ = ["BuildReport", "build", "collect", "default_cache_dir"]


@dataclass
class BuildReport:
    results: list[DocumentResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    extracted: int = 0          # documents run through the Extractor in this build
    cached: int = 0             # documents whose result came from the cache
    words: int = 0              # whitespace-separated words in all usable documents
    seconds: float = 0.0        # wall time of reading and extraction (not of writing)
    worker_peak_rss_kb: dict[str, int] = field(default_factory=dict)
    graph: nx.MultiDiGraph | None = None
    formats: tuple[str, ...] = ()   # the formats written (graph/exporters.py)
    removed: list[Path] = field(default_factory=list)   # an earlier build's outputs, removed


def default_cache_dir(out_dir: Path) -> Path:
    return Path(out_dir) / DEFAULT_CACHE_NAME


def _words(doc: Document) -> int:
    return len(doc.text.split())


def _report_error(error: InputError) -> None:
    tqdm.write(f"khabar: {error}", file=sys.stderr)


def _outcomes(misses: list[Document], extractor: Extract, workers: int, scheduler: str | None,
              batch_size: int, stats: WorkerStats) -> Iterator[tuple[Document, Outcome]]:
    if scheduler:
        from khabar.distributed import map_distributed

        return map_distributed(misses, extractor, scheduler, batch_size, stats)
    # a handful of new articles (an incremental rebuild) is quicker here than in fresh
    # workers, each of which would first load the pipeline
    return map_local(misses, extractor, workers if len(misses) > batch_size else 1,
                     batch_size, stats)


def collect(paths: list[Path], *, workers: int = 1, scheduler: str | None = None,
            cache_dir: Path | None = None, quiet: bool = False,
            extractor: Extract | None = None, batch_size: int = DEFAULT_BATCH) -> BuildReport:
    """Read every input and return its DocumentResults in input order (nothing is written
    except cache entries). `cache_dir=None` disables the cache."""
    started = time.perf_counter()
    report = BuildReport()
    docs: list[Document] = []
    for item in iter_documents(paths):
        if isinstance(item, InputError):
            report.errors.append(item)
            _report_error(item)
        else:
            docs.append(item)
    cache = ResultCache(cache_dir, pipeline.PIPELINE_VERSION) if cache_dir else None
    slots: list[DocumentResult | None] = [cache.get(d) if cache is not None else None
                                          for d in docs]
    misses = [d for d, r in zip(docs, slots) if r is None]
    index = {id(d): i for i, d in enumerate(docs)}
    report.cached = len(docs) - len(misses)
    report.words = sum(_words(d) for d in docs)

    stats = WorkerStats()
    bar = tqdm(total=len(docs), unit="doc", disable=quiet, desc="extract", file=sys.stderr,
               initial=report.cached, dynamic_ncols=True)
    words_done, t0 = 0, time.perf_counter()
    try:
        for doc, outcome in _outcomes(misses, extractor or pipeline.Extractor(), workers,
                                      scheduler, batch_size, stats):
            report.extracted += 1
            words_done += _words(doc)
            if isinstance(outcome, str):
                error = InputError(doc.path or doc.id, outcome)
                report.errors.append(error)
                _report_error(error)
            else:
                slots[index[id(doc)]] = outcome
                if cache is not None:
                    cache.put(outcome, doc)
            bar.update(1)
            elapsed = time.perf_counter() - t0
            if elapsed > 0:
                bar.set_postfix_str(f"{words_done / elapsed:,.0f} words/s", refresh=False)
    finally:
        bar.close()
    report.results = [r for r in slots if r is not None]
    report.worker_peak_rss_kb = stats.peak_rss_kb
    report.seconds = time.perf_counter() - started
    return report


def build(paths: list[Path], out_dir: Path, quiet: bool = False, *, workers: int = 1,
          scheduler: str | None = None, use_cache: bool = True, cache_dir: Path | None = None,
          extractor: Extract | None = None, batch_size: int = DEFAULT_BATCH,
          only: list[str] | None = None, formats: Sequence[str] | None = None,
          gzip: bool = False, html_max_nodes: int = DEFAULT_MAX_NODES) -> BuildReport:
    """Extract every document, assemble one graph, write its files into `out_dir`: those of
    `formats` (default: every format for a small build, the corpus set for a larger one; see
    graph/exporters.py), or the files named in `only`; gzip-compressed with `gzip`. The HTML
    view opens on at most `html_max_nodes` entities (graph/overview.py).

    Outputs an earlier build left in `out_dir` and this one does not write are removed, so the
    folder never mixes two builds (nor a stale graph.trig beside a new graph.trig.gz).
    The cache lives in `cache_dir` (default: `out_dir/.cache`) unless `use_cache` is False.
    """
    out_dir = Path(out_dir)
    cache = (cache_dir or default_cache_dir(out_dir)) if use_cache else None
    report = collect(paths, workers=workers, scheduler=scheduler, cache_dir=cache, quiet=quiet,
                     extractor=extractor, batch_size=batch_size)
    if report.results:
        report.graph = assemble(report.results)
        if only is None:
            report.formats = tuple(formats) if formats is not None else \
                default_formats(len(report.results))
        report.written = write_all(report.graph, out_dir, only=only,
                                   formats=None if only else report.formats, gzip=gzip,
                                   options={"graph.html": {"max_nodes": html_max_nodes}})
        report.removed = _remove_stale(out_dir, report.written)
    return report


def _remove_stale(out_dir: Path, written: list[Path]) -> list[Path]:
    """Delete the known output files in `out_dir` that this build did not write."""
    known = {out_dir / output_name(name, packed) for name in EXPORTERS
             for packed in (False, True)}
    stale = sorted(p for p in known - set(written) if p.is_file())
    for path in stale:
        path.unlink()
    return stale
