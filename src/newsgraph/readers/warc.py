"""WARC / WARC.gz (Common Crawl, CC-NEWS, Internet Archive) -> one RawArticle per HTML response.

Streamed with FastWARC: one record at a time, at most `settings.max_bytes` of a
record's payload in memory. Response records with an HTML content type and a 2xx
status become articles (`source.url` = WARC-Target-URI, `crawled` = WARC-Date, the
fallback for `published`); every other record is skipped and counted. The counts go
into a warning on the archive's last article ("drop with a reason, and count it"),
or into the error record when the archive holds no article at all.

A truncated or corrupt archive yields the articles read so far and then one error
record naming the file and the byte offset (in the file as stored, compressed or
not) of the record where reading stopped.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import BinaryIO, Iterator

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsgraph.article import ErrorRecord, Source
from newsgraph.readers.base import RawArticle, ReadError, error
from newsgraph.readers.html import decode_html
from newsgraph.settings import Settings

__all__ = ["read_warc", "HTML_TYPES"]

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class _Truncated(Exception):
    pass


def read_warc(stream: BinaryIO, source: Source, *, settings: Settings) -> Iterator[RawArticle | ErrorRecord]:
    name = source.path or source.url or "<input>"
    skipped: Counter[str] = Counter()
    records = articles = 0
    # The latest article and the errors after it are held back, so the archive's
    # summary can go on its last article; that is at most one article in memory.
    held: list[RawArticle | ErrorRecord] = []
    position = 0
    failure: ErrorRecord | None = None
    try:
        iterator = ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=True,
                                   auto_decode="all", quirks_mode=True)
        for record in iterator:
            records += 1
            position = record.stream_pos
            try:
                item = _article(record, source, name, settings, skipped)
            except _Truncated as e:
                failure = error(_source(source, record), str(e))
                break
            if item is None:
                continue
            if isinstance(item, RawArticle):
                articles += 1
                yield from held
                held = []
            held.append(item)
    except (OSError, ValueError) as e:
        where = f"in or after the record at byte {position}" if records else "at the start"
        failure = error(source, f"cannot read {name!r}: corrupt WARC data {where} ({_reason(e)}); "
                                f"{_n(articles, 'article')} read before it")
    summary = _summary(records, articles, skipped)
    if articles:
        last = next(i for i in held if isinstance(i, RawArticle))
        last.warnings.append(f"{name}: {summary}")
        log.info("%s: %s", name, summary)
    yield from held
    if failure is None and not held:
        failure = error(source, f"cannot read {name!r}: no HTML response records in the WARC ({summary})")
    if failure is not None:
        yield failure


def _article(record: WarcRecord, source: Source, name: str, settings: Settings,
             skipped: Counter[str]) -> RawArticle | ErrorRecord | None:
    """A response record -> RawArticle; None (counted in `skipped`) for what is not an HTML page."""
    kind = str(record.record_type)
    if record.record_type != WarcRecordType.response:
        skipped[f"{kind} records"] += 1
        return None
    if not record.is_http or record.http_headers is None:
        skipped["non-HTTP responses"] += 1
        return None
    status = record.http_headers.status_code or 0
    if not 200 <= status < 300:
        skipped[f"HTTP {status // 100}xx responses"] += 1
        return None
    content_type = (record.http_content_type or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        skipped["non-HTML responses"] += 1
        return None
    uri = record.headers.get("WARC-Target-URI") or None
    where = f"{name!r} record at byte {record.stream_pos}" + (f" ({uri})" if uri else "")
    if record.content_length > settings.max_bytes:
        return error(_source(source, record), f"cannot read {where}: {record.content_length:,} bytes is over the "
                                              f"{settings.max_bytes:,} byte limit for one article (set NEWSGRAPH_MAX_BYTES)")
    body = record.reader.read(settings.max_bytes + 1)
    if len(body) > settings.max_bytes:  # a compressed payload can grow past the limit once decoded
        return error(_source(source, record), f"cannot read {where}: over the {settings.max_bytes:,} byte limit "
                                              "for one article once decoded (set NEWSGRAPH_MAX_BYTES)")
    encoded = any(record.http_headers.contains_key(h) for h in ("Content-Encoding", "Transfer-Encoding"))
    if len(body) < record.content_length and not encoded:
        raise _Truncated(f"cannot read {name!r}: truncated WARC record at byte {record.stream_pos}"
                         + (f" ({uri})" if uri else "") + f": {len(body):,} of {record.content_length:,} bytes")
    try:
        html, encoding, warning = decode_html(body, where.strip("'"), declared=record.http_charset)
    except ReadError as e:
        return error(_source(source, record), str(e))
    date = record.headers.get("WARC-Date") or ""
    return RawArticle(
        source=_source(source, record),
        html=html,
        crawled=date[:10] if _ISO_DATE.match(date) else None,
        id=record.record_id or None,
        warnings=[warning] if warning else [],
    )


def _source(source: Source, record: WarcRecord) -> Source:
    return Source(path=source.path, url=record.headers.get("WARC-Target-URI") or None, format="warc")


def _summary(records: int, articles: int, skipped: Counter[str]) -> str:
    text = f"{_n(articles, 'article')} from {_n(records, 'WARC record')}"
    if skipped:
        text += f"; skipped {sum(skipped.values())}: " + ", ".join(f"{n} {what}" for what, n in sorted(skipped.items()))
    return text


def _reason(e: Exception) -> str:
    return str(e).strip().rstrip(".") or type(e).__name__


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
