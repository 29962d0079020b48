"""What readers produce: one RawArticle per article found, or an ErrorRecord."""

from __future__ import annotations

from dataclasses import dataclass, field

import re

from newsgraph.article import ErrorRecord, Source
from newsgraph.errors import NewsgraphError


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


def strip_nul(raw: RawArticle) -> RawArticle:
    """The one rule for NUL characters, whatever the input came through (CLI, API, archive):
    removed, with a W105 warning saying how many."""
    from dataclasses import replace

    from newsgraph.errors import coded

    n = (raw.text or "").count("\x00") + (raw.html or "").count("\x00")
    if not n:
        return raw
    return replace(raw, text=raw.text.replace("\x00", "") if raw.text is not None else None,
                   html=raw.html.replace("\x00", "") if raw.html is not None else None,
                   warnings=[*raw.warnings, coded("W105", f"{n} NUL character(s) removed from the text")])


class ReadError(NewsgraphError):
    """A one-line reason an input cannot be read; `str()` is what the user sees."""

    code = "E100"


# A reading failure's code, decided in one place from its one-line message (the messages
# are the readers' public wording; docs/errors.md lists the codes).
_READ_CODES = [
    (re.compile(r"empty (file|input)"), "E101"),
    (re.compile(r"binary data|PDF|image|not text, HTML|WARC in|JSONL in"), "E102"),
    (re.compile(r"over the .* limit|byte limit"), "E103"),
    (re.compile(r"invalid \S+ at byte|not UTF-8"), "E104"),
    (re.compile(r"corrupt gzip|corrupt or truncated data"), "E105"),
    (re.compile(r" line \d+: "), "E106"),
    (re.compile(r"HTML|no article text"), "E107"),
    (re.compile(r"WARC"), "E108"),
    (re.compile(r"no such file|permission denied|is a directory|not a directory"), "E109"),
    (re.compile(r"no text"), "E110"),
]


def read_code(message: str) -> str:
    for pattern, code in _READ_CODES:
        if pattern.search(message):
            return code
    return "E100"


def error(source: Source, message: str, code: str | None = None) -> ErrorRecord:
    return ErrorRecord(source=source, error=message, code=code or read_code(message))
