"""Cleaning: raw article text -> analysed body + removed lines (each with a reason) + byline/dateline/publisher.

clean_text works on lines. Whitespace is normalised (CRLF, tabs, no-break and
zero-width characters), then every kept line goes into the body unchanged, with a
blank line wherever the input had one between them: extractors' offsets index the body.

The first and last prose lines (sentences) bound the body. Rules anchored on a
line's shape (captions, prompts, ads, copyright, duplicates) apply everywhere;
rules that need context (title, bylines as bare names, standalone datelines, menus)
apply only outside those bounds, where the page's furniture lives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.article import Removed
from newsgraph.clean.boilerplate import dedupe_key, furniture, is_date, is_prose, is_title, menu_runs, words
from newsgraph.clean.byline import (
    dateline_prefix, is_person_name, is_place, parse_byline, publisher_in, trailing_agency,
)
from newsgraph.clean.byline import _name_case as name_case
from newsgraph.clean.language import detect_language, foreign_line, script

__all__ = ["Cleaned", "clean_text", "normalize_lines"]


@dataclass
class Cleaned:
    body: str
    removed: list[Removed] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    dateline: str | None = None
    publisher: str | None = None
    language: str | None = None  # ISO 639-1 of the body, None when undetermined
    title: str | None = None  # the headline line found above the body (removed from it)


# Invisible characters scraped pages carry; ZWJ/ZWNJ stay (they spell Persian and emoji).
NEAR = 3  # lines next to the body where a bare name is a byline and a bare place a dateline

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")  # Unicode \s: tabs, no-break and other wide spaces


def normalize_lines(text: str) -> list[str]:
    """Lines of `text` (any newline convention), whitespace-normalised; blank lines are ''."""
    return [_SPACES.sub(" ", line.translate(_INVISIBLE)).strip() for line in text.splitlines()]


def clean_text(text: str) -> Cleaned:
    """Split a plain-text article into body, furniture (with reasons) and metadata."""
    lines = normalize_lines(text)
    reasons: dict[int, str] = {}

    for i, line in enumerate(lines):
        if line and (reason := furniture(line)):
            reasons[i] = reason

    def kept(indices=None) -> list[int]:
        return [i for i in (range(len(lines)) if indices is None else indices) if lines[i] and i not in reasons]

    prose = [i for i in kept() if is_prose(lines[i])]
    # Without a prose line there is no telling furniture from body: all of it is body.
    first, last = (prose[0], prose[-1]) if prose else (-1, len(lines))

    # A repeated line is furniture when it repeats its neighbour (a caption scraped
    # twice) or sits outside the body; inside the body it may be a refrain or a
    # repeated interview question, so it stays.
    seen: set[str] = set()
    previous = None
    for i, line in enumerate(lines):
        if not line:
            continue
        key = dedupe_key(line)
        if key is not None and key in seen and (key == previous or i < first or i > last):
            reasons[i] = "duplicate line"
        if key is not None:
            seen.add(key)
        previous = key

    lead = [i for i in kept() if i < first]
    trail = [i for i in kept() if i > last]

    byline: list[str] = []
    dateline = publisher = None

    def add_names(names: list[str]) -> None:
        byline.extend(n for n in names if n not in byline)

    for i in lead + trail:
        parsed = parse_byline(lines[i])
        if parsed:
            add_names(parsed[0])
            publisher = publisher or parsed[1]
            reasons[i] = "byline"

    # Bare names and places on their own lines: right after the body, or between the
    # headline and the body, and never inside a menu (whose items look like names too).
    menus = menu_runs([(i, lines[i]) for i in kept(lead)]) | menu_runs([(i, lines[i]) for i in kept(trail)])
    nearby = [i for i in kept(trail)[:NEAR] + kept(lead)[1:][-NEAR:] if i not in menus]
    for i in kept(lead) + kept(trail):
        if is_date(lines[i]):  # the publication date: metadata, not body
            reasons[i] = "date"
    for i in nearby:
        line = lines[i]
        if i in reasons:
            continue
        if dateline is None and words(line) <= 5 and is_place(line):
            dateline, reasons[i] = line, "dateline"
        elif is_person_name(line):
            add_names([name_case(line)])
            reasons[i] = "byline"
        elif (sign_off := trailing_agency(line)) is not None:
            publisher = publisher or sign_off
            reasons[i] = "publisher"

    if prose:
        place, agency_name = dateline_prefix(lines[first])
        dateline = dateline or place
        publisher = publisher or agency_name
        if publisher is None:
            for i in prose[:2]:
                publisher = publisher_in(lines[i])
                if publisher:
                    break

    for i in menus:
        reasons.setdefault(i, "navigation")

    remaining = kept()
    sample = "\n".join(lines[i] for i in (kept(prose) or remaining))
    language = detect_language(sample)
    body_script = script(sample)
    # Only outside the body: inside it a foreign line is more often a quotation in
    # its original language (a poem, a tweet) than page furniture.
    for i in remaining:
        if (i < first or i > last) and (lang := foreign_line(lines[i], language, body_script, edge=True)):
            reasons[i] = f"other language ({lang})"

    title = None
    head = kept(lead)
    if prose and head:
        line = lines[head[0]]
        if dateline is None and words(line) <= 3 and is_place(line):  # "Berlin" above the body is no headline
            dateline, reasons[head[0]] = line, "dateline"
        elif is_title(line):
            title, reasons[head[0]] = line, "title"

    return Cleaned(
        body=_join(lines, kept()),
        removed=[Removed(lines[i], reasons[i]) for i in sorted(reasons)],
        byline=byline,
        dateline=dateline,
        publisher=publisher,
        language=language,
        title=title,
    )


def _join(lines: list[str], keep: list[int]) -> str:
    """Kept lines in order; a blank line between two of them wherever the input had one."""
    parts: list[str] = []
    for n, i in enumerate(keep):
        if n:
            prev = keep[n - 1]
            parts.append("\n\n" if any(not lines[j] for j in range(prev + 1, i)) else "\n")
        parts.append(lines[i])
    return "".join(parts)
