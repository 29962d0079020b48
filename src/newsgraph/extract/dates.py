"""Temporal expressions with TIMEX3 values resolved against the publication date.

    extract_dates(doc, published) -> list[DateFact]
    sentence_date(dates, span) -> str | None     the date a fact's sentence states

Two steps, "match, then annotate": the grammar (dates_rules.find) proposes spans over
the text; each is resolved (dates_rules.resolve) with what the parse knows: the tense
of the clause it modifies (a bare "Tuesday" is the last one in past-tense reporting, the
next one after "will"), the last date mentioned (for "a year earlier", "the quarter"),
the day a clock time belongs to. spaCy's DATE/TIME entities the grammar missed are
parsed by dateparser, relative to the publication date, and kept when it gives a day,
on request (`entities=True`, option NEWSGRAPH_DATES_ENTITIES): on TimeML it found nothing
the grammar missed and cost a tenth of the extractor's time, so it is off by default.
A four-digit number that counts a noun ("2000 people") is no year.

Other extractors' facts are never changed: a count or event "gets" the date of its
sentence through `sentence_date`, a lookup over the dates facts (their `sentence`
spans) that the GKG writer and store queries use (docs/dates.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import takewhile

import numpy
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START
from spacy.tokens import Doc, Token

from newsgraph.article import Span
from newsgraph.extract.dates_model import direction_features, load_models
from newsgraph.extract.dates_rules import Candidate, Resolved, find, resolve, vocabulary

__all__ = ["DateFact", "extract_dates", "sentence_date", "sentence_dates"]


@dataclass
class DateFact:
    text: str
    span: Span
    type: str  # DATE | TIME | DURATION | SET (TIMEX3)
    value: str | None  # TIMEX3 value: 2019-01-04, 2019-W01, 2019-01, 2019, PRESENT_REF, P2W, ...; None unresolved
    granularity: str  # time | day | week | weekend | month | season | quarter | half | year | decade | century | ref | duration | set
    relative: bool  # resolved against the publication date or an earlier date, not stated in full
    sentence: Span  # the sentence it is in: counts and quotes in that sentence get its date


_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
_FUTURE_HEADS = {"expect", "schedule", "due", "set", "plan", "go", "intend", "hope", "aim", "scheduled", "expected",
                 "be"}  # "is to resume trading Tuesday"
_END_PREP = re.compile(r"\b(?:until|till|through|to)\s+$", re.I)
_PLANNED = {"expect", "schedule", "set", "plan", "slate", "due"}
_TEMPORAL_NOUNS = {"year", "years", "season", "quarter", "election", "elections", "census", "budget", "olympics",
                   "games", "cup", "campaign", "race", "summit", "crisis", "war", "model", "edition", "fiscal"}


def _tense(tok: Token) -> str | None:
    """future | past | present of the verb `tok` modifies (its nearest verbal ancestor)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            break
        if t.head.i == t.i:
            return None
        t = t.head
    else:
        return None
    if t.pos_ not in ("VERB", "AUX"):
        return None
    # "closing, which is expected in December", "is scheduled for Friday": a plan, so the future
    if t.lemma_ in _PLANNED and t.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "are", "'s", "'re") for c in t.children):
        return "future"
    for c in t.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX:
            return "future"
    if t.lower_ in _FUTURE_AUX:
        return "future"
    # "is expected to meet Tuesday", "plans to vote on Friday"
    if t.dep_ == "xcomp" and t.head.lemma_ in _FUTURE_HEADS:
        # "had been scheduled to expire Friday": a plan in the past, now over
        if any(c.lower_ == "had" for c in t.head.children if c.dep_ in ("aux", "auxpass")):
            return "past"
        return "future"
    if t.tag_ == "VBG" and any(c.lower_ in ("is", "are", "'s", "'re") for c in t.children if c.dep_ == "aux") \
            and t.lemma_ in ("go", "come", "meet", "travel", "visit", "hold"):
        return "future"
    # an infinitive is not yet done when its clause is told ("talks that are supposed to conclude by
    # May", "an agreement to acquire it in January", "guidelines to be published in November"):
    # no tense, so the date nearest to the publication date
    if t.tag_ in ("VB", "VBN") and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in t.children):
        return None
    if t.tag_ in ("VBD", "VBN"):
        return "past"
    if t.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _is_counted_number(doc: Doc, start: int, end: int) -> bool:
    """"2000 people", "1500 troops": a number modifying a noun that is not temporal."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    if tok.ent_type_ in ("DATE", "TIME"):
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i \
        and tok.head.lower_ not in _TEMPORAL_NOUNS or (nxt is not None and nxt.lower_ in ("%", "percent"))


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser

    return dateparser


def _parse_entity(text: str, ref: date) -> Resolved | None:
    """dateparser on a spaCy DATE entity the grammar did not cover: kept only for a full day."""
    if not re.search(r"\d|day|week|month|year", text, re.I):
        return None
    settings = {"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day), "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month"], "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        found = _dateparser().parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd inputs
        return None
    if found is None:
        return None
    return Resolved(found.date().isoformat(), "DATE", "day", True, anchor=f"day:{found.date().isoformat()}")


def _ref(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def extract_dates(doc: Doc, published: str | None = None, *, entities: bool = False,
                  text: str | None = None) -> list[DateFact]:
    """Every temporal expression in `doc`, resolved against `published` (ISO date). `text`: the
    doc's text when the caller has it (spaCy joins its tokens anew for each `doc.text`)."""
    return [f.fact for f in _extract(doc, published, entities=entities, text=text)]


