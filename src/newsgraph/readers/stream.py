"""Streamed inputs: WARC archives and JSONL files, read record by record, never whole.

`read_stream(path, fmt)` reads a file; `read_stream_bytes(data, fmt, source)` reads
bytes already in memory (standard input). Both take plain or gzip-compressed data
and yield RawArticle or ErrorRecord in input order; a damaged record or line fails
alone, a damaged archive ends with an error record after the articles read so far.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO, Iterator

from newsgraph.article import ErrorRecord, Source
from newsgraph.readers.base import RawArticle, error
from newsgraph.settings import Settings

__all__ = ["read_stream", "read_stream_bytes", "STREAMED_FORMATS"]

STREAMED_FORMATS = ("warc", "jsonl")


def read_stream(path: str | Path, fmt: str, *, settings: Settings) -> Iterator[RawArticle | ErrorRecord]:
    """Every article in the WARC or JSONL file at `path` (memory stays flat however large it is)."""
    name = str(path)
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is exhausted
    except OSError as e:
        yield error(Source(path=name, format=fmt), f"cannot read {name!r}: {(e.strerror or str(e)).lower()}")
        return
    with f:
        yield from _read(f, fmt, Source(path=name, format=fmt), settings)


def read_stream_bytes(data: bytes, fmt: str, source: Source, *, settings: Settings) -> Iterator[RawArticle | ErrorRecord]:
    """The same for an input already in memory (plain or gzip-compressed bytes)."""
    yield from _read(io.BytesIO(data), fmt, Source(path=source.path, url=source.url, format=fmt), settings)


def _read(f: BinaryIO, fmt: str, source: Source, settings: Settings) -> Iterator[RawArticle | ErrorRecord]:
    if fmt == "warc":
        from newsgraph.readers.warc import read_warc

        yield from read_warc(f, source, settings=settings)
    elif fmt == "jsonl":
        from newsgraph.readers.jsonl import read_jsonl

        yield from read_jsonl(f, source, settings=settings)
    else:
        raise ValueError(f"unknown streamed format {fmt!r}; valid: {', '.join(STREAMED_FORMATS)}")
