"""The grammar of English temporal expressions and their TIMEX3 values, without spaCy.

    find(text) -> list[Candidate]              every match, leftmost-longest, not overlapping
    resolve(c, ref, tense=..., previous=...)   -> Resolved (value, type, granularity, relative)

Patterns are regular expressions built from the vocabulary in data/en/temporal.json
(months, weekdays, units, number words, seasons, parts of day, reference words). Values
follow TIMEX3: 2019-01-04, 2019-01, 2019-W01, 2019-Q1, 2019-SU, 2019, 201 (a decade), 20
(a century), 2019-01-04TMO, 2019-01-04T15:30, PRESENT_REF/PAST_REF/FUTURE_REF, and for
durations and sets P2W, PT3H, P1Y, PXY ("several years"). `ref` is the publication date;
without it a relative expression gets None (or an X-form such as XXXX-01-04).

News conventions that a general parser lacks (docs/dates.md):
- a bare weekday means the most recent one (the publication day included) in a past-tense
  or tenseless sentence, the next one in a future sentence ("will meet on Tuesday");
- a month and day without a year is the date of that month and day nearest to `ref`;
- a bare month is in the past year in past tense, the coming year in future tense;
- "the third quarter" is the latest such quarter that has begun; "the quarter" is the one
  last mentioned, else the last completed; "a year earlier/ago" after a quarter is that
  quarter a year before (financial reporting's usage, as TimeML annotates it);
- holidays (temporal.json `holidays`: fixed days, Nth weekdays, Easter-relative) are
  resolved like a bare month; "the latest period"/"the 1988 period" are the quarter
  last mentioned; seasons follow the publication date and the tense.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

__all__ = ["Candidate", "Resolved", "find", "resolve", "vocabulary"]


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return json.loads(resources.files("newsgraph.data").joinpath("en/temporal.json").read_text(encoding="utf-8"))


def _alt(words, *, title: bool = False) -> str:
    """An alternation of `words`, longest first; `title`: Title and UPPER case only."""
    forms = set()
    for w in words:
        if title:
            forms |= {w[:1].upper() + w[1:], w.upper()}
        else:
            forms.add(w)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))


def _holiday_alt(names) -> str:
    """Holiday names as written: each word capitalised but "of"/"the" ("the Fourth of July", "The ..."),
    a straight or curly apostrophe."""
    forms = set()
    for n in names:
        words = n.split()
        t = " ".join(w if w in ("of", "the") else w[:1].upper() + w[1:] for w in words)
        forms |= {t, t[:1].upper() + t[1:]}
    return "|".join(re.escape(f).replace(r"\ ", r"\s+").replace("'", "['’]")
                    for f in sorted(forms, key=len, reverse=True))


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None] = field(default_factory=dict)


@dataclass
class Resolved:
    value: str | None
    type: str  # DATE | TIME | DURATION | SET
    granularity: str  # time | day | week | weekend | month | quarter | half | season | year | decade | century | ref | duration | set
    relative: bool
    anchor: str | None = None  # the point a resolved DATE stands for, for later "a year earlier"
    anaphoric: bool = False  # resolved against an earlier mention: not itself an anchor (no chains)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    v = vocabulary()
    full = [m for m in v["months"] if len(m) > 4 or m in ("may", "june", "july")]
    abbr = [m for m in v["months"] if m not in full]
    mon_forms = []
    for m in full:
        mon_forms += [m.capitalize(), m.upper()]
    for m in abbr:
        for f in (m.capitalize(), m.upper()):
            mon_forms.append(re.escape(f) + (r"\." if m in ("mar", "jun", "jul", "sep") else r"\.?"))
    mon = "(?:" + "|".join(sorted(mon_forms, key=len, reverse=True)) + r")(?![a-z])"
    wd = "(?:" + _alt(v["weekdays"], title=True) + r")(?![a-z])"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    year = r"(?:1[5-9]\d\d|20\d\d)(?![\d,]\d|\.\d)"  # not "closed at 2082.1"
    num = r"(?:" + _alt(v["numbers"]) + r"|\d+(?:\.\d+)?)"
    unit = r"(?:" + _alt(v["units"]) + r")"
    season = r"(?:" + _alt(v["seasons"]) + r")"
    part = r"(?:morning|afternoon|evening|night)"
    mod = r"(?:(?P<mod>early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)[\s-]+)?"
    wdp = rf"(?:(?P<wd>{wd}),?\s+)?"
    tens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    # "nineteen ninety-six", "two thousand and one" (broadcast transcripts write years out)
    syear = rf"(?:[Nn]ineteen[\s-]+(?:{tens})(?:-(?:{ones}))?|[Tt]wo\s+thousand(?:\s+(?:and\s+)?(?:{ones}|{tens}))?)(?![\w-])"
    P = lambda s: re.compile(s.replace("@MON@", f"(?P<mon>{mon})").replace("@DAY@", f"(?P<day>{day})"))  # noqa: E731
    pats = [
        ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?\b")),
        ("numeric", re.compile(r"\b(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>\d{4}|\d{2})\b")),
        ("mdy", P(rf"\b{mod}{wdp}@MON@\s+@DAY@(?:,\s*|\s+)(?P<year>{year})")),
        ("dmy", P(rf"\b{wdp}(?:the\s+)?@DAY@\s+(?:of\s+)?@MON@,?\s+(?P<year>{year})")),
        ("md", P(rf"\b{mod}{wdp}@MON@\s+@DAY@\b")),
        ("dm", P(rf"\b{wdp}(?:the\s+)?@DAY@\s+(?:of\s+)?@MON@")),
        ("my", P(rf"\b{mod}@MON@,?\s+(?:of\s+)?(?:(?P<year>{year})|(?P<syear>{syear}))")),
        ("mon", P(rf"\b{mod}(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?@MON@")),
        ("season", re.compile(rf"\b{mod}(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the)\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<season>{season})"
                              rf"(?:\s+(?:of\s+)?(?:(?P<year>{year})|(?P<syear>{syear})))?\b", re.I)),
        ("quarter", re.compile(rf"\b(?:the\s+)?(?:(?P<y1>{year})(?:'s)?\s+|(?P<rel>this|last|next)\s+year's\s+)?(?:fiscal\s+)?"
                               rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter\b"
                               rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y2>{year})|(?P<rel2>this|last|next)\s+year))?", re.I)),
        ("quarter_rel", re.compile(r"\b(?:the|this|last|next)\s+(?:(?P<rel>latest|current|previous|same|year-earlier|year-ago|most\s+recent|fiscal|recent)\s+)?quarter\b(?!s|-)", re.I)),
        # financial reporting: "the 1988 quarter", "the 1989 period", "the latest period" name the
        # quarter last mentioned (in that year)
        ("period", re.compile(rf"\bthe\s+(?:(?P<year>{year})\s+|(?P<rel>latest|most\s+recent|current|same)\s+)(?:fiscal\s+)?(?P<what>quarter|period)\b(?!s|-)", re.I)),
        ("half", re.compile(rf"\b(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+(?:(?P<rel>this|last|next)\s+year|(?P<year>{year}))", re.I)),
        ("fiscal", re.compile(rf"\bfiscal\s+(?:year\s+)?(?P<year>{year})\b", re.I)),
        ("decade", re.compile(rf"\b{mod}(?:the\s+)?(?:(?P<cd>1[5-9]\d|20\d)0|'(?P<d2>\d)0)'?s\b", re.I)),
        ("century", re.compile(r"\b(?:the\s+)?(?P<n>1\d|2[01]|[1-9])(?:st|nd|rd|th)\s+century\b", re.I)),
        ("year", re.compile(rf"(?<![\$£€#\d.,])\b{mod}(?:(?:the\s+)?year\s+)?(?P<year>{year})\b(?!\s*%|-\d|\s*percent|\s*(?:UTC|GMT|hours|hrs|local\s+time)\b)", re.I)),
        ("ago", re.compile(rf"\b(?P<num>{num})[\s-]+(?P<unit>{unit})s?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b", re.I)),
        ("year_the", re.compile(rf"\b{mod}(?:in\s+)?(?P<det>the|that)\s+(?:(?:full|current|fiscal|latest|same)\s+){{0,2}}year\b(?![\s-]*(?:earlier|ago|before|after|-|'s|or\b))(?!\s+(?:that\s+)?(?:ended|ending|ends|to\s+date)\b)", re.I)),
        ("month_the", re.compile(rf"\b{mod}(?P<det>the|that)\s+(?:current\s+|same\s+)?month\b(?![\s-]*(?:earlier|ago|before|after|-|'s))", re.I)),
        ("spoken_year", re.compile(r"\b(?:(?P<the>the\s+year)\s+)?(?P<w>nineteen|two\s+thousand)(?:[\s-]+(?P<t>(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine)))?\b", re.I)),
        ("decade_word", re.compile(rf"\b{mod}the\s+(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", re.I)),
        ("weekend", re.compile(r"\b(?:the|over\s+the)\s+weekend\b", re.I)),
        ("rel", re.compile(rf"\b{mod}(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+same)\s+"
                           rf"(?P<unit>week|weekend|month|year|decade|century)\b(?![s-])", re.I)),
        ("dur_past", re.compile(rf"\b(?:the\s+)(?P<rel>past|last|next|coming|previous|first|following)\s+(?:(?P<num>{num})\s+)?(?P<unit>{unit})s?\b(?!-)", re.I)),
        ("duration", re.compile(rf"\b(?P<num>{num})[\s-]+(?P<unit>{unit})s?\b(?:[\s-]+(?:long|old))?", re.I)),
        ("set", re.compile(rf"\b(?:(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?P<unit>{unit}|{wd})|(?P<adv>" + _alt(v["sets"]) + rf")"
                           rf"|(?P<times>once|twice|\w+\s+times)\s+(?:a|an|per)\s+(?P<unit2>{unit}))\b", re.I)),
        ("holiday", re.compile(rf"\b(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<h>{_holiday_alt(v['holidays'])})"
                               rf"(?:,?\s+(?:of\s+)?(?P<year>{year}))?(?![\w'’])")),
        ("weekdays", re.compile(rf"\b(?:on\s+)?(?P<wd>{wd})s\b")),
        ("weekday", re.compile(rf"\b(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+previous|the\s+following|early|late)\s+)?"
                               rf"(?P<wd>{wd})(?:\s+(?P<part>{part}))?\b")),
        ("day", re.compile(rf"\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow)"
                           rf"(?:\s+(?P<part>{part}))?\b", re.I)),
        ("partday", re.compile(rf"\b(?:(?:(?P<rel>this|last|early\s+this|late\s+last|late\s+this|early|late|mid)[\s-]+)(?P<part>{part})|(?P<w>tonight))\b", re.I)),
        ("ref", re.compile(r"\b(?P<w>" + _alt(v["refs"]) + r")\b", re.I)),
        ("clock", re.compile(r"\b(?:(?P<hh>[01]?\d|2[0-3])[:.](?P<mm>[0-5]\d)|(?P<h>1[0-2]|0?[1-9]))\s*(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b)"
                             r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|BST|CET|local\s+time))?|\b(?P<w>noon|midnight)\b"
                             # 24-hour clocks need a zone to be told from scores and ratios: "19:00 local time", "1430 UTC"
                             r"|\b(?P<hh24>[01]?\d|2[0-3]):?(?P<mm24>[0-5]\d)\s+(?P<tz24>[ECMP][SD]T|GMT|UTC|BST|CET|local\s+time)\b", re.I)),
        ("year_adj", re.compile(r"\b(?:the\s+)?(?P<w>year-earlier|year-ago|year-end|year's\s+end)(?:\s+(?P<what>quarter|period|third\s+quarter|second\s+quarter|first\s+quarter|fourth\s+quarter))?\b", re.I)),
    ]
    return pats


# Substrings (lower case) one of which a match of each pattern must contain; "#": a digit.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNITS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "centur", "fortnight")
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("#",), "numeric": ("#",), "mdy": ("#",), "dmy": ("#",), "md": ("#",), "dm": ("#",), "my": ("#", "nineteen", "thousand"),
    "year": ("#",), "mon": _MONTHS, "season": ("spring", "summer", "fall", "autumn", "winter"),
    "quarter": ("quarter",), "quarter_rel": ("quarter",), "period": ("quarter", "period"), "half": ("half",), "fiscal": ("fiscal",),
    "decade": ("0s", "0's"), "century": ("century",), "ago": ("ago", "earlier", "later", "from now", "hence"),
    "year_the": ("year",), "month_the": ("month",), "spoken_year": ("nineteen", "thousand"),
    "decade_word": ("ties",), "weekend": ("weekend",), "rel": ("week", "month", "year", "decade", "century"),
    "dur_past": _UNITS, "duration": _UNITS,
    "set": ("every", "each", "per", "daily", "weekly", "monthly", "annual", "yearly", "hourly", "quarterly",
            "nightly", "once", "twice", "times"),
    "weekdays": ("day",), "weekday": ("day",),
    "holiday": ("christmas", "thanksgiving", "halloween", "easter", "day", "new year", "fourth of july", "july fourth"), "day": ("today", "yesterday", "tomorrow"),
    "partday": ("morning", "afternoon", "evening", "night"),
    "ref": ("now", "current", "recent", "past", "present", "future", "days", "moment", "coming", "term"),
    "clock": ("#", "noon", "midnight"), "year_adj": ("year",),
}

_AMBIGUOUS_PREV = re.compile(r"(?:\b(?:in|since|until|till|by|of|from|through|before|after|during|to|between|and|early|late|mid|last|next|this|since|or)[\s-]+)$", re.I)


def find(text: str, windows: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Every candidate expression, the longest at each start, none overlapping.

    `windows`: (start, end) character ranges to search (around trigger words, see
    dates.trigger_windows); the patterns are run on those ranges only, which is most of
    the extractor's speed. None searches the whole text."""
    amb = set(vocabulary()["ambiguous_months"])
    found: list[tuple[int, int, int, Candidate]] = []
    for ws, we in windows if windows is not None else [(0, len(text))]:
        low = text[ws:we].lower()
        digit = any(ch.isdigit() for ch in low)
        for rank, (kind, pat) in enumerate(_patterns()):
            need = _NEEDS.get(kind)
            if need is not None and not (digit and "#" in need) and not any(w in low for w in need if w != "#"):
                continue  # the window lacks every word this pattern needs: skip the regex
            for m in pat.finditer(text, ws, we):
                if m.end() == m.start():
                    continue
                g = m.groupdict()
                if kind == "ref" and g["w"] == "Now" and text.startswith(",", m.end()):
                    continue  # "Now, he says, ...": a discourse marker opening a sentence
                if kind == "set" and g.get("adv") and g["adv"][:1].isupper() and re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]):
                    continue  # "Hurriyet Daily News", "The Weekly Standard": a name
                if kind == "mon" and not g.get("rel") and not g.get("mod"):
                    name = g["mon"].rstrip(".").casefold()
                    if name in amb and not _AMBIGUOUS_PREV.search(text[max(0, m.start() - 12):m.start()]):
                        continue
                found.append((m.start(), -(m.end() - m.start()), rank, Candidate(m.start(), m.end(), kind, g)))
    found.sort(key=lambda t: t[:3])
    out: list[Candidate] = []
    end = -1
    for start, _, _, c in found:
        if start >= end:
            out.append(c)
            end = c.end
    return out