@dataclass
class _Found:
    """A fact with what it was made from (for the trained decisions and their training)."""
    fact: DateFact
    cand: Candidate
    tok: Token | None  # the candidate's root token
    tense: str | None
    x: numpy.ndarray | None = None  # the direction model's features (dates_model.DIRECTION), when it has them


def _extract(doc: Doc, published: str | None = None, *, entities: bool = False,
             learned: bool = True, text: str | None = None) -> list[_Found]:
    """`learned`: use the trained decisions (dates_model); False: the rules alone (for training)."""
    if text is None or not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        text = doc.text
    models = load_models() if learned else {}
    ref = _ref(published)
    sents = _sentences(doc, text)
    cands = _clock_days(text, find(text, trigger_windows(doc)))
    if entities and ref is not None:
        cands = _with_entities(doc, cands)
    out: list[DateFact] = []
    found: list[_Found] = []
    previous: list[Resolved] = []
    si = 0
    for c in cands:
        while si + 1 < len(sents) and sents[si][1] <= c.start:
            si += 1
        sent = sents[si] if sents else (0, len(text))
        if c.kind == "year" and _is_counted_number(doc, c.start + len(text[c.start:c.end]) - 4, c.end):
            continue
        tok, tense, x = None, None, None
        if c.kind == "entity":
            r = _parse_entity(text[c.start:c.end], ref)
        elif c.kind == "clock_day":  # "noon Thursday", "10 p.m. yesterday": the day's time
            first, day_c = c.groups["parts"]
            day_r = resolve(day_c, text, ref, tense=_tense_at(doc, day_c), previous=previous)
            anchor = date.fromisoformat(day_r.value[:10]) if day_r and day_r.value and day_r.value[:1].isdigit() else None
            r = resolve(first, text, ref, day_anchor=anchor) if anchor else None
        else:
            tok = _token_at(doc, c.start, c.end)
            tense = _tense(tok) if tok is not None else None
            if c.kind in ("mon", "md") and _END_PREP.search(text, max(0, c.start - 10), c.start):
                tense = None  # "extended the loans through January": an end point, whatever the clause's tense
            if tense == "present" and c.kind == "weekday" and text.startswith("'s", c.end):
                tense = None  # "before Friday's purchases is": the clause's tense is not the day's
            # the direction features: for training (learned=False) every bare weekday, month and day, and
            # month; at run time only where the model decides
            if ref is not None and _DIRECTED.get(c.kind) and not any(c.groups.get(k) for k in _DIRECTED[c.kind]) \
                    and (not learned or (c.kind == "weekday" and tense in ("past", None) and "direction" in models)):
                x = direction_features(doc, tok, ref, c.kind, c.groups, c.start, c.end, tense,
                                       [f.value for f in takewhile(lambda f: f.sentence == sent, reversed(out))
                                        if f.value][::-1],
                                       _last_date(out),
                                       si, _quoted(text, sent[0], c.start), text)
                if learned and x is not None:
                    # a past-tense or tenseless clause: the model says whether the day is after the
                    # publication's ("The deadline: by Sunday"); "will"/"is expected to" and the present
                    # tense ("the talks resume Tuesday") stay the rules' (TimeBank has 5 future weekdays
                    # of 127: too few to outweigh them, and AQUAINT lost values when the model did)
                    tense = "future" if models["direction"].decide(x) else "past"
            day_anchor = None
            if c.kind in ("clock", "partday"):  # the day stated before it in its sentence, else after it
                day_anchor = _day_in_sentence(out, sent) or _day_after(doc, text, ref, cands, c, sent, previous)
            prev = previous
            if c.kind in ("ago", "year_adj") and out and out[-1].sentence == sent and out[-1].type == "DURATION" \
                    and not any(f.sentence == sent and f.granularity == "quarter" for f in out):
                # "earnings for the nine months rose from $2 a share a year earlier": compared with a
                # period of months (and no quarter in the sentence), "a year earlier" is last year, not
                # the quarter or day told before
                prev = []
            r = resolve(c, text, ref, tense=tense, previous=prev, day_anchor=day_anchor)
        if r is None:
            continue
        start, end = c.start, c.end
        out.append(DateFact(text=text[start:end], span=(start, end), type=r.type, value=r.value,
                            granularity=r.granularity, relative=r.relative, sentence=sent))
        found.append(_Found(out[-1], c, tok, tense, x))
        if r.type == "DATE" and r.anchor and not r.anaphoric:
            previous.append(r)
    return found


