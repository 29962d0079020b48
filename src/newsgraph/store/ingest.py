"""Paths -> read -> (skip what is stored) -> analyse -> store.

The skip happens before parsing: cleaning is cheap next to spaCy, and the cleaned
body's hash is the article id, so a rerun over a finished corpus parses nothing and
an interrupted run resumes at the first article it had not committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from newsgraph.analyze import analyze_many, prepare
from newsgraph.article import ErrorRecord, article_id
from newsgraph.readers import RawArticle, read_inputs
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.store import IngestSummary, Store


def ingest_paths(store: Store, paths: Iterable[str], *, force: bool = False, settings: Settings | None = None,
                 progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    from newsgraph.store import IngestSummary

    settings = settings or Settings.from_env()
    summary = IngestSummary()
    # Into an empty store nothing can be skipped, so the early cleaning pass would be pure cost
    # (a repeated input is still caught by store.add, after its analysis).
    check = not force and not store.empty()

    def unstored(items: Iterable[RawArticle | ErrorRecord]) -> Iterator[RawArticle | ErrorRecord]:
        for item in items:
            if isinstance(item, RawArticle) and check:
                try:
                    p = prepare(item)
                except Exception:  # analyze_many reports it, with its own message
                    yield item
                    continue
                if store.has(article_id(p.cleaned.body)):
                    summary.skipped += 1
                    if progress:
                        progress(summary)
                    continue
                item = p.raw  # HTML already extracted: analyze_many will not extract it again
            yield item

    records = analyze_many(unstored(read_inputs(paths, settings=settings)), settings=settings)
    return store.ingest(records, force=force, progress=progress, summary=summary)
