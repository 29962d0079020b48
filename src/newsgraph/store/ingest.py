"""Paths -> read -> (skip what is stored) -> analyse -> store.

The skip happens before parsing: cleaning is cheap next to spaCy, and the cleaned
body's hash is the article id, so a rerun over a finished corpus parses nothing and
an interrupted run resumes at the first article it had not committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

from newsgraph.analyze import analyze_many, skip_stored
from newsgraph.readers import read_inputs
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.store import Store
    from newsgraph.store.summary import IngestSummary


def ingest_paths(store: Store, paths: Iterable[str], *, force: bool = False, settings: Settings | None = None,
                 progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    from newsgraph.store.summary import IngestSummary

    settings = settings or Settings.from_env()
    summary = IngestSummary()
    # Into an empty store nothing can be skipped, so the early cleaning pass would be pure cost
    # (a repeated input is still caught by store.add, after its analysis).
    check = not force and not store.empty()

    def skipped(item):
        summary.skipped += 1
        if progress:
            progress(summary)

    inputs = read_inputs(paths, settings=settings)
    if check:
        inputs = skip_stored(inputs, store.has, skipped)
    records = analyze_many(inputs, settings=settings)
    return store.ingest(records, force=force, progress=progress, summary=summary)
