"""Titles of people: read before a name or in an apposition, then found on their own.

"U.S. Secretary of State Antony Blinken" -> "Secretary of State" (qualifier: United States)
"British Foreign Secretary James Cleverly" -> "Foreign Secretary" (qualifier: United Kingdom)
"Jake Sullivan, the national security adviser," -> "national security adviser"

Qualifiers (countries, organisations, determiners, possessors) are not part of a
title; the text's casing is kept. Entities inside a title ("State" in "Secretary
of State") are dropped. A later "the Secretary of State" or "the top U.S.
diplomat" becomes a mention of the one person holding that title (and, when the
phrase names a country, whose title was qualified by that country).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsgraph.data.countries import demonym_country
from newsgraph.data.lexicon import words as lexicon
from newsgraph.extract.entities_types import Cand, Cluster

# Words that make a phrase a title (lowercase; lemmas also checked, "advisers"), and
# honorifics: data/en/titles.json, loaded once.
HEADS = lexicon("en", "titles", "heads")
HONORIFICS = lexicon("en", "titles", "honorifics")
_STOP_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_QUALIFIER_ENTS = {"GPE", "NORP", "ORG", "LOC", "FAC"}
# Descriptions standing for a title: "the top U.S. diplomat" is the U.S. foreign minister.
_FOREIGN = lexicon("en", "titles", "foreign_minister_titles")
_DESCRIPTIONS = re.compile(r"\b(?:top|chief)\s+(?:([A-Z][\w.]*)\s+)?diplomat\b")


def is_head(t: Token) -> bool:
    return t.lower_ in HEADS or t.lemma_.lower() in HEADS


def attach_titles(doc: Doc, cands: list[Cand], text: str) -> tuple[dict[int, tuple[list[str], set[str]]], list[tuple[int, int]]]:
    """Titles of each PERSON candidate (keyed by id(cand)) and the char spans titles cover."""
    found: dict[int, tuple[list[str], set[str]]] = {}
    spans: list[tuple[int, int]] = []
    for c in cands:
        if c.type != "PERSON" or c.tok_start < 0:
            continue
        inner = _strip_inner(doc, c, text)
        titles, quals = [], set()
        for toks in (_prefix(doc, c, inner), *_appositions(doc, c)):
            got = _title(doc, toks)
            if got:
                (s, e), q = got
                titles.append(text[s:e])
                quals |= q
                spans.append((s, e))
        if titles:
            found[id(c)] = (titles, quals)
    return found, spans


def title_mentions(doc: Doc, cands: list[Cand], people: list[Cluster], text: str) -> list[tuple[int, int]]:
    """Add title-only and description mentions to their one holder; return the spans they cover."""
    holders: dict[str, list[Cluster]] = {}
    for p in people:
        for t in {t.casefold() for t in p.titles}:
            holders.setdefault(t, []).append(p)
    taken = [(c.start, c.end) for c in cands]
    added: list[tuple[int, int]] = []
    for title, who in holders.items():
        # One-word titles must match in case too: "the president" is too often someone else.
        flags = re.IGNORECASE if " " in title or "-" in title else 0
        forms = {t for p in who for t in p.titles if t.casefold() == title} if not flags else {title}
        pattern = r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])"
        for m in re.finditer(pattern, text, flags):
            span = doc.char_span(*m.span())
            if span is None or _overlaps_partly(m.span(), taken):
                continue
            after = doc[span.end] if span.end < len(doc) else None
            if after is not None and (after.lower_ == "of" or (after.text[:1].isupper() and after.pos_ == "PROPN")):
                continue  # a title before a name, or a longer title ("President of France")
            quals = _definite(doc, span.start)
            if quals is None:
                continue
            match = [p for p in who if not quals or not p.qualifiers or quals & p.qualifiers]
            if len(match) == 1:
                _add(match[0], cands, span, added)
    for m in _DESCRIPTIONS.finditer(text):
        span = doc.char_span(*m.span())
        if span is None or _definite(doc, span.start) is None:
            continue
        q = demonym_country(m.group(1)) if m.group(1) else None
        match = [p for p in people if {t.casefold() for t in p.titles} & _FOREIGN
                 and (q is None or q in p.qualifiers)]
        if len(match) == 1:
            _add(match[0], cands, span, added)
    return added


def _add(p: Cluster, cands: list[Cand], span: Span, added: list[tuple[int, int]]) -> None:
    c = Cand(span.start_char, span.end_char, span.text, "PERSON", "title", span.start, span.end)
    p.mentions.append(c)
    cands.append(c)
    added.append((c.start, c.end))


def _definite(doc: Doc, i: int) -> set[str] | None:
    """Countries qualifying a title at token i when it is definite ("the [U.S.] ..."), else None."""
    quals: set[str] = set()
    k = i - 1
    while k >= 0 and k >= i - 3:
        t = doc[k]
        q = demonym_country(t.text)
        if t.lower_ == "the":
            return quals
        if t.text in ("'s", "’s") and k > 0 and demonym_country(doc[k - 1].text):
            return quals | {demonym_country(doc[k - 1].text)}
        if q:
            quals.add(q)
        elif t.lower_ not in ("former", "top", "new", "outgoing", "then"):
            return None
        k -= 1
    return None


def _overlaps_partly(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    s, e = span
    return any(a < e and s < b and not (s <= a and b <= e) for a, b in taken)


def _strip_inner(doc: Doc, c: Cand, text: str) -> int:
    """Move a PERSON candidate past titles and honorifics NER put inside it; return its old start."""
    old = c.tok_start
    i = c.tok_start
    while i < c.tok_end - 1 and (doc[i].lower_ in HONORIFICS or is_head(doc[i])):
        i += 1
    if i != c.tok_start:
        c.tok_start, c.start = i, doc[i].idx
        c.text = text[c.start:c.end]
    return old


def _prefix(doc: Doc, c: Cand, inner: int) -> list[Token]:
    """The title-like run of words before a name, within its sentence."""
    sent_start = doc[c.tok_start].sent.start
    run: list[Token] = []
    j = c.tok_start - 1
    while j >= sent_start and len(run) < 8:
        t = doc[j]
        if t.ent_type_ in _STOP_ENTS or (t.ent_type_ == "PERSON" and j < inner):
            break
        if t.text == "-" and run and not t.whitespace_ and j > sent_start and not doc[j - 1].whitespace_:
            run.append(t)  # "Secretary-General"
        elif t.lower_ == "of" and run and run[-1].text[:1].isupper() and j > sent_start and doc[j - 1].text[:1].isupper():
            run.append(t)
        elif t.pos_ in ("PROPN", "NOUN", "ADJ") and (
            t.text[:1].isupper() or t.dep_ in ("compound", "amod") or is_head(t)
        ) and t.lower_ not in HONORIFICS:
            run.append(t)
        elif t.lower_ in HONORIFICS and not run:
            pass  # "Mr." is not a title; look past it
        else:
            break
        j -= 1
    return run[::-1]


def _appositions(doc: Doc, c: Cand) -> list[list[Token]]:
    """Title nouns in apposition: "Sullivan, the national security adviser," and the reverse."""
    root = doc[c.tok_start:c.tok_end].root
    out = []
    for ch in root.children:
        if ch.dep_ == "appos" and ch.i >= c.tok_end and is_head(ch):
            out.append(_noun_phrase(doc, ch))
    h = root.head
    if root.dep_ == "appos" and h.i < c.tok_start and is_head(h):
        out.append(_noun_phrase(doc, h))
    return out


def _noun_phrase(doc: Doc, head: Token) -> list[Token]:
    toks = [t for t in doc[head.left_edge.i : head.i + 1]]
    # "President Biden's national security adviser": the title starts after the possessor.
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text in ("'s", "’s") or toks[k].dep_ == "poss" or toks[k].is_punct:
            toks = toks[k + 1 :]
            break
    for ch in head.rights:  # "the Minister of Foreign Affairs"
        if ch.dep_ == "prep" and ch.lower_ == "of":
            tail = list(ch.subtree)
            if len(tail) <= 4 and all(t.is_alpha for t in tail):
                toks += tail
            break
    return toks


def _title(doc: Doc, toks: list[Token]) -> tuple[tuple[int, int], set[str]] | None:
    """Strip leading determiners and qualifiers; a title must hold a head word."""
    quals: set[str] = set()
    toks = list(toks)
    if toks and toks[0].i > 1 and doc[toks[0].i - 1].text in ("'s", "’s"):
        q = demonym_country(doc[toks[0].i - 2].text)  # "Ukraine's President ..."
        if q:
            quals.add(q)
    while toks:
        t = toks[0]
        if t.pos_ not in ("ADJ", "NOUN", "PROPN") or t.lower_ in HONORIFICS:
            toks.pop(0)
        elif t.ent_type_ in _QUALIFIER_ENTS:
            n = 1  # the whole qualifier entity: "United States", "White House"
            while n < len(toks) and toks[n].ent_iob_ == "I" and toks[n].ent_type_ == t.ent_type_:
                n += 1
            q = demonym_country(doc[t.i : t.i + n].text)
            quals |= {q} if q else set()
            del toks[:n]
        elif demonym_country(t.text):
            quals.add(demonym_country(t.text))
            toks.pop(0)
        else:
            break
    if not toks or not any(is_head(t) for t in toks) or toks[0].lower_ == "of":
        return None
    return (toks[0].idx, toks[-1].idx + len(toks[-1])), quals
