"""People: one cluster per person, joining surnames, misspellings and NER's misses.

Edit distance is optimal string alignment (a transposition counts once, so
"Blniken" is one edit from "Blinken"): at most 1 for names of 5-8 letters,
2 from 9 letters, never for shorter names (too many real names differ by one).
Fuzzy comparisons only run against the article's few known surnames, so the
cost is tokens x people, not tokens x tokens.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA
from spacy.tokens import Doc

from newsgraph.data.countries import PLACES, country, demonym_country
from newsgraph.data.lexicon import words as lexicon
from newsgraph.extract.entities_types import Cand, Cluster

_SUFFIXES = lexicon("en", "titles", "name_suffixes")
# Types NER confuses with people; a mention of these equal to a person's name is that person.
_REPAIRABLE = {"ORG", "PLACE", "GROUP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}


def name_words(text: str) -> list[str]:
    words = text.replace("’", "'").split()
    while len(words) > 1 and words[-1].lower().rstrip(",") in _SUFFIXES:
        words.pop()
    return words


def close(a: str, b: str) -> bool:
    """Same name up to a small misspelling (casefolded inputs)."""
    if a == b:
        return True
    n = min(len(a), len(b))
    if n < 5 or abs(len(a) - len(b)) > 2:
        return False
    return OSA.distance(a, b) <= (2 if n >= 9 else 1)


def _surname(cl: Cluster) -> str:
    return cl.words[-1].casefold()


def _first(cl: Cluster) -> str | None:
    return cl.words[0].casefold() if len(cl.words) > 1 else None


def _first_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    a0, b0 = a.rstrip("."), b.rstrip(".")
    if len(a0) == 1 or len(b0) == 1:  # an initial: "J. Cleverly"
        return a0[:1] == b0[:1]
    return close(a, b)


def cluster_people(cands: list[Cand], titles: dict[int, tuple[list[str], set[str]]]) -> list[Cluster]:
    """PERSON candidates -> clusters. `titles` maps id(cand) to (titles, qualifier countries)."""
    people: list[Cluster] = []
    persons = [c for c in cands if c.type == "PERSON"]
    for c in persons:  # full names first, so a lone surname finds its person wherever it is
        words = name_words(c.text)
        if len(words) < 2:
            continue
        last, first = words[-1].casefold(), words[0].casefold()
        match = next(
            (p for p in people if len(p.words) > 1 and close(_surname(p), last)
             and _first_compatible(_first(p), first)),
            None,
        )
        if match is None:
            match = Cluster("PERSON", words=words)
            people.append(match)
        elif len(words) > len(match.words):
            match.words = words
        _add(match, c, titles)
    for c in persons:
        words = name_words(c.text)
        if len(words) != 1:
            continue
        match = _match_single(words[0], c.start, people)
        if match is None and (c.text in PLACES or country(c.text)):
            c.type = "PLACE"  # "Kyiv" tagged PERSON
            continue
        if match is None:
            match = Cluster("PERSON", words=words)
            people.append(match)
        _add(match, c, titles)
    return people


_ORG_WORDS = lexicon("en", "speakers", "org_name_words")
_PLATFORMS = lexicon("en", "speakers", "platforms")
_GROUP_ENDINGS = lexicon("en", "speakers", "group_name_endings")
_PLACE_ENDINGS = lexicon("en", "speakers", "place_name_endings")
_SPEECH = lexicon("en", "quote_cues", "cue_verbs") | lexicon("en", "quote_cues", "direct_only_verbs")


def retype(doc: Doc, cands: list[Cand]) -> None:
    """Types from evidence in the text, over NER's label: "Twitter" is an organisation, "Texas
    Democrats" a group, "Main Street" a place, and a two- or three-word name tagged ORG or
    PLACE is a person when it, or its last word alone, is the subject of a speech verb
    ("Amanda Nunes ... Nunes said") and no word of it names an organisation."""
    # "Texas Democrats": NER splits a place and a party's members; together they are one group
    text = doc.text
    merged: list[Cand] = []
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        prev = merged[-1] if merged else None
        if (prev is not None and prev.type == "PLACE" and c.type == "GROUP" and c.text.casefold() in _GROUP_ENDINGS
                and text[prev.end:c.start] == " "):
            merged[-1] = Cand(prev.start, c.end, text[prev.start:c.end], "GROUP", c.source, prev.tok_start, c.tok_end)
            continue
        merged.append(c)
    cands[:] = merged
    speakers = set()
    for t in doc:
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in _SPEECH and t.pos_ == "PROPN":
            speakers.add(t.text.casefold())
    for c in cands:
        words = c.text.split()
        if not words:
            continue
        low = [w.casefold() for w in words]
        if len(words) == 1 and low[0] in _PLATFORMS:
            c.type = "ORG"
        elif len(words) > 1 and low[-1] in _GROUP_ENDINGS and c.type in ("ORG", "PERSON", "PLACE"):
            c.type = "GROUP"
        elif len(words) > 1 and low[-1] in _PLACE_ENDINGS and c.type in ("ORG", "PERSON"):
            c.type = "PLACE"
        elif (c.type in ("ORG", "PLACE", "PRODUCT", "WORK_OF_ART") and 2 <= len(words) <= 3
              and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)
              and not any(w in _ORG_WORDS for w in low) and low[-1] in speakers
              and not (c.type == "PLACE" and (country(c.text) or c.text in PLACES))):
            c.type = "PERSON"


def repair_labels(cands: list[Cand], people: list[Cluster]) -> None:
    """An ORG/PLACE/... mention equal to (or one slip from) a person's name becomes that person."""
    full = {" ".join(p.words).casefold(): p for p in people if len(p.words) > 1}
    for c in cands:
        if c.type not in _REPAIRABLE:
            continue
        if c.type == "PLACE" and (country(c.text) or c.text in PLACES):
            continue
        if c.type == "GROUP" and demonym_country(c.text):
            continue
        words = name_words(c.text)
        match = full.get(" ".join(words).casefold())
        if match is None and len(words) == 1:
            match = _match_single(words[0], c.start, [p for p in people if len(p.words) > 1])
        if match is not None:
            c.type = "PERSON"
            match.mentions.append(c)


