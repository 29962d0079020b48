"""Readers: paths -> RawArticle or ErrorRecord, never an exception.

The format is picked by content (magic bytes), not only by the file name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from newsgraph.article import ErrorRecord, Source
from newsgraph.readers.base import RawArticle, ReadError, error
from newsgraph.readers.text import decode
from newsgraph.settings import Settings

__all__ = ["RawArticle", "ReadError", "read_inputs", "read_file", "read_bytes", "sniff", "finish", "count_inputs", "walk_files"]

_VALID = "not text, HTML, WARC or JSONL"
_REFUSED_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
}


def finish(raw: RawArticle) -> RawArticle:
    """The reading step's last part: an HTML page's main text and metadata (readers/html.py).

    Readers yield HTML pages with this part still to do, and the process that analyses the
    article does it (`analyze.prepare` calls this), because it is the readers' one costly
    step (a fifth of a second a page) and the main process, which reads the inputs for
    every worker, must not do it alone. A RawArticle that has text already is returned as is.
    """
    if raw.html is not None and raw.text is None:
        from newsgraph.readers.html import extract_html

        return extract_html(raw)
    return raw


def read_inputs(paths: Iterable[str], *, settings: Settings | None = None) -> Iterator[RawArticle | ErrorRecord]:
    """Every article in the given files, directories (recursively, sorted) and `-` (stdin)."""
    settings = settings or Settings.from_env()
    for p in paths:
        if p == "-":
            yield from read_bytes(sys.stdin.buffer.read(), Source(path="-", format="stdin"), settings=settings)
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, settings)
        elif not path.exists():
            yield error(Source(path=p), f"cannot read {p!r}: no such file or directory")
        else:
            yield from read_file(path, settings=settings)


_ARCHIVES = (".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".arc", ".arc.gz")


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many articles read_inputs will yield, when that is known without reading: the
    number of files, each one article; None when an input is stdin or an archive (JSONL,
    WARC: many articles a file)."""
    n = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = ([f for f in walk_files(path) if isinstance(f, Path)] if path.is_dir() else [path])
        for f in files:
            if f.name.lower().endswith(_ARCHIVES):
                return None
        n += len(files)
    return n


def walk_files(root: Path) -> Iterator[Path | OSError]:
    """The files under a directory in the order every reader takes them: a sorted walk,
    dot-files and dot-directories skipped; a directory that cannot be listed comes as its
    OSError, in place. The one listing read_inputs, count_inputs and the Dask shards use."""
    failures: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=failures.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name
        while failures:
            yield failures.pop()


def _walk(root: Path, settings: Settings) -> Iterator[RawArticle | ErrorRecord]:
    for f in walk_files(root):
        if isinstance(f, OSError):
            yield error(Source(path=str(f.filename)), f"cannot read {str(f.filename)!r}: {f.strerror.lower()}")
        else:
            yield from read_file(f, settings=settings)


def read_file(path: Path, *, settings: Settings) -> Iterator[RawArticle | ErrorRecord]:
    name = str(path)
    source = Source(path=name)
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
        fmt = sniff(head, name)
        if fmt in ("warc", "jsonl"):
            from newsgraph.readers import stream  # streamed: archives have no size limit

            yield from stream.read_stream(path, fmt, settings=settings)
            return
        size = path.stat().st_size
        if size > settings.max_bytes and not (fmt == "html" and head[:2] == b"\x1f\x8b"):
            raise ReadError(
                f"cannot read {name!r}: {_size(size)} is over the {_size(settings.max_bytes)} "
                "limit for one article (set NEWSGRAPH_MAX_BYTES)"
            )
        data = path.read_bytes()
    except ReadError as e:
        yield error(source, str(e))
        return
    except OSError as e:
        yield error(source, f"cannot read {name!r}: {(e.strerror or str(e)).lower()}")
        return
    yield from read_bytes(data, source, settings=settings)


