"""One machine, every core: the main process reads and writes, a process pool analyses.

The main process streams the inputs (read_inputs never holds more than one article of
an archive), cuts them into batches and keeps at most 4 batches per worker in flight,
so memory stays flat however large the input. Results come back in input order to
the caller, which is the single writer (the store takes one writer at a time).
Workers load the spaCy model once each; only picklable RawArticle/Article/ErrorRecord
dataclasses cross the process boundary.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
from collections import deque
from itertools import chain
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from newsgraph.article import ErrorRecord
from newsgraph.readers import RawArticle
from newsgraph.run.task import Record, Skipped, analyze_batch, batched
from newsgraph.settings import Settings

__all__ = ["LocalPool", "RunError", "default_workers", "run_local", "IN_FLIGHT_PER_WORKER"]

# Batches submitted and not yet returned, per worker. Results are yielded in input order,
# so a slow batch at the head must not leave the other workers idle; a few batches of
# text and records per worker are still only megabytes.
IN_FLIGHT_PER_WORKER = 4


class RunError(ValueError):
    """The run itself broke (a worker process died), not one input. A ValueError so that the
    CLI reports it in one line like every other error the user can act on."""


def default_workers() -> int:
    """The cores this process may use (a container's CPU limit, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_local(
    inputs: Iterable[RawArticle | ErrorRecord],
    *,
    workers: int | None = None,
    settings: Settings | None = None,
    skip_stored: str | None = None,
) -> Iterator[Record | Skipped]:
    """Analyse a stream on `workers` processes (default: every core), yielding records in input order.

    With one worker everything runs in this process: no pool to start, nothing to pickle.
    `skip_stored`: a store URL whose articles come back as Skipped, unparsed.
    """
    settings = settings or Settings.from_env()
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    batches = batched(inputs, settings.batch_size)
    first = next(batches, [])
    second = next(batches, []) if workers > 1 else []
    if not second:
        # One worker, or input that fits one batch: starting a pool (a model load per
        # process) would cost more than it saves.
        for batch in chain([first], batches):
            if batch:
                yield from analyze_batch(batch, settings, skip_stored=skip_stored)
        return
    with LocalPool(workers, settings=settings) as pool:
        yield from pool.imap(chain(first, second, chain.from_iterable(batches)), skip_stored=skip_stored)


class LocalPool:
    """A started pool of analysis processes, reusable across runs (benchmarks warm it once)."""

    def __init__(self, workers: int, *, settings: Settings | None = None) -> None:
        self.workers = workers
        self.settings = settings or Settings.from_env()
        # forkserver: forking a process that already runs threads (or holds a loaded
        # model) is unsafe; spawn where forkserver does not exist.
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if ctx.get_start_method() == "forkserver":
            # Import spaCy and newsgraph once in the fork server, not once per worker.
            ctx.set_forkserver_preload(["newsgraph.run.task"])
        # No initializer: a model that fails to load must surface as its PipelineError,
        # which a failing initializer would turn into an anonymous BrokenProcessPool.
        self._ex = ProcessPoolExecutor(workers, mp_context=ctx)

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._ex.shutdown(wait=True, cancel_futures=True)

    def warm(self) -> None:
        """Start every worker and load its model now, so a timed run measures analysis only."""
        for f in [self._ex.submit(_load_model, self.settings.model) for _ in range(self.workers)]:
            f.result()

    def imap(self, inputs: Iterable[RawArticle | ErrorRecord], *, skip_stored: str | None = None) -> Iterator[Record | Skipped]:
        pending: deque[Future] = deque()
        try:
            for batch in batched(inputs, self.settings.batch_size):
                pending.append(self._ex.submit(_pool_batch, batch, self.settings, skip_stored))
                if len(pending) >= IN_FLIGHT_PER_WORKER * self.workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool:
            raise RunError(
                "an analysis worker process died (out of memory or killed); records yielded so far are "
                "complete, rerun to continue (the store skips articles it already holds)"
            ) from None
        finally:
            for f in pending:
                f.cancel()


def _pool_batch(batch, settings: Settings, skip_stored: str | None):
    try:
        return analyze_batch(batch, settings, skip_stored=skip_stored)
    finally:
        _release_memory()


def _release_memory() -> None:
    """glibc keeps the memory a long batch freed; hand it back, so that a worker's resident
    size follows the batch it is on rather than the largest it has seen."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _load_model(name: str) -> int:
    from newsgraph.nlp import load_pipeline

    load_pipeline(name)
    return os.getpid()
