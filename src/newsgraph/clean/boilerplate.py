"""Line rules: which lines of a scraped article are page furniture, and why.

Every rule looks at one whole line and is anchored at its start (or end): a body
sentence that merely mentions a newsletter or a photo is never touched. Long lines
are never furniture (`MAX_WORDS`), except copyright notices and photo captions that
carry their marker. Removing a real body line is worse than keeping a footer.
"""

from __future__ import annotations

import re

from newsgraph.data.lexicon import table

MAX_WORDS = table("en", "boilerplate")["max_words"]  # prompts, menus and credits are short; longer lines are left to the body

_I = re.IGNORECASE

def _rule(reason: str, max_words: int, *, start: list[str] = (), anywhere: list[str] = (), end: list[str] = ()):
    """One reason's patterns, grouped by anchoring so each is tried where it can match:
    `start` alternatives only at the line's start (one regex match, not a scan), `end`
    ones only in its last TAIL characters, `anywhere` ones (kept few) over the line."""
    return (reason, max_words,
            re.compile("(?:" + "|".join(start) + ")", _I) if start else None,
            re.compile("|".join(anywhere), _I) if anywhere else None,
            re.compile("|".join(end)) if end else None)


TAIL = 120

# The rules are data (data/en/boilerplate.json), read once: each reason's patterns.
_RULES = [_rule(r["reason"], r["max_words"], start=r["start"], anywhere=r["anywhere"], end=r["end"])
          for r in table("en", "boilerplate")["rules"]]

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$|[\"”»」』]$")
_PROSE_MIN_WORDS = 6
_PROSE_ANY_WORDS = 15


# Scripts written without spaces between words: about two characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]")


def words(line: str) -> int:
    """Whitespace-separated words; Chinese, Japanese, Thai, Lao, Burmese, Khmer by characters."""
    n = len(line.split())
    return n if line.isascii() else n + len(_UNSPACED.findall(line)) // 2


def furniture(line: str) -> str | None:
    """The reason `line` is page furniture (photo caption, social prompt, ...) or None."""
    n = words(line)
    for reason, max_words, start, anywhere, end in _RULES:
        if n > max_words:
            continue
        if ((start and start.match(line)) or (anywhere and anywhere.search(line))
                or (end and end.search(line, max(0, len(line) - TAIL)))):
            return reason
    return None


def dedupe_key(line: str) -> str | None:
    """Lines repeated with the same key are duplicates; lines without letters or digits never are."""
    key = " ".join(line.casefold().split())
    return key if any(ch.isalnum() for ch in key) else None


def is_prose(line: str) -> bool:
    """A sentence-like line: enough words and sentence-final punctuation, or simply long.

    The first and last prose lines bound the body; lines outside them are judged by
    the stricter edge rules (title, byline, dateline, menus).
    """
    n = words(line)
    return n >= _PROSE_ANY_WORDS or (n >= _PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def is_menu_item(line: str) -> bool:
    """Short, unpunctuated, no digits: what menus, tag lists and section links are made of.

    Digits are excluded so a date line ("November 20, 2019") breaks a run of menu items
    rather than joining one with the headline above it.
    """
    return (words(line) <= 4 and len(line) <= 40 and not _SENTENCE_END.search(line)
            and not any(ch.isdigit() for ch in line))


MENU_RUN = 3  # this many menu items in a row outside the body is a menu


def menu_runs(items: list[tuple[int, str]]) -> set[int]:
    """Indices of lines in runs of >= MENU_RUN consecutive menu items (blank lines do not break a run)."""
    found: set[int] = set()
    run: list[int] = []
    for i, line in items + [(-1, "")]:
        if i >= 0 and is_menu_item(line):
            run.append(i)
            continue
        if len(run) >= MENU_RUN:
            found.update(run)
        run = []
    return found


_TITLE_END = re.compile(r"[.,;:]$")


def is_title(line: str) -> bool:
    """A headline: one short line, capitalised, without closing punctuation, not a date."""
    n = words(line)
    return (1 <= n <= 25 and len(line) <= 200 and not _TITLE_END.search(line) and not is_date(line)
            and (line[0].isupper() or line[0].isdigit() or (line[0].isalpha() and not line[0].islower()) or line[0] in "\"'“‘«"))


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last updated|date)\s*:?\s*)?"
    rf"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
    rf"(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?\s*$", re.IGNORECASE)


def is_date(line: str) -> bool:
    """A line that is only a date (and time): "Tuesday, September 24, 2019", "Updated: 8 Nov 2023 14:05"."""
    return bool(_DATE_LINE.match(line))