# the kinds the direction model sees, and the groups that make one not bare ("last Friday", "May 4, 1998")
_DIRECTED = {"weekday": ("rel", "part"), "md": ("mod", "wd"), "mon": ("rel", "mod")}


def _last_date(found: list[DateFact]) -> list[str]:
    """The value of the last DATE told with a digit in it ("1998-02-03", not PRESENT_REF), as a list."""
    last = next((f.value for f in reversed(found) if f.type == "DATE" and f.value and f.value[:1].isdigit()), None)
    return [last] if last else []


def _quoted(text: str, start: int, at: int) -> bool:
    """Inside a quotation opened in its sentence (an odd number of quote marks before it)."""
    seg = text[start:at]
    return (seg.count('"') + seg.count("\u201c") + seg.count("\u201d") + seg.count("``") + seg.count("''")) % 2 == 1


_JOIN = re.compile(r"\s*(?:,\s*|\s+on\s+)?")


def _clock_days(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A clock time or part of day followed by its day ("noon Thursday", "mid-afternoon yesterday")
    as one candidate."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (nxt is not None and c.kind in ("clock", "partday") and nxt.kind in ("weekday", "day", "md", "mdy")
                and not nxt.groups.get("part") and _JOIN.fullmatch(text[c.end:nxt.start])):
            out.append(Candidate(c.start, nxt.end, "clock_day", {"parts": (c, nxt)}))
            i += 2
            continue
        out.append(c)
        i += 1
    return out


def _tense_at(doc: Doc, c: Candidate) -> str | None:
    tok = _token_at(doc, c.start, c.end)
    return _tense(tok) if tok is not None else None


BEFORE, AFTER = 4, 4  # tokens around a trigger word that the grammar sees ("the beginning of May")


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    v = vocabulary()
    words = set(v["triggers"]) | set(v["seasons"]) | set(v["parts_of_day"]) | set(v["sets"])
    for m in v["months"]:
        words |= {m, m + "."}
    for w in v["weekdays"]:
        words |= {w, w + "s"}
    for u in v["units"]:
        words |= {u, u + "s"}
    for r in v["refs"]:
        words |= set(r.split()) - {"the", "in", "at", "right", "near"}
    return frozenset(words)


