"""Counts in GDELT's sense: how many people were killed, wounded, arrested, kidnapped,
displaced, evacuated, protesting or affected.

    extract_counts(doc, *, lexicon=None) -> list[Count]

Two steps, spaCy's "match, then annotate": find every number phrase in the Doc
(`_number_phrases`), then ask the dependency parse which event word, if any, the number
counts the people of (`_event_of`). Each number phrase yields at most one Count, so two
patterns can never report the same phrase twice. docs/counts.md has the decisions
(vague plurals, negation, things that are not people) and how to extend the lexicon.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

import numpy
from spacy.attrs import LIKE_NUM, LOWER
from spacy.tokens import Doc, Token

from newsgraph.article import Count
from newsgraph.data.lexicon import table
from newsgraph.extract.numbers import FEW, SCALES, UNITS, VAGUE, parse_number

__all__ = ["extract_counts", "extend_lexicon", "LEXICON", "NOT_PEOPLE"]

# The word lists are data (data/en/counts.json), read once: see its "_doc".
_DATA = table("en", "counts")
# Type -> lemmas that report the event: verbs, nouns and adjectives alike. A phrasal verb
# is written with its particle ("round up"). Extend with `extend_lexicon`.
LEXICON: dict[str, frozenset[str]] = {t: frozenset(ws) for t, ws in _DATA["lexicon"].items()}
# Verbs whose grammatical subject is the person counted ("10 people died", "thousands
# fled"). For every other verb the subject is the doer unless the clause is passive or has
# no object ("Police arrested 30": the 30 is the object; "30 arrested": the subject).
INTRANSITIVE = frozenset(_DATA["intransitive"])
PEOPLE_NOUNS = frozenset(_DATA["people_nouns"])  # "45 protesters" counts protesters
EVENT_NOUNS = frozenset(_DATA["event_nouns"])  # "two protests", "two deep wounds": not people
TALLY_NOUNS = frozenset(_DATA["tally_nouns"])  # "The death toll rose to 45"
TALLY_VERBS = frozenset(_DATA["tally_verbs"])
# Counted things that are not people: GDELT counts people, so "300 homes were evacuated"
# gives no Count. Extendable like the lexicon (plain lemmas).
NOT_PEOPLE: frozenset[str] = frozenset(_DATA["not_people"])
# Words before a number that make it approximate, longest first.
APPROXIMATORS: tuple[tuple[str, ...], ...] = tuple(sorted(
    (tuple(a.split()) for a in _DATA["approximators"]), key=len, reverse=True))

_APPROX_LAST = frozenset(words[-1] for words in APPROXIMATORS)
_REJECT_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_YEAR_BEFORE = frozenset({"in", "since", "of", "the", "by", "until", "from", "to", "before",
                          "after", "during", "'s"})
_FRACTIONS = frozenset({"third", "quarter", "fifth", "sixth", "tenth", "thirds", "quarters",
                        "fifths", "tenths"})
_DASHES = frozenset({"-", "‐", "–"})
_NUMBER_LIKE = set(UNITS) | set(SCALES) | set(VAGUE) | {"half"}
_MAY_START = frozenset(_NUMBER_LIKE | set(FEW) | {"a", "an"})  # else only digits start a number
_BLANK_OBJECTS = frozenset({"more", "other", "others"})  # "seven more were injured"
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_COMPLEMENTS = ("oprd", "acomp", "attr", "xcomp")


def extend_lexicon(extra: Mapping[str, Iterable[str]],
                   base: Mapping[str, Iterable[str]] = LEXICON) -> dict[str, frozenset[str]]:
    """`base` with more lemmas per type, or new types: extend_lexicon({"SEIZE": ["seize"]})."""
    out = {t: frozenset(v) for t, v in base.items()}
    for t, lemmas in extra.items():
        if not isinstance(t, str) or not t or isinstance(lemmas, str):
            raise ValueError(f"bad lexicon entry {t!r}: valid is TYPE -> list of lemmas")
        out[t] = out.get(t, frozenset()) | {w.lower() for w in lemmas}
    return out


def extract_counts(doc: Doc, *, lexicon: Mapping[str, Iterable[str]] | None = None,
                   not_people: Iterable[str] = NOT_PEOPLE) -> list[Count]:
    """Every count of people in `doc`, in text order; spans index `doc.text`."""
    if len(doc) and not doc.has_annotation("DEP"):
        raise ValueError("extract_counts needs a parsed Doc; valid: the output of a spaCy "
                         "pipeline with a parser and lemmatizer, e.g. en_core_web_sm")
    types = _lemma_types(LEXICON if lexicon is None else lexicon)
    skip = frozenset(w.lower() for w in not_people)
    scores = _score_spans(doc.text)
    found: list[tuple[Count, bool]] = []  # (count, inside an "including"/"among" list)
    for phrase in _number_phrases(doc):
        if any(a <= doc[phrase.start].idx < b for a, b in scores):
            continue  # "6-7 (4), 6-4": a match score, not people
        c = _count(doc, phrase, types, skip)
        if c is not None:
            found.append((c, _included(doc[phrase.start:phrase.end].root)))
    found += [(c, False) for c in _pronoun_counts(doc, types)]
    found.sort(key=lambda x: x[0].span)
    found = [(replace(c, kind=_kind_of(doc, c.span)), inc) for c, inc in found]
    return _merge(found)


# -- what kind of figure, which figures overlap --------------------------------------------------

@lru_cache(maxsize=1)
def _kind_cues() -> dict:
    with resources.files("newsgraph.data").joinpath("en/count_kinds.json").open(encoding="utf-8") as f:
        cues = json.load(f)

    def pattern(phrases):
        return re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
                          + r")(?!\w)")

    return {"statistic": pattern(cues["statistic"]), "total": pattern(cues["total"]),
            "except": pattern(cues["except"]), "since_date": cues.get("since_date", True)}


def _kind_of(doc: Doc, span: tuple[int, int]) -> str:
    """statistic or total when the count's sentence says so (data/en/count_kinds.json), else incident."""
    sent = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sent is None:
        return "incident"
    sentence = sent.sent
    low = sentence.text.lower()
    cues = _kind_cues()
    blanked = cues["except"].sub(lambda m: " " * len(m.group()), low)
    if cues["statistic"].search(blanked):
        return "statistic"
    if cues["total"].search(blanked):
        return "total"
    if cues["since_date"]:  # "since 2011", "since March": a running total
        for t in sentence:
            if t.lower_ == "since" and t.i + 1 < len(doc) and (
                    doc[t.i + 1].ent_type_ == "DATE" or re.fullmatch(r"1[89]\d\d|20\d\d", doc[t.i + 1].text)):
                return "total"
    return "incident"


