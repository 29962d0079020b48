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

from newsgraph.errors import removal_code
from newsgraph.article import Removed
from newsgraph.clean.boilerplate import dedupe_key, furniture, is_date, is_prose, is_title, menu_runs, words
from newsgraph.clean.byline import (
    dateline_prefix, is_person_name, is_place, name_case, parse_byline, publisher_in, trailing_agency,
)
from newsgraph.clean.dates import date_in_line, parse_date_line
from newsgraph.clean.language import detect_language, foreign_line, script
from newsgraph.clean.title import strip_site_name

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
    # The publication date the furniture states (ISO date) and where: "date line",
    # "dateline" or "byline" (clean/dates.py); None when it states none.
    published: str | None = None
    published_source: str | None = None


NEAR = 3  # lines next to the body where a bare name is a byline and a bare place a dateline

# Invisible characters scraped pages carry; ZWJ/ZWNJ stay (they spell Persian and emoji).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")  # Unicode \s: tabs, no-break and other wide spaces


def normalize_lines(text: str) -> list[str]:
    """Lines of `text` (any newline convention), whitespace-normalised; blank lines are ''."""
    return [_SPACES.sub(" ", line.translate(_INVISIBLE)).strip() for line in text.splitlines()]


class _Lines:
    """The article's lines and the reasons found so far for dropping some of them."""

    def __init__(self, text: str):
        self.lines = normalize_lines(text)
        self.reasons: dict[int, str] = {}

    def kept(self, indices=None) -> list[int]:
        """Non-blank lines not dropped yet, of `indices` (default: all), in order."""
        indices = range(len(self.lines)) if indices is None else indices
        return [i for i in indices if self.lines[i] and i not in self.reasons]


def clean_text(text: str, *, title: str | None = None) -> Cleaned:
    """Split a plain-text article into body, furniture (with reasons) and metadata.

    `title`: the headline when the input already gave it (HTML metadata, JSONL); then
    only a line repeating it is removed as the title, so a subheading stays in the body.
    """
    doc = _Lines(text)
    lines, reasons = doc.lines, doc.reasons
    for i, line in enumerate(lines):
        if line and (reason := furniture(line)):
            reasons[i] = reason

    prose = [i for i in doc.kept() if is_prose(lines[i])]
    # Without a prose line there is no telling furniture from body: all of it is body.
    first, last = (prose[0], prose[-1]) if prose else (-1, len(lines))
    _drop_duplicates(doc, first, last)
    lead = [i for i in doc.kept() if i < first]
    trail = [i for i in doc.kept() if i > last]

    cleaned = Cleaned(body="")
    menus = _edge_metadata(doc, lead, trail, cleaned)
    opening = prose[0] if prose else next(iter(doc.kept()), None)
    if opening is not None:
        place, agency_name = dateline_prefix(lines[opening])
        cleaned.dateline = cleaned.dateline or place
        cleaned.publisher = cleaned.publisher or agency_name
    for i in prose[:2]:
        cleaned.publisher = cleaned.publisher or publisher_in(lines[i])
    for i in menus:
        reasons.setdefault(i, "navigation")

    remaining = doc.kept()
    sample = "\n".join(lines[i] for i in (doc.kept(prose) or remaining))
    cleaned.language = detect_language(sample)
    body_script = script(sample)
    # Only outside the body: inside it a foreign line is more often a quotation in
    # its original language (a poem, a tweet) than page furniture.
    for i in remaining:
        if (i < first or i > last) and (lang := foreign_line(lines[i], cleaned.language, body_script, edge=True)):
            reasons[i] = f"other language ({lang})"

    head = doc.kept(lead)
    if prose and head:
        line = lines[head[0]]
        if cleaned.dateline is None and words(line) <= 3 and is_place(line):  # "Berlin" above the body
            cleaned.dateline, reasons[head[0]] = line, "dateline"
        elif title is not None:
            if " ".join(line.split()).casefold() == " ".join(title.split()).casefold():
                cleaned.title, reasons[head[0]] = line, "title"
        elif is_title(line):
            cleaned.title, reasons[head[0]] = line, "title"
    if prose and cleaned.title is None and title is None and not head and len(prose) >= 3:
        # No line above the body: a headline long enough to read as prose (15+ words, or
        # ending in a quotation mark) opened it. A first line shaped like a title, above
        # at least two prose lines, is the headline.
        line = lines[prose[0]]
        if _headline_shaped(line) and not any(reasons.get(i) for i in (prose[0],)):
            cleaned.title, reasons[prose[0]] = line, "title"
    cleaned.title = strip_site_name(cleaned.title, cleaned.publisher)

    cleaned.body = _join(lines, doc.kept())
    cleaned.published, cleaned.published_source = _published(doc, opening)
    cleaned.removed = [Removed(lines[i], reasons[i], removal_code(reasons[i])) for i in sorted(reasons)]
    return cleaned


