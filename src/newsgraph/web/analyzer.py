"""Runs `newsgraph.analyze` in worker processes, with a time cap that really stops the work.

Each worker is a process of its own that loads the spaCy model once and analyses one
article at a time. An analysis past the cap (`NEWSGRAPH_WEB_TIMEOUT`, queue wait
included) is answered 503 and its worker is killed and replaced, so one pathological
article cannot hold the server's capacity for minutes: a thread could not be stopped,
a process can. The number of workers (`NEWSGRAPH_WEB_WORKERS`) and of requests that
may wait for one (`NEWSGRAPH_WEB_QUEUE`) are settings (web/options.py); past the
queue a request is refused at once (503) rather than queued. `warm()` starts the
workers at start-up so the first request does not pay for the model.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from newsgraph.analyze import analyze
from newsgraph.article import Article
from newsgraph.nlp import PipelineError, load_pipeline
from newsgraph.settings import Settings

# spawn: the server process has threads (the event loop's, the thread pool's); forking it is unsafe.
_CONTEXT = mp.get_context("spawn")


class AnalysisTimeout(Exception):
    """The analysis did not finish within the cap; `str()` is the user-facing reason."""


class AnalyzerBusy(AnalysisTimeout):
    """Too many analyses are already waiting; the request is refused rather than queued."""


class WorkerDied(AnalysisTimeout):
    """The worker process ended during the analysis (killed from outside, out of memory)."""


def analyze_in_worker(settings: Settings, text: str, url: str | None, title: str | None,
                      published: str | None) -> Article:
    """What a worker runs per article (the default `run` of Analyzer)."""
    return analyze(text, url=url, title=title, published=published, settings=settings,
                   nlp=load_pipeline(settings.model))


def load_model(settings: Settings) -> None:
    """What a worker does first (the default `warm` of Analyzer): load the model and analyse
    one sentence, so that the lazily imported parts (language detection, cleaning) are
    loaded before any request is timed."""
    try:
        analyze_in_worker(settings, '"We are ready," the mayor said on Monday.', None, None, None)
    except Exception:  # noqa: BLE001 - a missing model is reported on each job, by the analysis
        pass


def _serve(conn, settings: Settings, run: Callable, warm: Callable | None) -> None:
    """A worker's main loop: jobs in, ("ok", record dict) or (error kind, message) out."""
    if warm is not None:
        warm(settings)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(("ok", run(settings, *job).to_dict()))
        except ValueError as e:
            conn.send(("value", str(e)))
        except PipelineError as e:
            conn.send(("pipeline", str(e)))
        except Exception as e:  # noqa: BLE001 - reported to the request, the worker lives on
            conn.send(("error", f"{type(e).__name__}: {e}"))


class _Worker:
    def __init__(self, settings: Settings, run: Callable, warm: Callable | None):
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child, settings, run, warm), daemon=True,
                                        name="newsgraph-analyze")
        self.process.start()
        child.close()

    def ask(self, job: tuple, timeout: float):
        """The worker's answer, or None past `timeout` seconds. Blocking: run in a thread."""
        self.conn.send(job)
        if not self.conn.poll(max(timeout, 0)):
            return None
        return self.conn.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Analyzer:
    def __init__(self, settings: Settings, timeout: float, *, max_waiting: int = 8, workers: int = 1,
                 run: Callable = analyze_in_worker, warm: Callable | None = load_model):
        self.settings = settings
        self.timeout = timeout
        self.max_waiting = max_waiting
        self.workers = workers
        self.run = run
        self.warm_worker = warm
        self._waiting = 0  # requests waiting for or holding a worker; touched only on the event loop
        self._idle: asyncio.Queue | None = None
        self._all: list[_Worker] = []
        self._threads = ThreadPoolExecutor(max_workers=max(workers, 1), thread_name_prefix="newsgraph-analyze")

    def _start(self) -> asyncio.Queue:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for _ in range(self.workers):
                self._idle.put_nowait(self._new_worker())
        return self._idle

    def _new_worker(self) -> _Worker:
        w = _Worker(self.settings, self.run, self.warm_worker)
        self._all.append(w)
        return w

    def _replace(self, w: _Worker) -> None:
        w.stop()
        self._all.remove(w)
        self._idle.put_nowait(self._new_worker())

    def warm(self) -> None:
        """Start the worker processes (each loads the model); errors surface on the first analysis."""
        self._start()

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and monitoring)."""
        return [w.process.pid for w in self._all]

    async def analyze(self, text: str, *, url: str | None = None, title: str | None = None,
                      published: str | None = None) -> Article:
        """The article record of `text` (plain text or HTML). Raises ValueError for unusable
        input, AnalysisTimeout past the cap (the worker is killed and replaced), AnalyzerBusy
        when `max_waiting` requests are already waiting."""
        idle = self._start()
        if self._waiting >= self.workers + self.max_waiting:
            raise AnalyzerBusy(f"{self._waiting - self.workers} analyses are already waiting "
                               "(the limit, NEWSGRAPH_WEB_QUEUE); try again in a minute")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        self._waiting += 1
        try:
            try:
                worker = await asyncio.wait_for(idle.get(), self.timeout)
            except asyncio.TimeoutError:
                raise self._too_slow() from None
            try:
                answer = await loop.run_in_executor(self._threads, worker.ask, (text, url, title, published),
                                                    deadline - loop.time())
            except (EOFError, OSError, BrokenPipeError):
                self._replace(worker)
                raise WorkerDied("the analysis worker stopped during the analysis (out of memory?); "
                                 "try a shorter article") from None
            except BaseException:  # the request was cancelled mid-analysis: its worker is busy, replace it
                self._replace(worker)
                raise
            if answer is None:
                self._replace(worker)
                raise self._too_slow()
            idle.put_nowait(worker)
        finally:
            self._waiting -= 1
        kind, value = answer
        if kind == "ok":
            return Article.from_dict(value)
        if kind == "value":
            raise ValueError(value)
        if kind == "pipeline":
            raise PipelineError(value)
        raise RuntimeError(value)

    def _too_slow(self) -> AnalysisTimeout:
        return AnalysisTimeout(f"analysis took longer than {self.timeout:g} s (the limit, NEWSGRAPH_WEB_TIMEOUT); "
                               "it was stopped; try a shorter article")

    def close(self) -> None:
        for w in self._all:
            w.stop()
        self._all.clear()
        self._idle = None
        self._threads.shutdown(wait=False, cancel_futures=True)