def _included(t: Token) -> bool:
    """Is the number inside an "including ..." / "among them ..." list of a larger figure?"""
    for _ in range(8):
        if t.dep_ == "pobj" and t.head.lower_ in ("including", "among"):
            return True
        if t.head is t:
            return False
        if t.dep_ not in ("nummod", "quantmod", "compound", "conj", "appos", "pobj") and t.pos_ != "NUM":
            return False
        t = t.head
    return False


def _merge(found: list[tuple[Count, bool]]) -> list[Count]:
    """One Count per figure (type and number) with every mention; a figure inside an
    "including" list of a larger one of its type in the same sentence is part_of it."""
    out: list[Count] = []
    first: dict[tuple[str, int], int] = {}
    included: list[bool] = []
    for c, inc in found:
        k = first.get((c.type, c.number))
        if k is None:
            first[(c.type, c.number)] = len(out)
            out.append(c)
            included.append(inc)
        else:
            kept = out[k]
            out[k] = replace(kept, mentions=(kept.mentions or [kept.span]) + [c.span],
                             object=kept.object or c.object, approximate=kept.approximate and c.approximate)
    for i, c in enumerate(out):
        if not included[i]:
            continue
        larger = [j for j, o in enumerate(out) if j != i and o.type == c.type and o.number > c.number
                  and abs(o.span[0] - c.span[0]) < 300]
        if larger:
            out[i] = replace(c, part_of=min(larger, key=lambda j: abs(out[j].span[0] - c.span[0])))
    return out


_SET = r"\d{1,2}\s?[-\u2013]\s?\d{1,2}(?:\s?\(\d{1,2}\))?"
_SCORE = re.compile(rf"(?<![\d-]){_SET}(?:,\s?{_SET})+|(?<![\d-])\d{{1,2}}\s?[-\u2013]\s?\d{{1,2}}\s?\(\d{{1,2}}\)")