def _headline_shaped(line: str) -> bool:
    """A title that is_prose took for a sentence: no sentence-final stop, capitalised, at most 25 words."""
    return is_title(line) and not re.search(r"[.!?…]$", line)


def _drop_duplicates(doc: _Lines, first: int, last: int) -> None:
    """A repeated line is furniture when it repeats its neighbour (a caption scraped
    twice) or sits outside the body [first, last]; inside the body it may be a refrain
    or a repeated interview question, so it stays."""
    seen: set[str] = set()
    previous = None
    for i, line in enumerate(doc.lines):
        if not line:
            continue
        key = dedupe_key(line)
        if key is not None and key in seen and (key == previous or i < first or i > last):
            doc.reasons[i] = "duplicate line"
        if key is not None:
            seen.add(key)
        previous = key


def _edge_metadata(doc: _Lines, lead: list[int], trail: list[int], cleaned: Cleaned) -> set[int]:
    """Bylines, dates, datelines and sign-offs around the body, into `cleaned`; returns the menus' lines."""
    lines, reasons = doc.lines, doc.reasons

    def add_names(names: list[str]) -> None:
        cleaned.byline.extend(n for n in names if n not in cleaned.byline)

    for i in lead + trail:
        if parsed := parse_byline(lines[i]):
            add_names(parsed[0])
            cleaned.publisher = cleaned.publisher or parsed[1]
            reasons[i] = "byline"

    # Bare names and places on their own lines: right after the body, or between the
    # headline and the body, and never inside a menu (whose items look like names too).
    # A date line still splits menus here: menu items around a date are a headline and a byline.
    menus = menu_runs([(i, lines[i]) for i in doc.kept(lead)]) | menu_runs([(i, lines[i]) for i in doc.kept(trail)])
    for i in doc.kept(lead) + doc.kept(trail):
        if is_date(lines[i]):  # the publication date: metadata, not body
            reasons[i] = "date"
    for i in doc.kept(trail)[:NEAR] + doc.kept(lead)[1:][-NEAR:]:
        line = lines[i]
        if i in menus:
            continue
        if cleaned.dateline is None and words(line) <= 5 and is_place(line):
            cleaned.dateline, reasons[i] = line, "dateline"
        elif is_person_name(line):
            add_names([name_case(line)])
            reasons[i] = "byline"
        elif (sign_off := trailing_agency(line)) is not None:
            cleaned.publisher = cleaned.publisher or sign_off
            reasons[i] = "publisher"
    return menus


def _published(doc: _Lines, opening: int | None) -> tuple[str | None, str | None]:
    """The publication date stated by a removed date line (above the body first), the
    opening dateline ("NEW YORK, Jan. 5, 2024 -") or a byline, with which of them it was."""
    lines, reasons = doc.lines, doc.reasons
    removed = sorted(reasons)
    for i in removed:
        if reasons[i] == "date" and (iso := parse_date_line(lines[i])):
            return iso, "date line"
    if opening is not None and dateline_prefix(lines[opening]) != (None, None):
        head = re.split(r"\s[-–—]{1,2}\s", lines[opening], maxsplit=1)[0]
        if iso := date_in_line(head):
            return iso, "dateline"
    for i in removed:
        if reasons[i] == "byline" and (iso := date_in_line(lines[i])):
            return iso, "byline"
    # no prose line, so nothing was removed: a text that opens with a date still states it
    first = next(iter(doc.kept()), None)
    if first is not None and is_date(lines[first]) and (iso := parse_date_line(lines[first])):
        return iso, "date line"
    return None, None


def _join(lines: list[str], keep: list[int]) -> str:
    """Kept lines in order; a blank line between two of them wherever the input had one."""
    parts: list[str] = []
    for n, i in enumerate(keep):
        if n:
            prev = keep[n - 1]
            parts.append("\n\n" if any(not lines[j] for j in range(prev + 1, i)) else "\n")
        parts.append(lines[i])
    return "".join(parts)