_DIGIT = re.compile(r"\d")
_TRIGGER_CACHE: dict[int, bool] = {}  # lower-case string hash -> trigger? (hashes are stable across vocabs)


def trigger_windows(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges around the tokens that can begin or anchor a temporal expression
    (a month, weekday, unit, reference word, or anything with a digit), merged."""
    if not len(doc):
        return []
    arr = doc.to_array([LOWER, IDX, LENGTH])
    words = _trigger_words()
    strings = doc.vocab.strings
    keys = numpy.unique(arr[:, 0])
    good = []
    for k in keys.tolist():
        t = _TRIGGER_CACHE.get(k)
        if t is None:
            w = strings[k]
            t = _TRIGGER_CACHE[k] = w in words or _DIGIT.search(w) is not None
        if t:
            good.append(k)
    hits = numpy.flatnonzero(numpy.isin(arr[:, 0], numpy.array(good, dtype=arr.dtype)))
    out: list[tuple[int, int]] = []
    n = len(doc)
    for i in hits:
        a, b = max(0, i - BEFORE), min(n - 1, i + AFTER)
        s, e = int(arr[a, 1]), int(arr[b, 1] + arr[b, 2])
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; the end is its last non-space character's."""
    arr = doc.to_array([SENT_START, IDX]) if len(doc) else None
    if arr is None or not (arr[:, 0] != 0).any():  # no sentence boundaries set
        return [(0, len(text))]
    starts = [int(arr[i, 1]) for i in numpy.flatnonzero(arr[:, 0] == 1)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    out = []
    for s, nxt in zip(starts, starts[1:] + [len(text)]):
        e = nxt
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _day_in_sentence(found: list[DateFact], sent: Span) -> date | None:
    for f in reversed(found):
        if f.sentence == sent and f.granularity == "day" and f.value and f.value[:4].isdigit():
            try:
                return date.fromisoformat(f.value[:10])
            except ValueError:
                return None
    return None


_DAYS = ("weekday", "day", "md", "mdy", "dmy", "iso", "numeric")


def _day_after(doc: Doc, text: str, ref: date | None, cands: list[Candidate], c: Candidate,
               sent: tuple[int, int], previous: list[Resolved]) -> date | None:
    """The day of the first day-naming expression after `c` in its sentence
    ("At 2:49 a.m. local time on Saturday morning")."""
    for n in cands:
        if n.start < c.end or n.start >= sent[1]:
            continue
        if n.kind in _DAYS:
            r = resolve(n, text, ref, tense=_tense_at(doc, n), previous=previous)
            if r is not None and r.value and r.value[:1].isdigit() and len(r.value) >= 10:
                try:
                    return date.fromisoformat(r.value[:10])
                except ValueError:
                    return None
    return None


def _with_entities(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """spaCy DATE entities not touching any grammar match, as candidates for dateparser."""
    taken = [(c.start, c.end) for c in cands]
    extra = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < te and ts < e for ts, te in taken):
            continue
        extra.append(Candidate(s, e, "entity", {}))
    return sorted(cands + extra, key=lambda c: c.start) if extra else cands


def sentence_dates(dates: list[DateFact]) -> dict[Span, str]:
    """Sentence span -> the value of its first DATE fact of day, week or month granularity,
    or failing that its first resolved DATE (not a PRESENT_REF-style reference)."""
    out: dict[Span, str] = {}
    second: dict[Span, str] = {}
    for f in dates:
        if f.type != "DATE" or not f.value or not f.value[:1].isdigit():
            continue
        key = tuple(f.sentence)
        if f.granularity in ("day", "week", "weekend", "month"):
            out.setdefault(key, f.value)
        else:
            second.setdefault(key, f.value)
    return {**second, **out}


def sentence_date(dates: list[DateFact], span: Span) -> str | None:
    """The date stated in the sentence holding `span` (e.g. a Count's), or None."""
    for (s, e), value in sentence_dates(dates).items():
        if s <= span[0] < e:
            return value
    return None