def _score_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of match scores: sets ("6-7 (4), 6-4") or a tie-break ("7-6 (5)")."""
    return [m.span() for m in _SCORE.finditer(text)]


def _pronoun_counts(doc: Doc, types: dict[str, str]) -> list[Count]:
    """One person killed with no number: "shot him dead", "stabbed her to death"."""
    out = []
    for t in doc:
        if t.lower_ not in ("him", "her") or t.dep_ != "dobj":
            continue
        verb = t.head
        for c in verb.children:
            dead = c.dep_ in _COMPLEMENTS and types.get(c.lemma_.lower()) == "KILL"
            to_death = c.dep_ == "prep" and c.lower_ == "to" and any(
                o.lower_ == "death" and o.dep_ == "pobj" for o in c.children)
            if (dead or to_death) and c.i > t.i:
                last = c if dead else [o for o in c.children if o.lower_ == "death"][0]
                if not _negated(t, verb, t):
                    out.append(Count(type="KILL", number=1, approximate=False, object="",
                                     span=(verb.idx, last.idx + len(last))))
                break
    return out


def _lemma_types(lexicon: Mapping[str, Iterable[str]]) -> dict[str, str]:
    types: dict[str, str] = {}
    for t, lemmas in lexicon.items():
        for w in lemmas:
            types.setdefault(w.lower(), t)  # a lemma listed twice keeps its first type
    return types


# -- step 1: number phrases ----------------------------------------------------------------

@dataclass
class _Phrase:
    start: int  # token index of the first number word
    end: int  # one past the last
    value: int
    approximate: bool
    approx_start: int  # first token of the approximator ("at least"), or `start`


def _number_phrases(doc: Doc) -> Iterable[_Phrase]:
    # Only a digit or a number word can start a number: screen on arrays, since making a
    # Token per word costs more than all the rest of the extractor.
    strings = doc.vocab.strings
    may_start = numpy.array([strings.add(w) for w in _MAY_START], dtype="uint64")
    attrs = doc.to_array([LOWER, LIKE_NUM]).reshape(-1, 2)
    candidates = numpy.flatnonzero((attrs[:, 1] != 0) | numpy.isin(attrs[:, 0], may_start)).tolist()
    n, done = len(doc), 0
    for i in candidates:
        if i < done or not _starts_number(doc, i):
            continue
        j = i + 1
        while j < n and _continues_number(doc, j):
            j += 1
        while j > i + 1 and doc[j - 1].lower_ in {"and", "of", "a", "an"} | _DASHES:
            j -= 1  # a connector only counts between two number words
        done = j
        parsed = parse_number([t.text for t in doc[i:j]])
        if parsed is not None and not _not_a_count(doc, i, j):
            value, vague = parsed
            a = _approximator(doc, i)
            plus = j < n and doc[j].text == "+" and doc[j].idx == doc[j - 1].idx + len(doc[j - 1])
            yield _Phrase(i, j, value, vague or a < i or plus, a)


def _is_number_word(t: Token) -> bool:
    low = t.lower_
    if low in VAGUE:
        return low not in ("scores", "tens") or _next_lower(t) == "of"  # not "test scores"
    if low in UNITS:
        return t.tag_ == "CD"  # "one" the pronoun is NN: "no one was killed"
    return low in SCALES and low not in ("k", "m", "mn", "mln", "bn", "score") or (
        t.like_num and t.tag_ == "CD" and any(ch.isdigit() for ch in t.text))


def _starts_number(doc: Doc, i: int) -> bool:
    t = doc[i]
    if _is_number_word(t):
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None:
        return False
    if t.lower_ in ("a", "an"):  # "a dozen", "a million", "a half million", "a few hundred"
        return nxt.lower_ in SCALES and nxt.lower_ not in ("k", "m") or nxt.lower_ in ("half", "few", "couple")
    if t.lower_ == "half":  # "half a million"
        return nxt.lower_ in ("a", "an")
    if t.lower_ in FEW:  # "several hundred"
        return nxt.lower_ in SCALES
    return False


def _continues_number(doc: Doc, j: int) -> bool:
    t, prev = doc[j], doc[j - 1]
    low = t.lower_
    if low in ("k", "m", "mn", "mln", "bn"):  # "2m": glued to the digits
        return prev.like_num and t.idx == prev.idx + len(prev)
    if low in _DASHES:
        return prev.lower_ in _NUMBER_LIKE | {"and", "a"} and _next_lower(t) in _NUMBER_LIKE | {"and", "a"}
    if low == "and":  # "two hundred and fifty", "three and a half"; never "14 and 18"
        return prev.lower_ in ("hundred", "thousand", "million") and _next_lower(t) in UNITS or (
            prev.lower_ in UNITS or prev.lower_ in _DASHES) and _next_lower(t) in ("a", "-")
    if low in ("a", "an"):  # "three and a half", "half a million"
        return _next_lower(t) in ("half", "-") or prev.lower_ == "half" and _next_lower(t) in SCALES
    if low == "of":  # "tens of thousands", "hundreds of millions"
        return prev.lower_ in VAGUE and _next_lower(t) in VAGUE
    if low == "half":
        return True
    if low in SCALES or low in VAGUE:
        return True
    return _is_number_word(t) and not prev.like_num  # "1,000 2,000" is two numbers


def _next_lower(t: Token) -> str:
    return t.doc[t.i + 1].lower_ if t.i + 1 < len(t.doc) else ""


def _not_a_count(doc: Doc, i: int, j: int) -> bool:
    """Years, ages, dates, times, money, percentages, ordinals, "one of the", "two-day"."""
    for t in doc[i:j]:
        if t.ent_type_ in ("DATE", "TIME"):
            # the tagger also calls a bare "66" a DATE; trust it when the entity has words
            # other than the number ("two days", "March 3", "a 25-year-old") or is a year
            if any(not (i <= u.i < j) and u.lower_ not in ("the", "about", "some") for u in _entity(doc, t.i)):
                return True
        elif t.ent_type_ in _REJECT_ENTS:
            return True
    nxt = doc[j] if j < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and prev.text in ("$", "€", "£", "¥", "#", "No.", "no."):
        return True
    if prev is not None and prev.lower_ in ("aged", "age", "ages"):
        return True  # "five girls, all aged fifteen"
    if nxt is not None:
        if nxt.lower_ in ("%", "percent", "per", "cent", "years", "year", "o'clock", "am", "pm"):
            return True
        if nxt.lemma_.lower() in _FRACTIONS:
            return True  # "two thirds of those infected"
        if nxt.text in _DASHES and _next_lower(nxt) not in _NUMBER_LIKE:
            return True  # "a 25-year-old", "a two-day shutdown"
        if nxt.lower_ == "of" and doc[i:j].text.lower() == "one":
            return True  # "one of the highest death tolls"
    text = doc[i:j].text
    if j - i == 1 and len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100:
        # "in 2019", "his 2016 arrest", "the 2019 protests"; "killed 1500", "over 1800" stay counts
        if prev is not None and prev.lower_ in _APPROX_LAST or nxt is not None and nxt.lower_ in ("people", "persons"):
            return False
        return prev is None or prev.lower_ in _YEAR_BEFORE or prev.tag_ in ("DT", "PRP$", "IN", "POS")
    if (j - i == 1 and text.isdigit() and int(text) < 130 and prev is not None and nxt is not None
            and prev.text == "," and nxt.text == "," and i >= 2 and doc[i - 2].pos_ in ("PROPN", "NOUN")):
        return True  # "Gutierrez, 79, died": an age
    return False


def _entity(doc: Doc, k: int) -> list[Token]:
    """The tokens of the entity that token k belongs to (cheaper than scanning doc.ents)."""
    start = k
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = k + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return [doc[x] for x in range(start, end)]


def _approximator(doc: Doc, i: int) -> int:
    """Index of the first token of the approximator right before token i, or i if none."""
    if i == 0 or doc[i - 1].lower_ not in _APPROX_LAST:
        return i
    lows = [t.lower_ for t in doc[max(0, i - 3):i]]
    for words in APPROXIMATORS:
        if len(words) <= len(lows) and tuple(lows[len(lows) - len(words):]) == words:
            return i - len(words)
    return i


# -- step 2: which event the number counts --------------------------------------------------

def _count(doc: Doc, p: _Phrase, types: dict[str, str], skip: frozenset[str]) -> Count | None:
    phrase = doc[p.start:p.end]
    head = phrase.root
    # The counted nominal: the noun the number modifies ("18 people"), or the number itself
    # standing as a noun ("killed five", "Dozens of journalists").
    nominal = head.head if head.dep_ in ("nummod", "quantmod") and head.head.i >= p.end else head
    counted = nominal if nominal.i >= p.end else _of_object(nominal)
    if counted is not None and counted.lemma_.lower() in skip:
        return None
    if nominal is head and phrase.text.lower() == "one":
        return None  # bare "one" points back at a noun: "including one in California"
    found = _event_of(nominal, p, types)
    if found is None:
        return None
    event, type_ = found
    if _negated(nominal, event, _anchor(nominal)):
        return None
    obj = ""
    if counted is not None and counted.lemma_.lower() not in _BLANK_OBJECTS:
        lemma = counted.lemma_.lower()
        if not (lemma in types and lemma not in PEOPLE_NOUNS):  # "500 fatalities": no noun
            # As written, with its compounds: "aid workers", "protesters" (the plural the
            # number agrees with), so that the object reads as it does in GDELT's counts.
            words = [c for c in counted.lefts if c.dep_ == "compound" and c.i >= p.end] + [counted]
            obj = " ".join(w.text for w in words).lower()
    tokens = [doc[p.approx_start], doc[p.end - 1], event]
    tokens += [c for c in event.children if c.dep_ == "compound" and c.lemma_.lower() in types]
    if counted is not None and abs(counted.i - p.end) <= 6:
        tokens.append(counted)
    value = p.value
    if counted is not None and counted.i >= p.end and counted.dep_ in _SUBJECTS + ("dobj",):
        # "two women and a man were injured": one more person for each "a NOUN" joined on.
        # Only where the list is the event's own subject or object: in an apposition ("the
        # injured teenagers, three girls and a boy") the labelled data counts the number alone.
        for c in counted.children:
            if (c.dep_ == "conj" and c.pos_ == "NOUN" and c.lemma_.lower() not in skip
                    and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
                    and not any(d.dep_ == "nummod" for d in c.children)):
                value += 1
                tokens.append(c)
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return Count(type=type_, number=value, approximate=p.approximate, object=obj,
                 span=(first.idx, last.idx + len(last)))


def _event_of(nominal: Token, p: _Phrase, types: dict[str, str]) -> tuple[Token, str] | None:
    """The event word whose people `nominal` counts, and its type, by the first rule that holds."""
    inside = range(p.approx_start, p.end)
    # "100 injured", "five seriously injured", "23 dead": the event right after the count
    after = nominal.i + 1 if nominal.i >= p.end else p.end
    doc = nominal.doc
    while after < len(doc) and doc[after].tag_ == "RB":
        after += 1
    if after < len(doc):
        t = doc[after]
        if t.tag_ in ("VBN", "JJ") and _key(t, types) in types and t.i not in inside:
            return t, types[_key(t, types)]
    anchor = _anchor(nominal)
    rel, gov = anchor.dep_, anchor.head
    if rel == "pobj" and p.approx_start <= gov.i < p.start and gov.head is not gov:
        # "infected over 4,200": the parser took the approximator for a preposition
        anchor, gov = gov, gov.head
        rel = "dobj" if gov.i < anchor.i else "nsubj"
    if rel in _SUBJECTS + ("dobj", "npadvmod") and gov is not anchor:
        key = _key(gov, types)
        if key in types and _is_counted_role(rel, gov, key):
            return gov, types[key]
        # "190 were dead", "left 42 people dead", "forced 58,000 to evacuate", "taken hostage"
        counted_arg = "dobj" if any(c.dep_ == "dobj" for c in gov.children) else "subj"
        if (rel == "dobj") == (counted_arg == "dobj"):
            for c in gov.children:
                if c.dep_ in _COMPLEMENTS and _key(c, types) in types and c.lemma_ not in EVENT_NOUNS:
                    return c, types[_key(c, types)]
    # "the death toll rose to 45", "the death toll is 45", "a death toll of 45",
    # "the number of deaths is 66"
    if rel in ("attr", "dobj") and gov.lemma_ in TALLY_VERBS or rel == "pobj" and (
            gov.lower_ in ("to", "at", "of")
            or gov.lower_ == "in" and gov.head.lemma_.lower() in TALLY_NOUNS):  # "count in the hundreds"
        verb = gov if rel != "pobj" else gov.head
        nouns = [verb] if verb.lemma_.lower() in TALLY_NOUNS else [
            c for c in verb.children if c.dep_ in _SUBJECTS + ("dobj",)]
        for noun in nouns:
            tally = _tally_event(noun, types)
            if tally is not None:
                return tally
    # "18,000 people arrested", "35 thousand students protesting", "three injured people"
    for c in anchor.children:
        if c.dep_ in ("acl", "relcl", "amod") and _key(c, types) in types and c.i not in inside:
            if c.dep_ != "relcl" or _relative_clause_counts(c, _key(c, types)):
                return c, types[_key(c, types)]
    # "the arrest of 30 people", "the death of at least 50 people"
    if rel == "pobj" and gov.lower_ == "of" and _key(gov.head, types) in types and gov.head.pos_ == "NOUN":
        if gov.head.lemma_ not in EVENT_NOUNS:
            return gov.head, types[_key(gov.head, types)]
    # "500 fatalities", "45 protesters", "23 dead", "thousands of protesters"
    for noun in (nominal, _of_object(nominal) if nominal.i < p.end else None):
        if noun is not None and _key(noun, types) in types and noun.lemma_ not in EVENT_NOUNS:
            if noun.pos_ in ("NOUN", "ADJ", "PROPN") or noun.tag_ in ("NNS", "NN", "JJ"):
                return noun, types[_key(noun, types)]
    return None


def _anchor(t: Token) -> Token:
    """Climb conjuncts and "including"/"among" lists to the phrase that holds the relation:
    "killed five children and two truck drivers", "killed 62, including 54 children"."""
    seen = 0
    while seen < 8:
        seen += 1
        if t.dep_ in ("conj", "appos") and t.head is not t and t.head.pos_ in ("NOUN", "NUM", "PROPN", "PRON"):
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() == "total" and (
                t.head.head.dep_ in _SUBJECTS + ("dobj",)):
            t = t.head.head  # "a total of 39 are confirmed dead": the total holds the relation
        elif t.dep_ == "pobj" and t.head.lower_ in ("including", "among") and t.head.head is not t.head:
            held = t.head.head
            if held.pos_ in ("VERB", "AUX"):  # "killed at least 62, including 54 children"
                objs = [c for c in held.children if c.dep_ in ("dobj", "nsubjpass") and c.i < t.i]
                if not objs:
                    break
                held = objs[-1]
            t = held
        else:
            break
    return t


def _is_counted_role(rel: str, verb: Token, key: str) -> bool:
    """Does the argument in relation `rel` name the people the event happened to (not the doers)?"""
    if rel in ("nsubjpass", "csubjpass", "dobj"):
        return True
    if key in INTRANSITIVE or verb.pos_ in ("ADJ", "NOUN"):
        return True
    # "30 arrested" (a headline's passive): a transitive verb with no object of its own
    return rel in ("nsubj", "npadvmod") and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)


def _relative_clause_counts(verb: Token, key: str) -> bool:
    """ "12 people who were killed", "30 people police arrested": the noun is the one the
    event happened to. "20 people who killed", "one reason he's hurting": it is not."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if any(c.dep_ == "dobj" for c in verb.children):
        return bool(subjects) and all(c.tag_ in ("WDT", "WP") for c in subjects) and key in INTRANSITIVE
    if not subjects or all(c.tag_ in ("WDT", "WP") for c in subjects):
        return True  # the noun is the subject gap ("who were killed", "who died")
    # another subject: the noun fills the object gap of a transitive verb
    return key not in INTRANSITIVE and verb.tag_ in ("VBD", "VBN")


