"""JSONL: one JSON object per line with "text" or "html", and optional url, title, published, id.

A line that is not such an object becomes an error record naming the file and the
line number; the other lines are read as usual. Lines are read one at a time with a
size cap (`settings.max_bytes`), so neither a large file nor one huge line fills memory.
"""

from __future__ import annotations

import json
from dataclasses import replace
import re
import zlib
from datetime import datetime
from typing import BinaryIO, Iterator

from newsgraph.article import ErrorRecord, Source
from newsgraph.readers.base import RawArticle, ReadError, error
from newsgraph.settings import Settings

__all__ = ["read_jsonl", "parse_line", "FIELDS"]

FIELDS = ("text", "html", "url", "title", "published", "id")
_VALID = 'valid: one JSON object per line with "text" or "html" (optional "url", "title", "published", "id")'
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CHUNK = 1 << 16


def read_jsonl(stream: BinaryIO, source: Source, *, settings: Settings) -> Iterator[RawArticle | ErrorRecord]:
    name = source.path or source.url or "<input>"
    gzipped = stream.read(2) == b"\x1f\x8b"
    stream.seek(0)
    chunks = _gunzip_chunks(stream) if gzipped else iter(lambda: stream.read(_CHUNK), b"")
    number = 0
    try:
        for line in _lines(chunks, settings.max_bytes):
            number += 1
            if line is None:
                yield _line_error(source, name, number, f"over the {settings.max_bytes:,} byte "
                                  "limit for one article (set NEWSGRAPH_MAX_BYTES)")
                continue
            if not line.strip():
                continue
            try:
                raw = parse_line(line, replace(source, line=number))
            except ReadError as e:
                yield _line_error(source, name, number, str(e))
                continue
            except Exception as e:  # whatever else one line raises fails that line alone
                yield _line_error(source, name, number, f"cannot be parsed ({type(e).__name__}); {_VALID}")
                continue
            yield raw
    except (OSError, EOFError, zlib.error) as e:
        yield error(source, f"cannot read {name!r}: corrupt or truncated data after line {number} ({e})")


def _line_error(source: Source, name: str, number: int, reason: str) -> ErrorRecord:
    """One line's error; its source names the line, so the store keeps one error row per line."""
    rec = error(source, f"cannot read {name!r} line {number}: {reason}")
    rec.source = Source(path=source.path, url=source.url, format=source.format, line=number)
    return rec


def _lines(chunks: Iterator[bytes], limit: int) -> Iterator[bytes | None]:
    """Complete lines (a last unterminated one included); None for a line over `limit` bytes,
    which is skipped without being held in memory."""
    buffer = b""
    skipping = False
    for chunk in chunks:
        buffer += chunk
        while (end := buffer.find(b"\n")) >= 0:
            line, buffer = buffer[:end + 1], buffer[end + 1:]
            if skipping:
                skipping = False
                yield None
            elif len(line) > limit:
                yield None
            else:
                yield line
        if len(buffer) > limit:
            skipping, buffer = True, b""
    if skipping:
        yield None
    elif buffer:
        yield buffer if len(buffer) <= limit else None


def _gunzip_chunks(stream: BinaryIO) -> Iterator[bytes]:
    """Decompressed chunks of a (multi-member) gzip stream, as they come: a truncated file
    gives everything before the cut, then EOFError."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pending, in_member = b"", False
    while True:
        if not pending:
            if in_member and (out := inflate.decompress(b"", _CHUNK * 16)):
                yield out  # output held back by the size bound
                continue
            pending = stream.read(_CHUNK)
            if not pending:
                break
        in_member = True
        out = inflate.decompress(pending, _CHUNK * 16)  # bounded output: no gzip bomb in memory
        if out:
            yield out
        if inflate.eof:
            pending, in_member = inflate.unused_data, False
            inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        else:
            pending = inflate.unconsumed_tail
    if in_member:
        raise EOFError("compressed file ended before the end-of-stream marker was reached")


def parse_line(line: bytes | str, source: Source) -> RawArticle:
    """One JSONL line -> RawArticle; ReadError (the reason only, without file and line) if unusable."""
    try:
        obj = json.loads(line.rstrip(b"\r\n" if isinstance(line, bytes) else "\r\n"))
    except UnicodeDecodeError:
        raise ReadError(f"not UTF-8 text; {_VALID}") from None
    except json.JSONDecodeError as e:
        raise ReadError(f"invalid JSON ({e.msg.removesuffix(' at').lower()} at column {e.colno}); {_VALID}") from None
    except RecursionError:
        raise ReadError(f"JSON nested too deeply to read; {_VALID}") from None
    if not isinstance(obj, dict):
        raise ReadError(f"a JSON {type(obj).__name__.replace('dict', 'object')}, not an object; {_VALID}")
    for key in ("text", "html", "url", "title", "published"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise ReadError(f'"{key}" is a JSON {type(obj[key]).__name__}, not a string; {_VALID}')
    text, html = obj.get("text") or None, obj.get("html") or None
    if not (text or "").strip() and not (html or "").strip():
        raise ReadError(f'no "text" or "html"; {_VALID}')
    ident = obj.get("id")
    if ident is not None and not isinstance(ident, (str, int)) or isinstance(ident, bool):
        raise ReadError(f'"id" is a JSON {type(ident).__name__}, not a string or number; {_VALID}')
    warnings: list[str] = []
    published = _iso_date(obj.get("published"), warnings)
    # Given text is used as is; html is extracted (analyze.prepare) only when there is no text.
    return RawArticle(
        source=Source(path=source.path, url=obj.get("url") or None, format="jsonl", line=source.line),
        text=text if (text or "").strip() else None,
        html=None if (text or "").strip() else html,
        title=(obj.get("title") or "").strip() or None,
        published=published,
        id=None if ident is None else str(ident),
        warnings=warnings,
    )


def _iso_date(value: str | None, warnings: list[str]) -> str | None:
    """The ISO 8601 date (YYYY-MM-DD) of `value`; an unreadable date is dropped with a warning."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if _ISO_DATE.match(value):
        try:
            return datetime.fromisoformat(value[:10]).date().isoformat()
        except ValueError:
            pass
    warnings.append(f"published {value!r} is not an ISO 8601 date (YYYY-MM-DD...); ignored")
    return None
