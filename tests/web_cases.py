"""Stand-ins for the analysis that the web tests run in the analyzer's worker processes
(importable by a spawned process, so they live in a module, not a test)."""

from __future__ import annotations

import time

from newsgraph.article import Article, Source, article_id


def quick(settings, text, url, title, published) -> Article:
    """A record without the model: enough for the tests of who may store what."""
    if text.startswith("SLOW"):
        time.sleep(600)
    return Article(id=article_id(text), text=text, source=Source(url=url), title=title, published=published)
