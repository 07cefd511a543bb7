"""Run the per-document extraction in this process or in a pool of worker processes.

Extraction is a pure function of one Document, so documents go to workers in small batches and
the results come back in input order (a bounded window of batches in flight), which keeps the
graph, and so every output file, byte-identical whatever the number of workers. A document whose
extraction raises becomes a one-line error, not a crashed build. Workers are started from a
forkserver with the pipeline module preloaded: cheap to start, and free of the parent's threads
(the progress bar's) that a plain fork would copy in an unknown state.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice

from extract.records import Document, DocumentResult

__all__ = ["Outcome", "WorkerStats", "extract_batch", "map_local", "batches", "DEFAULT_BATCH"]

#: Documents per task: big enough to amortise inter-process traffic, small enough for a
#: smooth progress bar and an even spread over workers.
DEFAULT_BATCH = 8

#: One document's outcome: its result, or a one-line reason why extraction failed.
Outcome = DocumentResult | str
Extract = Callable[[Document], DocumentResult]


@dataclass
class WorkerStats:
    """What the workers report besides results: peak resident memory per worker, in KiB."""

    peak_rss_kb: dict[str, int] = field(default_factory=dict)

    def note(self, worker: str, rss_kb: int) -> None:
        self.peak_rss_kb[worker] = max(rss_kb, self.peak_rss_kb.get(worker, 0))


def _failure(error: BaseException) -> str:
    message = str(error).splitlines()[0] if str(error) else ""
    return f"extraction failed: {type(error).__name__}: {message}".rstrip(": ")


def extract_batch(extractor: Extract, docs: Sequence[Document]) -> tuple[list[Outcome], int]:
    """Outcomes for `docs` in order, and this process's peak RSS in KiB.

    Uses the extractor's `pipe` (batched spaCy) when it has one; if the batch fails, each
    document is retried alone so one bad article cannot take its neighbours down with it.
    """
    outcomes: list[Outcome] | None = None
    pipe = getattr(extractor, "pipe", None)
    if pipe is not None and len(docs) > 1:
        try:
            outcomes = list(pipe(list(docs)))
        except Exception:  # noqa: BLE001 - isolate the failing document below
            outcomes = None
    if outcomes is None:
        outcomes = []
        for doc in docs:
            try:
                outcomes.append(extractor(doc))
            except Exception as error:  # noqa: BLE001 - reported per document
                outcomes.append(_failure(error))
    return outcomes, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


# --- worker side -----------------------------------------------------------------------------

_WORKER_EXTRACTOR: Extract | None = None


def _init_worker(extractor: Extract) -> None:
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = extractor
    # Ctrl-C is the parent's to handle: it stops the pool, no traceback from every worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_in_worker(docs: list[Document]) -> tuple[list[Outcome], int, str]:
    assert _WORKER_EXTRACTOR is not None, "worker not initialised"
    outcomes, rss = extract_batch(_WORKER_EXTRACTOR, docs)
    # the parent has the documents: sending each text back was a fifth of the bytes pickled
    outcomes = [replace(o, document=None) if isinstance(o, DocumentResult) else o
                for o in outcomes]
    return outcomes, rss, f"pid-{os.getpid()}"


# --- parent side -----------------------------------------------------------------------------

#: One thread for the numerical libraries of each worker: workers are already one per core,
#: and a BLAS that starts a thread per core in each of them oversubscribes the CPUs (the
#: relation model's pair-vector product; 400 articles, 2 workers on 2 cores: 36.5 s with
#: OpenBLAS' own threads, 28.2 s with one). A value the user set is kept.
SINGLE_THREADED = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _context() -> multiprocessing.context.BaseContext:
    for name in SINGLE_THREADED:
        os.environ.setdefault(name, "1")     # inherited by the forkserver and its workers
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["extract.pipeline", "khabar.parallel"])
        return ctx
    return multiprocessing.get_context("spawn")


def map_local(docs: Iterable[Document], extractor: Extract, workers: int = 1,
              batch_size: int = DEFAULT_BATCH, stats: WorkerStats | None = None,
              ) -> Iterator[tuple[Document, Outcome]]:
    """(document, outcome) pairs in input order, from `workers` processes (1: this process)."""
    stats = stats if stats is not None else WorkerStats()
    if workers <= 1:
        for chunk in batches(docs, batch_size):
            outcomes, rss = extract_batch(extractor, chunk)
            stats.note("main", rss)
            yield from zip(chunk, outcomes)
        return
    window = workers * 3
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_init_worker, initargs=(extractor,))
    try:
        pending: deque[tuple[list[Document], Future]] = deque()
        for chunk in batches(docs, batch_size):
            pending.append((chunk, pool.submit(_run_in_worker, chunk)))
            if len(pending) >= window:
                yield from _collect(pending.popleft(), stats)
        while pending:
            yield from _collect(pending.popleft(), stats)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)   # interrupted: drop queued batches
        raise
    pool.shutdown()


def _collect(item: tuple[list[Document], Future], stats: WorkerStats,
             ) -> Iterator[tuple[Document, Outcome]]:
    chunk, future = item
    outcomes, rss, worker = future.result()
    stats.note(worker, rss)
    for doc, outcome in zip(chunk, outcomes):
        yield doc, replace(outcome, document=doc) if isinstance(outcome, DocumentResult) \
            else outcome