def _tally_event(noun: Token, types: dict[str, str]) -> tuple[Token, str] | None:
    low = noun.lemma_.lower()
    if low in TALLY_NOUNS:
        for c in noun.children:  # "death toll", "the number of arrests"
            if c.dep_ == "compound" and _key(c, types) in types:
                return noun, types[_key(c, types)]
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:
                    if o.dep_ == "pobj" and _key(o, types) in types:
                        return o, types[_key(o, types)]
                    for a in o.children:  # "the number of those infected"
                        if o.dep_ == "pobj" and a.dep_ in ("acl", "relcl") and _key(a, types) in types:
                            return a, types[_key(a, types)]
        if low == "toll" and "toll" in types:
            return noun, types["toll"]
    return None


def _of_object(t: Token) -> Token | None:
    """"Dozens of journalists": the noun a bare number counts."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN"):
                    return o
    return None


def _key(t: Token, types: dict[str, str]) -> str:
    """The lexicon key of a word: lemma + particle for a listed phrasal verb, else its lemma."""
    lemma = t.lemma_.lower()
    for c in t.children:
        if c.dep_ == "prt" and f"{lemma} {c.lower_}" in types:
            return f"{lemma} {c.lower_}"
    return lemma


def _negated(nominal: Token, event: Token, anchor: Token) -> bool:
    """ "No one was killed", "were not arrested", "don't hold thousands hostage": no count, not 0."""
    words = [event, event.head] if event.dep_ in _COMPLEMENTS else [event]
    if anchor.dep_ in _SUBJECTS + ("dobj",):
        words.append(anchor.head)
    if any(c.dep_ == "neg" for w in words for c in w.children):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "zero") for c in nominal.children)