# --- values ----------------------------------------------------------------------

_FINER = ["time", "day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century"]


def _fmt(gran: str, d: date) -> str:
    if gran == "day":
        return d.isoformat()
    if gran in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year}-H{1 if d.month <= 6 else 2}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    return date(y, m % 12 + 1, 1)


def _shift(d: date, unit: str, n: int) -> date:
    """`d` moved by n units (a period's first day for months and longer)."""
    try:
        if unit == "D":
            return d + timedelta(days=n)
        if unit in ("W", "WE"):
            return d + timedelta(weeks=n)
        if unit == "2W":
            return d + timedelta(weeks=2 * n)
        if unit == "M":
            return _add_months(d, n)
        if unit == "Q":
            return _add_months(date(d.year, (d.month - 1) // 3 * 3 + 1, 1), 3 * n)
        if unit == "Y":
            return date(d.year + n, d.month, min(d.day, 28) if d.month == 2 else d.day)
        if unit == "DE":
            return date(d.year + 10 * n, 1, 1)
        if unit == "CE":
            return date(d.year + 100 * n, 1, 1)
    except ValueError:
        pass
    return d


_GRAN_OF_UNIT = {"D": "day", "W": "week", "WE": "weekend", "2W": "week", "M": "month", "Q": "quarter",
                 "Y": "year", "DE": "decade", "CE": "century", "H": "time", "S": "time"}


def _number(word: str | None):
    if not word:
        return 1
    w = " ".join(word.casefold().split())
    nums = vocabulary()["numbers"]
    if w in nums:
        return nums[w]
    try:
        f = float(w)
        return int(f) if f == int(f) else f
    except ValueError:
        return "X"


def _unit(word: str) -> str:
    w = word.casefold()
    units = vocabulary()["units"]
    if w in units:
        return units[w]
    return units.get(w.rstrip("s"), "D")


def _month(name: str) -> int:
    return vocabulary()["months"][name.rstrip(".").casefold()]


def _year2(y: str) -> int:
    n = int(y.lstrip("'"))
    return n if n >= 100 else (1900 + n if n >= 30 else 2000 + n)


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def _spoken_year(words: str) -> int:
    """"nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    w = " ".join(words.casefold().replace(" and ", " ").split())
    if w.startswith("nineteen"):
        rest, base = w[len("nineteen"):].strip(" -"), 1900
    else:
        rest, base = w[len("two thousand"):].strip(), 2000
    head, _, tail = rest.partition("-")
    return base + _TENS.get(head, _ONES.get(head, 0)) + _ONES.get(tail, 0)


def _year_of(g: dict) -> int:
    return int(g["year"]) if g.get("year") else _spoken_year(g["syear"])


def _easter(y: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous algorithm (Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return date(y, month, (h + l_ - 7 * m + 114) % 31 + 1)


def _holiday(rule: str, y: int) -> date:
    """The day of a holiday rule (temporal.json `holidays`) in year `y`."""
    if rule.startswith("easter"):
        return _easter(y) + timedelta(days=int(rule[6:]))
    if rule[2:3] == "-":
        return date(y, int(rule[:2]), int(rule[3:]))
    spec, _, shift = rule.partition("+")
    month, wd, n = (int(x) for x in spec.split(":"))
    if n > 0:
        first = date(y, month, 1)
        d = first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    else:
        last = _add_months(date(y, month, 1), 1) - timedelta(days=1)
        d = last - timedelta(days=(last.isoweekday() - wd) % 7)
    return d + timedelta(days=int(shift or 0))


def _year_by_tense(ref: date, month: int, day: int, tense: str | None) -> int:
    """The year of a month and day: the nearest to `ref`, unless that is more than three months
    after it in past tense ("the year ended March 31" in November: the last March) or more than
    three months before it in future tense. (Nearer dates go by the nearest: a tagger's past tense on
    "payable Nov. 17" a fortnight ahead is too often wrong to move the date back a year.)"""
    y = _nearest_year(ref, month, day)
    try:
        gap = (date(y, month, day) - ref).days
    except ValueError:
        return y
    if tense == "past" and gap > 90:
        return y - 1
    if tense == "future" and gap < -90:
        return y + 1
    return y


def _nearest_year(ref: date, month: int, day: int) -> int:
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            dist = abs((date(y, month, day) - ref).days)
        except ValueError:
            continue
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else ref.year


def _weekday(ref: date, wd: int, rel: str | None, tense: str | None) -> date:
    rel = " ".join((rel or "").casefold().split())
    delta = (ref.isoweekday() - wd) % 7
    if rel in ("last", "this past", "the previous"):
        return ref - timedelta(days=delta or 7)
    if rel in ("next", "this coming", "the following"):
        return ref + timedelta(days=(wd - ref.isoweekday()) % 7 or 7)
    if rel == "this":
        return ref + timedelta(days=wd - ref.isoweekday())
    if tense == "future":
        return ref + timedelta(days=(wd - ref.isoweekday()) % 7 or 7)
    if tense == "present":  # "meet separately Monday": the coming one
        return ref + timedelta(days=(wd - ref.isoweekday()) % 7)
    return ref - timedelta(days=delta)


def _dur(num, unit: str) -> str:
    n = "X" if num == "X" else num
    if unit in ("H", "S") or (unit == "M" and False):
        return f"PT{n}{unit}"
    if unit == "2W":
        return f"P{2 * n if n != 'X' else 'X'}W"
    if unit == "DE":
        return f"P{n * 10 if n != 'X' else 'X'}Y" if isinstance(n, int) else f"P{n}DE"
    if unit == "CE":
        return f"P{n * 100 if n != 'X' else 'X'}Y" if isinstance(n, int) else f"P{n}CE"
    if unit == "WE":
        return f"P{n}WE"
    if isinstance(n, float):
        n = f"{n:g}"
    return f"P{n}{unit}"


def resolve(c: Candidate, text: str, ref: date | None, *, tense: str | None = None,
            previous: list[Resolved] | None = None, day_anchor: date | None = None) -> Resolved | None:
    """The TIMEX3 value of a candidate; None when it is not a temporal expression after all."""
    g, k = c.groups, c.kind
    previous = previous or []
    last = next((p for p in reversed(previous) if p.anchor and p.type == "DATE"), None)
    v = vocabulary()

    def point(gran: str, d: date | None, relative: bool) -> Resolved:
        if d is None:
            return Resolved(None, "DATE", gran, relative)
        return Resolved(_fmt(gran, d), "DATE", gran, relative, anchor=f"{gran}:{d.isoformat()}")

    try:
        if k in ("iso", "numeric", "mdy", "dmy"):
            y = _year2(g["year"])
            m = int(g["mon"]) if g["mon"].isdigit() else _month(g["mon"])
            d = date(y, m, int(re.match(r"\d+", g["day"]).group()))
            if g.get("hh"):
                return Resolved(f"{d.isoformat()}T{g['hh']}:{g['mm']}", "TIME", "time", False)
            return point("day", d, False)
        if k in ("md", "dm"):
            m, day = _month(g["mon"]), int(re.match(r"\d+", g["day"]).group())
            if ref is None:
                return Resolved(f"XXXX-{m:02d}-{day:02d}", "DATE", "day", True)
            # the tense decides as for a bare month ("the year ended March 31": the last one), else the nearest
            return point("day", date(_year_by_tense(ref, m, day, tense), m, day), True)
        if k == "my":
            return point("month", date(_year_of(g), _month(g["mon"]), 1), False)
        if k == "mon":
            m = _month(g["mon"])
            if ref is None:
                return Resolved(f"XXXX-{m:02d}", "DATE", "month", True)
            rel = " ".join((g.get("rel") or "").casefold().split())
            if rel == "last":  # "last February" told in March is a year back: the month just over is "last month"
                y = ref.year if m < ref.month - 1 else ref.year - 1
            elif rel == "this past":
                y = ref.year if m < ref.month else ref.year - 1
            elif rel in ("next", "this coming"):
                y = ref.year if m > ref.month else ref.year + 1
            elif rel == "this":
                y = ref.year
            else:  # the nearest ("January" in a December article is the coming one), unless the tense
                # says otherwise and the nearest is more than a month off ("in September" told in the past
                # in mid-August is still the coming one: a plan reported)
                y = ref.year + (1 if m - ref.month < -6 else -1 if m - ref.month > 6 else 0)
                ahead = (y - ref.year) * 12 + m - ref.month
                if tense == "past" and ahead > 1:
                    y -= 1
                elif tense == "future" and ahead < 0:
                    y += 1
            return point("month", date(y, m, 1), True)
        if k == "season":
            s = v["seasons"][g["season"].casefold()]
            rel = " ".join((g.get("rel") or "").casefold().split())
            if g.get("year") or g.get("syear"):
                return Resolved(f"{_year_of(g)}-{s}", "DATE", "season", False)
            if not rel and not g.get("mod2"):
                return None  # "spring" alone: too often no date ("spring training", "a spring")
            if ref is None:
                return Resolved(f"XXXX-{s}", "DATE", "season", True)
            # a season as months [start, start + 3): spring 3-5, summer 6-8, fall 9-11, winter 12-2
            start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[s]
            begun = date(ref.year, start, 1) <= ref
            ended = _add_months(date(ref.year, start, 1), 3) <= ref
            if rel == "last":  # the previous year's ("last spring" in October 1989: 1988-SP, as TimeBank has it)
                y = ref.year - 1
            elif rel == "this past":  # the latest that is over: "this past spring" in October is this year's
                y = ref.year if ended and s != "WI" else ref.year - 1
            elif rel in ("next", "this coming"):  # the first still to begin
                y = ref.year if not begun else ref.year + 1
            elif rel == "this":
                y = ref.year
            elif tense == "past":  # "in the spring" told in the past: the latest that has begun
                y = ref.year if begun else ref.year - 1  # (winter in January: the one begun last December)
            elif tense == "future":  # the one not yet over
                y = ref.year if not ended else ref.year + 1
            else:
                y = ref.year
            return Resolved(f"{y}-{s}", "DATE", "season", True)
        if k == "quarter":
            q = v["ordinals"][g["ord"].casefold()]
            y = g.get("y1") or g.get("y2")
            rel = (g.get("rel") or g.get("rel2") or "").casefold()
            if y:
                return point("quarter", date(int(y), 3 * q - 2, 1), False)
            if ref is None:
                return Resolved(f"XXXX-Q{q}", "DATE", "quarter", True)
            if rel:
                yy = ref.year + {"this": 0, "last": -1, "next": 1}[rel]
            else:
                yy = ref.year if date(ref.year, 3 * q - 2, 1) <= ref else ref.year - 1
            return point("quarter", date(yy, 3 * q - 2, 1), True)
        if k == "period":
            qp = next((p for p in reversed(previous) if p.anchor and p.granularity == "quarter"), None)
            if qp is None:  # no quarter told: "the 1989 period" is the year, "the latest period" nothing
                return point("year", date(int(g["year"]), 1, 1), False) if g.get("year") else None
            qd = date.fromisoformat(qp.anchor.split(":", 1)[1])
            r = point("quarter", date(int(g["year"]), qd.month, 1) if g.get("year") else qd, True)
            r.anaphoric = True
            return r
        if k == "quarter_rel":
            rel = " ".join((g.get("rel") or "").casefold().split())
            head = text[c.start:c.end].split()[0].casefold()
            if ref is None:
                return Resolved(None, "DATE", "quarter", True)
            current = date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1)
            if rel in ("year-earlier", "year-ago"):
                base = _anchor_date(last, "quarter") or _shift(current, "Q", -1)
                r = point("quarter", _shift(base, "Y", -1), True)
                r.anaphoric = True
                return r
            if head == "this" or rel == "current":
                return point("quarter", current, True)
            if head == "next":
                return point("quarter", _shift(current, "Q", 1), True)
            if head == "last" or rel == "previous":
                return point("quarter", _shift(current, "Q", -1), True)
            return point("quarter", _anchor_date(last, "quarter") or _shift(current, "Q", -1), True)
        if k == "half":
            h = 1 if g["ord"].casefold() == "first" else 2
            if g.get("year"):
                return Resolved(f"{g['year']}-H{h}", "DATE", "half", False)
            if ref is None:
                return Resolved(f"XXXX-H{h}", "DATE", "half", True)
            y = ref.year + {"this": 0, "last": -1, "next": 1}[g["rel"].casefold()]
            return Resolved(f"{y}-H{h}", "DATE", "half", True)
        if k == "fiscal":
            return point("year", date(int(g["year"]), 1, 1), False)
        if k == "decade":
            if g.get("cd"):
                return Resolved(g["cd"], "DATE", "decade", False)
            d2 = g["d2"]
            return Resolved(("19" if d2 != "0" else "20") + d2 if ref is None else
                            f"{(ref.year // 100) if int(d2) * 10 <= ref.year % 100 else ref.year // 100 - 1}{d2}",
                            "DATE", "decade", True)
        if k == "century":
            return Resolved(f"{int(g['n']) - 1:02d}", "DATE", "century", False)
        if k == "year":
            return point("year", date(int(g["year"]), 1, 1), False)
        if k == "ago":
            n, unit = _number(g["num"]), _unit(g["unit"])
            direction = " ".join(g["dir"].casefold().split())
            sign = -1 if direction in ("ago", "earlier", "before") else 1
            if n == "X" or isinstance(n, float):
                return Resolved("PAST_REF" if sign < 0 else "FUTURE_REF", "DATE", "ref", True)
            if unit in ("H", "S") or (unit == "M" and g["unit"].casefold().startswith("minute")):
                return Resolved(None, "TIME", "time", True)
            gran = _GRAN_OF_UNIT.get(unit, "day")
            base, base_gran = ref, gran
            if direction != "ago" or (unit == "Y" and last and last.granularity == "quarter"):
                if last is not None:
                    pgran, pdate = last.anchor.split(":", 1)
                    base = date.fromisoformat(pdate)
                    if _FINER.index(pgran) < _FINER.index(gran):
                        base_gran = pgran
            if base is None:
                return Resolved(None, "DATE", gran, True)
            r = point(base_gran, _shift(base, unit, sign * n), True)
            r.anaphoric = base is not ref
            return r
        if k == "rel":
            rel = " ".join(g["rel"].casefold().split())
            unit = _unit(g["unit"])
            gran = _GRAN_OF_UNIT[unit]
            if ref is None:
                return Resolved(None, "DATE", gran, True)
            n = {"last": -1, "this past": -1, "the previous": -1, "next": 1, "this coming": 1, "the coming": 1,
                 "the following": 1}.get(rel, 0)
            if rel in ("the previous", "the following", "the same") and last is not None:
                pgran, pdate = last.anchor.split(":", 1)
                r = point(gran, _shift(date.fromisoformat(pdate), unit, n), True)
                r.anaphoric = True
                return r
            return point(gran, _shift(ref, unit, n), True)
        if k in ("year_the", "month_the"):
            gran, unit = ("year", "Y") if k == "year_the" else ("month", "M")
            if ref is None:
                return Resolved(None, "DATE", gran, True)
            if g["det"].casefold() == "that" and last is not None:
                r = point(gran, date.fromisoformat(last.anchor.split(":", 1)[1]), True)
                r.anaphoric = True
                return r
            return point(gran, ref, True)
        if k == "spoken_year":
            w = " ".join(g["w"].casefold().split())
            t = (g.get("t") or "").casefold().replace("and ", "").strip()
            if (w == "nineteen" and not t) or (w != "nineteen" and not g.get("the")):
                return None  # "nineteen", "two thousand people"
            tens = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
            ones = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
            head, _, tail = t.partition("-")
            n = tens.get(head, ones.get(head, 0)) + ones.get(tail, 0)
            if w == "nineteen" and n < 10:
                return None
            return point("year", date((1900 if w == "nineteen" else 2000) + n, 1, 1), False)
        if k == "decade_word":
            d = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}[g["w"].casefold()]
            century = 19 if ref is None or ref.year % 100 < d * 10 else ref.year // 100
            return Resolved(f"{century}{d}", "DATE", "decade", True)
        if k == "weekend":
            if ref is None:
                return Resolved(None, "DATE", "weekend", True)
            sat = ref + timedelta(days=(6 - ref.isoweekday()) % 7) if tense in ("future", "present") \
                else ref - timedelta(days=(ref.isoweekday() - 6) % 7)
            return point("weekend", sat, True)
        if k == "dur_past":
            n, unit = _number(g.get("num")), _unit(g["unit"])
            if not g.get("num") and text[c.start:c.end].endswith("s") and g["rel"].casefold() in ("coming", "next"):
                return Resolved("FUTURE_REF", "DATE", "ref", True)  # "in the coming months", as TimeBank has it
            return Resolved(_dur(n, unit), "DURATION", "duration", True)
        if k == "duration":
            n, unit = _number(g["num"]), _unit(g["unit"])
            if unit == "Q" and n == 1 and g["num"].casefold() in ("a", "an", "one"):
                return None
            return Resolved(_dur(n, unit), "DURATION", "duration", False)
        if k == "set":
            if g.get("adv"):
                return Resolved(v["sets"][g["adv"].casefold()], "SET", "set", False)
            u = g.get("unit") or g.get("unit2") or ""
            if u.casefold() in v["weekdays"]:
                return Resolved(f"XXXX-WXX-{v['weekdays'][u.casefold()]}", "SET", "set", False)
            return Resolved(_dur(2 if g.get("other") else 1, _unit(u)), "SET", "set", False)
        if k == "holiday":
            rule = v["holidays"][" ".join(g["h"].casefold().replace("’", "'").split())]
            if g.get("year"):
                return point("day", _holiday(rule, int(g["year"])), False)
            if ref is None:
                d0 = _holiday(rule, 2001)
                return Resolved(f"XXXX-{d0.month:02d}-{d0.day:02d}" if rule[2:3] == "-" else None, "DATE", "day", True)
            days = [_holiday(rule, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
            rel = " ".join((g.get("rel") or "").casefold().split())
            if rel in ("last", "this past"):
                d = max(x for x in days if x < ref)
            elif rel in ("next", "this coming"):
                d = min(x for x in days if x > ref)
            elif rel == "this":
                d = days[1]
            elif tense == "past":
                d = max(x for x in days if x <= ref)
            elif tense == "future":
                d = min(x for x in days if x >= ref)
            else:
                d = min(days, key=lambda x: abs((x - ref).days))
            return point("day", d, True)
        if k == "weekdays":
            return Resolved(f"XXXX-WXX-{v['weekdays'][g['wd'].casefold()]}", "SET", "set", False)
        if k == "weekday":
            wd = v["weekdays"][g["wd"].casefold()]
            rel = g.get("rel") if (g.get("rel") or "").casefold() not in ("early", "late") else None
            base = ref
            if rel and " ".join(rel.casefold().split()) in ("the previous", "the following"):
                # the last day mentioned (a year between is no anchor for "the previous Friday"), else `ref`
                day_p = next((p for p in reversed(previous) if p.anchor and p.granularity == "day"), None)
                if day_p is not None:
                    base = date.fromisoformat(day_p.anchor.split(":", 1)[1])
            d = None if base is None else _weekday(base, wd, rel, tense)
            if g.get("part"):
                p = v["parts_of_day"][g["part"].casefold()]
                return Resolved(f"{d.isoformat() if d else f'XXXX-WXX-{wd}'}T{p}", "TIME", "time", True)
            return point("day", d, True) if d else Resolved(f"XXXX-WXX-{wd}", "DATE", "day", True)
        if k == "day":
            w = " ".join(g["w"].casefold().split())
            off = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                   "the day after tomorrow": 2}[w]
            d = ref + timedelta(days=off) if ref else None
            if g.get("part"):
                p = v["parts_of_day"][g["part"].casefold()]
                return Resolved(f"{d.isoformat()}T{p}" if d else None, "TIME", "time", True)
            return point("day", d, True)
        if k == "partday":
            if g.get("w"):
                p, off = "NI", 0
            else:
                p = v["parts_of_day"][g["part"].casefold()]
                rel = " ".join((g.get("rel") or "").casefold().split())
                off = -1 if rel in ("last", "late last") else 0
                if rel in ("early", "late", "mid") and day_anchor is None:
                    return None  # "early morning" alone: which day is not said ("mid-afternoon yesterday" is)
            base = day_anchor or ref
            return Resolved(f"{(base + timedelta(days=off)).isoformat()}T{p}" if base else None, "TIME", "time", True)
        if k == "ref":
            return Resolved(v["refs"][" ".join(g["w"].casefold().split())], "DATE", "ref", True)
        if k == "clock":
            base = day_anchor or ref
            day_s = base.isoformat() if base else "XXXX-XX-XX"
            if g.get("w"):
                return Resolved(f"{day_s}T{'12:00' if g['w'].casefold() == 'noon' else '24:00'}", "TIME", "time", True)
            h = int(g.get("hh") or g.get("h") or g.get("hh24"))
            mm = int(g.get("mm") or g.get("mm24") or 0)
            ap = (g.get("ap") or "").casefold()
            if ap.startswith("p") and h < 12:
                h += 12
            elif ap.startswith("a") and h == 12:
                h = 0
            return Resolved(f"{day_s}T{h:02d}:{mm:02d}", "TIME", "time", True)
        if k == "year_adj":
            w = " ".join(g["w"].casefold().split())
            if ref is None:
                return Resolved(None, "DATE", "year", True)
            if w in ("year-end", "year's end"):
                return point("year", ref, True)
            base = _anchor_date(last, "quarter")
            if base is not None and last is not None:
                pgran = last.anchor.split(":", 1)[0]
                r = point(pgran, _shift(base, "Y", -1), True)
                r.anaphoric = True
                return r
            return point("year", _shift(ref, "Y", -1), True)
    except (ValueError, KeyError, TypeError):
        return None
    return None


def _anchor_date(last: Resolved | None, gran: str) -> date | None:
    if last is None or not last.anchor:
        return None
    pgran, pdate = last.anchor.split(":", 1)
    return date.fromisoformat(pdate) if pgran == gran else None