def read_bytes(data: bytes, source: Source, *, settings: Settings) -> Iterator[RawArticle | ErrorRecord]:
    """One in-memory input (a file's bytes or stdin) -> its article(s)."""
    name = source.path or source.url or "<input>"
    try:
        fmt = sniff(data[:4096], name)
        if fmt in ("warc", "jsonl"):
            from newsgraph.readers import stream

            # Streamed as given (gzip included): an archive is not limited to max_bytes.
            yield from stream.read_stream_bytes(data, fmt, source, settings=settings)
            return
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, name, settings)
        if len(data) > settings.max_bytes:
            raise ReadError(
                f"cannot read {name!r}: {_size(len(data))} is over the "
                f"{_size(settings.max_bytes)} limit for one article (set NEWSGRAPH_MAX_BYTES)"
            )
        if fmt == "html":
            from newsgraph.readers.html import decode_html

            text, encoding, warning = decode_html(data, name)
        else:
            text, encoding, warning = decode(data, name)
            if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
                # Wide encodings hide the markup from the byte sniffer: look again at the text.
                fmt = sniff(text[:2048].encode("utf-8"), name)
                if fmt in ("warc", "jsonl"):
                    raise ReadError(f"cannot read {name!r}: {fmt.upper()} in {encoding}; valid: {fmt.upper()} in UTF-8")
    except ReadError as e:
        yield error(source, str(e))
        return
    warnings = [warning] if warning else []
    source.format = "html" if fmt == "html" else ("stdin" if source.path == "-" else "text")
    if fmt == "html":
        yield RawArticle(source=source, html=text, warnings=warnings)
    else:
        yield RawArticle(source=source, text=text, warnings=warnings)


def sniff(head: bytes, name: str = "<input>") -> str:
    """text | html | warc | jsonl, from the first bytes; ReadError for formats newsgraph cannot read."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = _gunzip_head(head)
        except OSError:
            raise ReadError(f"cannot read {name!r}: corrupt gzip data") from None
    for magic, what in _REFUSED_MAGIC.items():
        if head.startswith(magic):
            raise ReadError(f"cannot read {name!r}: {what}, {_VALID}")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    lowered = stripped.lower()
    # Markup first; a page may open with an XML prolog or comments before <html>.
    if stripped.startswith(b"<") and (
        any(t in lowered[:1024] for t in (b"<!doctype", b"<head", b"<body", b"<p", b"<div", b"<article"))
        or b"<html" in lowered
    ):
        return "html"
    if stripped.startswith(b"{"):
        first = stripped.split(b"\n", 1)[0].strip()
        # A .jsonl file is JSONL even when its (only) line is broken: then it is an error for that line.
        if first.endswith(b"}") or b"\n" not in stripped.rstrip() or name.lower().endswith((".jsonl", ".jsonl.gz")):
            return "jsonl"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    import zlib

    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        return d.decompress(head, 4096)
    except zlib.error as e:
        raise OSError(str(e)) from None


def _gunzip(data: bytes, name: str, settings: Settings) -> bytes:
    import zlib

    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, settings.max_bytes + 1)
        if len(out) > settings.max_bytes:
            raise ReadError(f"cannot read {name!r}: {_size(len(data))} of gzip data expands to "
                            f"{_expanded(d, len(out))}, over the {_size(settings.max_bytes)} limit for one article "
                            "(set NEWSGRAPH_MAX_BYTES)")
    except zlib.error:
        raise ReadError(f"cannot read {name!r}: corrupt gzip data") from None
    return out


_COUNT_EXPANSION_UP_TO = 1_000_000_000


def _expanded(d, so_far: int) -> str:
    """How far a gzip stream expands, counted in bounded chunks (never held), up to 1 GB."""
    import zlib

    n = so_far
    try:
        while d.unconsumed_tail and n <= _COUNT_EXPANSION_UP_TO:
            n += len(d.decompress(d.unconsumed_tail, 1 << 20))
    except zlib.error:
        pass
    return f"more than {_size(_COUNT_EXPANSION_UP_TO)}" if n > _COUNT_EXPANSION_UP_TO else _size(n)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"
