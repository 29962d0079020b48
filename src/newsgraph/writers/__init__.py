"""One writer interface for every output of records: JSONL, Parquet parts, GKG, ...

A writer takes records one at a time and is closed once:

    with open_writer("jsonl", sys.stdout) as w:
        for record in analyze_many(...):
            w.write(record)

`newsgraph analyze --format`, `newsgraph export --format` (stored records streamed out
of the store) and the Dask parts (run/parts.py) all go through `open_writer`; a new
format is one module with a Writer class and one entry in WRITERS. Writers get Article
and ErrorRecord records; a format with no place for errors skips them (and counts them
in `skipped`).
"""

from __future__ import annotations

import importlib
from typing import IO, Any, Protocol

from newsgraph.article import Article, ErrorRecord

Record = Article | ErrorRecord

__all__ = ["Writer", "BaseWriter", "WRITERS", "open_writer", "writer_class"]


class Writer(Protocol):
    """What every writer implements."""

    suffix: str  # the file suffix ("jsonl", "gkg.csv", ...)
    filename: str  # the file `export --format F DIR` writes in DIR

    def write(self, record: Record) -> None: ...

    def close(self) -> None: ...


class BaseWriter:
    """Context-manager plumbing and counts shared by the writers."""

    suffix = "txt"
    filename = "records.txt"

    def __init__(self) -> None:
        self.written = 0
        self.skipped = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def write(self, record: Record) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        pass


# format name -> "module:Class"; the class takes (target, **options).
WRITERS: dict[str, str] = {
    "jsonl": "newsgraph.writers.jsonl:JsonlWriter",
    "json": "newsgraph.writers.jsonl:JsonWriter",
    "parquet-part": "newsgraph.writers.parts:PartWriter",
    "gkg": "newsgraph.writers.gkg:GKGWriter",  # GDELT GKG 2.1 rows (docs/gkg.md)
    "gdelt-events": "newsgraph.writers.gdelt_events:GdeltEventsWriter",  # GDELT 2.0 event rows (docs/events.md)
}


def writer_class(fmt: str):
    if fmt not in WRITERS:
        raise ValueError(f"output format {fmt!r} is not supported; valid: {', '.join(WRITERS)}")
    module, _, cls = WRITERS[fmt].partition(":")
    return getattr(importlib.import_module(module), cls)


def open_writer(fmt: str, target: IO[str] | Any, **options) -> Writer:
    return writer_class(fmt)(target, **options)