def add_untagged(doc: Doc, cands: list[Cand], people: list[Cluster]) -> None:
    """Capitalised proper nouns NER left untagged that name a known person ("Cleverly agreed")."""
    if not people:
        return
    covered = bytearray(doc[-1].idx + len(doc[-1]) if len(doc) else 0)
    for c in cands:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    known = [p for p in people if len(p.words) > 1]
    by_surname: dict[str, list[Cluster]] = {}
    for p in people:
        by_surname.setdefault(_surname(p), []).append(p)
    for t in doc:
        if t.pos_ != "PROPN" or not t.is_alpha or len(t) < 3 or not t.text[0].isupper():
            continue
        if any(covered[t.idx : t.idx + len(t)]):
            continue
        # A neighbouring capitalised name word means a different, longer name.
        if any(_name_like(n) for n in _neighbours(doc, t)):
            continue
        word = t.text.casefold()
        exact = by_surname.get(word)
        if exact:
            match = _nearest(exact, t.idx)
        else:
            if t.is_sent_start or t.is_stop or len(t) < 5 or demonym_country(t.text) or t.text in PLACES:
                continue
            match = _match_single(t.text, t.idx, known)
        if match is not None:
            c = Cand(t.idx, t.idx + len(t), t.text, "PERSON", "surname", t.i, t.i + 1)
            cands.append(c)
            match.mentions.append(c)


def _match_single(word: str, at: int, people: list[Cluster]) -> Cluster | None:
    """A lone name: the person with that surname (the nearest one before when several),
    else the one person a misspelling away. First names alone are not matched: headline
    casing makes NER glue words to names ("Obama Speech"), which would then own "Obama"."""
    w = word.casefold()
    exact = [p for p in people if _surname(p) == w]
    if exact:
        return _nearest(exact, at)
    near = [p for p in people if close(_surname(p), w)]
    return near[0] if len(near) == 1 else None


def _nearest(people: list[Cluster], at: int) -> Cluster:
    before = [(max((m.start for m in p.mentions if m.start < at), default=-1), -i) for i, p in enumerate(people)]
    best = max(range(len(people)), key=lambda i: before[i])
    return people[best] if before[best][0] >= 0 else people[0]


def _add(cl: Cluster, c: Cand, titles: dict[int, tuple[list[str], set[str]]]) -> None:
    cl.mentions.append(c)
    found, quals = titles.get(id(c), ([], set()))
    cl.titles += found
    cl.qualifiers |= quals


def _neighbours(doc: Doc, t):
    sent = t.sent
    if t.i > sent.start:
        yield doc[t.i - 1]
    if t.i + 1 < sent.end:
        yield doc[t.i + 1]


def _name_like(t) -> bool:
    return t.pos_ == "PROPN" and t.is_alpha and t.text[0].isupper()
