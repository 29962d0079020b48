"""Runs `newsgraph.analyze` off the event loop, one article at a time, with a time cap.

One worker thread: spaCy pipelines are not documented as safe to call from several
threads at once, and one analysis already uses a core. The model loads once per
process (`load_pipeline` caches it); `warm()` loads it in the background at start-up
so the first request does not pay for it.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from newsgraph.analyze import analyze
from newsgraph.article import Article
from newsgraph.nlp import load_pipeline
from newsgraph.settings import Settings


class AnalysisTimeout(Exception):
    """The analysis did not finish within the cap; `str()` is the user-facing reason."""


class Analyzer:
    def __init__(self, settings: Settings, timeout: float):
        self.settings = settings
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-analyze")
        self._warmed = threading.Event()

    def warm(self) -> None:
        """Load the spaCy pipeline in the worker thread; errors surface on the first analysis."""
        self._pool.submit(self._load)

    def _load(self) -> None:
        try:
            load_pipeline(self.settings.model)
        finally:
            self._warmed.set()

    async def analyze(self, text: str, *, url: str | None = None, title: str | None = None,
                      published: str | None = None) -> Article:
        """The article record of `text` (plain text or HTML). Raises ValueError for unusable
        input, AnalysisTimeout past the cap (the worker finishes that article, then moves on)."""
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, self._run, text, url, title, published)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except asyncio.TimeoutError:
            raise AnalysisTimeout(
                f"analysis took longer than {self.timeout:g} s (the limit, NEWSGRAPH_WEB_TIMEOUT); "
                "try a shorter article"
            ) from None

    def _run(self, text: str, url: str | None, title: str | None, published: str | None) -> Article:
        nlp = load_pipeline(self.settings.model)
        return analyze(text, url=url, title=title, published=published, settings=self.settings, nlp=nlp)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
