"""The publication date a plain-text article states in its furniture.

Cleaning removes a date line ("Friday, January 4, 2019"), a byline's date ("By Jane
Doe, January 4, 2019") and records a dateline ("NEW YORK, Jan. 5, 2024 /PRNewswire/ --");
the date they carry is the article's publication date when the input gave none.
Only a date with day, month and year is taken: a dateline's "Jan. 4" has no year, and
guessing one would date a January story in the wrong year as readily as the right one.

Parsing is dateparser's (month names, day-first and month-first orders, "Updated:"
prefixes); the lines given here are already known to be dates or bylines.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["parse_date_line", "date_in_line", "SOURCES"]

# Where a publication date came from (Article.published_source).
SOURCES = ("input", "date line", "dateline", "byline")

_PREFIX = re.compile(r"^\s*(?:published|updated|posted|last updated|date|first published)\s*(?:on)?\s*:?\s*", re.I)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# A full date inside a longer line (a byline, a dateline): month-first, day-first, ISO, numeric.
_DATE_IN = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})\b", re.I)


@lru_cache(maxsize=1)
def _parser():
    import dateparser  # imported on first use: most articles carry no date line

    return dateparser


def parse_date_line(line: str) -> str | None:
    """ISO date (YYYY-MM-DD) of a line that is a date, or None when it has no full date."""
    text = _PREFIX.sub("", line).strip()
    if not re.search(r"\d{4}", text):
        return None
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "MDY",
                "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        found = _parser().parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on a few odd inputs (overflowing numbers)
        return None
    return found.date().isoformat() if found is not None else None


def date_in_line(line: str) -> str | None:
    """ISO date of the first full date inside a longer line (a byline, a dateline)."""
    m = _DATE_IN.search(line)
    return parse_date_line(m.group(0)) if m else None
