"""Coded errors and warnings, in the spirit of spaCy's errors module.

Every failure newsgraph reports has a code, so drops can be counted by code across a
run (`newsgraph ingest` and the eval summaries do): error records, ingest error rows
and raised errors carry it in a `code` field; warnings and log lines start with it in
brackets ("[W301] ..."). The message itself stays one line that names the input and
says what would be valid. docs/errors.md lists every code; a test fails when a code
is used but not listed here.

    E1xx / W1xx  reading inputs           E4xx  store
    R2xx         cleaning (removed lines)  E5xx  web
    E3xx / W3xx  extraction
"""

from __future__ import annotations

import re

__all__ = ["CODES", "NewsgraphError", "ExtractorError", "coded", "code_of", "REMOVAL_CODES"]

CODES: dict[str, str] = {
    # reading
    "E100": "an input could not be read (generic)",
    "E101": "empty input",
    "E102": "binary data, a PDF or an image: not text, HTML, WARC or JSONL",
    "E103": "over the size limit for one article (NEWSGRAPH_MAX_BYTES)",
    "E104": "not decodable in its declared or detected encoding",
    "E105": "corrupt compressed data",
    "E106": "a JSONL line that is not a usable JSON object",
    "E107": "HTML with no article text, or not parseable",
    "E108": "a WARC archive truncated or corrupt at a byte offset",
    "E109": "a file or directory that does not exist or cannot be opened",
    "E110": "no text left to analyse",
    "W101": "encoding guessed, not declared",
    "W102": "a metadata value ignored (e.g. published is not a date)",
    "W103": "records skipped inside an archive (not HTML responses)",
    "W104": "encoding declared (byte-order mark, HTTP or meta charset), not UTF-8",
    "W105": "NUL characters removed from the text",
    # cleaning: removal reasons
    "R201": "photo caption", "R202": "duplicate line", "R203": "social prompt",
    "R204": "navigation", "R205": "other language", "R206": "title", "R207": "byline",
    "R208": "dateline", "R209": "date", "R210": "publisher",
    "R299": "other boilerplate",
    "W201": "no article text left after cleaning",
    "W202": "body not in a language the extractors support: extractors not run",
    # extraction
    "E300": "an extractor failed (generic)",
    "E301": "an extractor option's value is not valid",
    "E302": "an extractor name is not valid",
    "E303": "no extractor of that name",
    "E304": "extractors cannot be ordered (a missing need or a cycle)",
    "E305": "the analysis of an article failed",
    "W301": "an extractor plug-in could not be loaded",
    "W302": "an extractor raised on this article; its facts are missing, the others are kept",
    "W303": "an extractor was skipped because an extractor it needs failed",
    # store
    "E400": "a database problem (generic)",
    "E401": "a store URL that is not valid",
    "E402": "a database written by a newer newsgraph",
    "E403": "a database that does not exist",
    # web
    "E500": "a web request refused (generic)",
}

# Cleaning's reasons (Removed.reason) -> their codes.
REMOVAL_CODES = {v: k for k, v in CODES.items() if k.startswith("R")}

_CODE = re.compile(r"^\[([EWR]\d{3})\] ")


class NewsgraphError(Exception):
    """The base of newsgraph's errors: a one-line message and a code from CODES."""

    code = "E000"

    def __init__(self, message: str, code: str | None = None):
        m = _CODE.match(message)
        if m:  # a message made with coded(): the code moves to .code
            message, code = message[m.end():], code or m.group(1)
        super().__init__(message)
        if code:
            self.code = code


class ExtractorError(NewsgraphError):
    code = "E300"


def coded(code: str, message: str) -> str:
    """'[W302] message': how warnings and log lines carry their code."""
    if code not in CODES:
        raise KeyError(f"undocumented code {code}")
    return f"[{code}] {message}"


def code_of(message: str) -> str | None:
    m = _CODE.match(message or "")
    return m.group(1) if m else None


def removal_code(reason: str) -> str:
    """'other language (fr)' -> R205; an unknown reason -> R299."""
    return REMOVAL_CODES.get(reason.split(" (")[0], "R299")
