"""What readers produce: one RawArticle per article found, or an ErrorRecord."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.article import ErrorRecord, Source


@dataclass
class RawArticle:
    """An article as read, before cleaning: plain text or HTML plus the metadata the input carried."""

    source: Source
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    byline: list[str] = field(default_factory=list)
    publisher: str | None = None
    language: str | None = None
    id: str | None = None  # an id the input gave (JSONL `id`); the record id stays the text hash
    warnings: list[str] = field(default_factory=list)
    crawled: str | None = None  # ISO date the page was fetched (WARC-Date); `published` falls back to it


class ReadError(Exception):
    """A one-line reason an input cannot be read; `str()` is what the user sees."""


def error(source: Source, message: str) -> ErrorRecord:
    return ErrorRecord(source=source, error=message)
