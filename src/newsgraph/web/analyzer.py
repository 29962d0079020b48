"""Runs `newsgraph.analyze` off the event loop, one article at a time, with a time cap.

One worker thread: spaCy pipelines are not documented as safe to call from several
threads at once, and one analysis already uses a core. The model loads once per
process (`load_pipeline` caches it); `warm()` loads it in the background at start-up
so the first request does not pay for it.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from newsgraph.analyze import analyze
from newsgraph.article import Article
from newsgraph.nlp import load_pipeline
from newsgraph.settings import Settings


class AnalysisTimeout(Exception):
    """The analysis did not finish within the cap; `str()` is the user-facing reason."""


class AnalyzerBusy(AnalysisTimeout):
    """Too many analyses are already waiting; the request is refused rather than queued."""


class Analyzer:
    def __init__(self, settings: Settings, timeout: float, *, max_waiting: int = 8):
        self.settings = settings
        self.timeout = timeout
        self.max_waiting = max_waiting
        self._waiting = 0  # touched only on the event loop thread
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-analyze")

    def warm(self) -> None:
        """Load the spaCy pipeline in the worker thread; errors surface on the first analysis."""
        self._pool.submit(load_pipeline, self.settings.model)

    async def analyze(self, text: str, *, url: str | None = None, title: str | None = None,
                      published: str | None = None) -> Article:
        """The article record of `text` (plain text or HTML). Raises ValueError for unusable
        input, AnalysisTimeout past the cap (the worker finishes that article, then moves on)."""
        if self._waiting >= self.max_waiting:
            raise AnalyzerBusy(f"{self._waiting} analyses are already waiting; try again in a minute")
        loop = asyncio.get_running_loop()
        # On timeout wait_for cancels the future: a job still queued is dropped; one already
        # running finishes in the worker (Python threads cannot be stopped) and is discarded.
        future = loop.run_in_executor(self._pool, self._run, text, url, title, published)
        self._waiting += 1
        try:
            return await asyncio.wait_for(future, self.timeout)
        except asyncio.TimeoutError:
            raise AnalysisTimeout(
                f"analysis took longer than {self.timeout:g} s (the limit, NEWSGRAPH_WEB_TIMEOUT); "
                "try a shorter article"
            ) from None
        finally:
            self._waiting -= 1

    def _run(self, text: str, url: str | None, title: str | None, published: str | None) -> Article:
        nlp = load_pipeline(self.settings.model)
        return analyze(text, url=url, title=title, published=published, settings=self.settings, nlp=nlp)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
