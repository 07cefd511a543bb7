"""Run the per-document extraction on a Dask distributed cluster (`--scheduler tcp://HOST:PORT`).

The step text -> DocumentResult is pure, so it ships to any machine that has khabar installed
(the same version: results are cached under the pipeline version). The extractor is scattered
once to every worker, where it builds its spaCy pipeline on first use and keeps it; batches of
documents are submitted through a bounded window and gathered in input order, so the outputs
are the same as a local build's.
"""
from __future__ import annotations

import socket
from collections import deque
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from extract.records import Document
from khabar.parallel import DEFAULT_BATCH, Extract, Outcome, WorkerStats, batches, extract_batch

__all__ = ["SchedulerError", "map_distributed"]

#: Seconds to wait for the scheduler before giving up with a one-line message.
CONNECT_TIMEOUT = 20


class SchedulerError(RuntimeError):
    """The scheduler cannot be reached or has no workers."""


def _run_batch(extractor: Extract, docs: list[Document]) -> tuple[list[Outcome], int, str]:
    from distributed import get_worker

    outcomes, rss = extract_batch(extractor, docs)
    return outcomes, rss, get_worker().address


def _preflight(scheduler: str) -> None:
    """Fail in seconds, not after the client's retries, when nothing listens at a tcp address."""
    parsed = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    if parsed.scheme != "tcp" or not parsed.hostname or not parsed.port:
        return
    try:
        socket.create_connection((parsed.hostname, parsed.port), timeout=5).close()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from None


def map_distributed(docs: Iterable[Document], extractor: Extract, scheduler: str,
                    batch_size: int = DEFAULT_BATCH, stats: WorkerStats | None = None,
                    ) -> Iterator[tuple[Document, Outcome]]:
    """(document, outcome) pairs in input order, computed by the workers of `scheduler`."""
    try:
        from distributed import Client
    except ImportError as error:  # pragma: no cover - dask is a dependency
        raise SchedulerError("--scheduler needs dask distributed: "
                             "pip install 'dask[distributed]'") from error
    stats = stats if stats is not None else WorkerStats()
    _preflight(scheduler)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        threads = sum(client.nthreads().values())
        if threads == 0:
            raise SchedulerError(f"the Dask scheduler at {scheduler} has no workers")
        remote = client.scatter(extractor, broadcast=True)
        window = threads * 3
        pending: deque = deque()
        for chunk in batches(docs, batch_size):
            pending.append((chunk, client.submit(_run_batch, remote, chunk, pure=False)))
            if len(pending) >= window:
                yield from _collect(pending.popleft(), stats)
        while pending:
            yield from _collect(pending.popleft(), stats)
    finally:
        client.close()


def _collect(item: tuple, stats: WorkerStats) -> Iterator[tuple[Document, Outcome]]:
    chunk, future = item
    outcomes, rss, worker = future.result()
    stats.note(worker, rss)
    yield from zip(chunk, outcomes)
