"""Entity resolution steps: NER candidates -> people and other clusters -> Entity records.

The order matters: titles are read before people are clustered (a title's words
are not entities), people before other types (so a misspelt surname tagged ORG
or GPE can be repaired into its person first).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph import names
from newsgraph.article import Entity, Mention
from newsgraph.extract.entities_types import Cand, Cluster
from newsgraph.data.countries import AMBIGUOUS, PLACES, all_forms, country, demonym_country

# spaCy label -> newsgraph type; labels not here (DATE, TIME, MONEY, CARDINAL,
# ORDINAL, PERCENT, QUANTITY) are values, not referents, and are skipped.
TYPES = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
    "NORP": "GROUP", "EVENT": "EVENT", "LAW": "LAW", "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "WORK_OF_ART", "LANGUAGE": "LANGUAGE",
}

_POSSESSIVE = {"'s", "’s", "'", "’"}
_COUNTRY_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in all_forms()) + r")(?![\w])"
)


def normalize_text(text: str) -> str:
    """A surface form as mentions store it: no leading "the", no trailing "'s", single spaces."""
    return names.surface(text)


def build_entities(doc: Doc) -> list[Entity]:
    from newsgraph.extract.entities_people import add_untagged, cluster_people, repair_labels, retype
    from newsgraph.extract.entities_titles import attach_titles, title_mentions

    text = doc.text  # Doc.text joins every token on each access: read it once
    cands = ner_candidates(doc, text)
    cands += country_gaps(text, cands)
    cands.sort(key=lambda c: (c.start, c.end))
    retype(doc, cands)
    person_titles, drop = attach_titles(doc, cands, text)
    cands = [c for c in cands if not _inside_any(c, drop) or c.type == "PERSON"]
    people = cluster_people(cands, person_titles)
    repair_labels(cands, people)
    add_untagged(doc, cands, people)
    drop = title_mentions(doc, cands, people, text)
    others = cluster_others(
        [c for c in cands if c.type != "PERSON" and not _inside_any(c, drop)]
    )
    return to_entities(people + others)


def ner_candidates(doc: Doc, full: str) -> list[Cand]:
    out = []
    for ent in doc.ents:
        kind = TYPES.get(ent.label_)
        if kind is None:
            continue
        i, j = _trim(doc, ent.start, ent.end)
        while kind == "PERSON" and j - i > 1 and doc[j - 1].pos_ in ("VERB", "AUX"):
            j -= 1  # headline casing: "Obama Says ..."
        if i >= j:
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        text = full[start:end]
        if kind != "PLACE" and country(text) and not (kind == "PERSON" and text in AMBIGUOUS):
            kind = "PLACE"  # "U.S." tagged ORG is still the country
        out.append(Cand(start, end, text, kind, ent.label_, i, j))
    return out


def country_gaps(text: str, cands: list[Cand]) -> list[Cand]:
    """Country forms NER missed ("U..S"), where no other mention overlaps them."""
    taken = sorted((c.start, c.end) for c in cands)
    out = []
    for m in _COUNTRY_RE.finditer(text):
        s, e = m.span()
        if m.group() in AMBIGUOUS or any(a < e and s < b for a, b in taken):
            continue
        out.append(Cand(s, e, m.group(), "PLACE", "country"))
    return out


def cluster_others(cands: list[Cand]) -> list[Cluster]:
    groups: dict[tuple[str, str], Cluster] = {}
    for c in cands:
        canonical = country(c.text) if c.type == "PLACE" else None
        key = (c.type, (canonical or normalize_text(c.text)).casefold())
        cl = groups.setdefault(key, Cluster(c.type, canonical=canonical))
        cl.mentions.append(c)
    # An acronym joins the organisation it abbreviates ("NATO" and
    # "North Atlantic Treaty Organization"), when exactly one spells it.
    orgs = [cl for (t, _), cl in groups.items() if t == "ORG"]
    by_acronym: dict[str, list[Cluster]] = {}
    for cl in orgs:
        a = _acronym(_fullest(cl))
        if len(a) >= 2:
            by_acronym.setdefault(a, []).append(cl)
    merged: set[int] = set()
    for cl in orgs:
        name = _fullest(cl)
        full = by_acronym.get(name.replace(".", ""), [])
        if name.replace(".", "").isupper() and len(full) == 1 and full[0] is not cl:
            full[0].mentions += cl.mentions
            merged.add(id(cl))
    _merge_qualified(groups, merged)
    return [cl for cl in groups.values() if id(cl) not in merged]


def _merge_qualified(groups: dict[tuple[str, str], Cluster], merged: set[int]) -> None:
    """"U.S. State Department" and "State Department" are one ORG, when only one country
    qualifies that name in the article ("Russian" and "Ukrainian Defense Ministry" are two)."""
    qualified: dict[str, list[tuple[str, Cluster]]] = {}
    for (t, key), cl in groups.items():
        if t != "ORG" or id(cl) in merged:
            continue
        words = _fullest(cl).split()
        for n in (1, 2):
            q = demonym_country(" ".join(words[:n])) if len(words) - n >= 2 else None
            if q:
                qualified.setdefault(" ".join(words[n:]).casefold(), []).append((q, cl))
                break
    for rest, found in qualified.items():
        plain = groups.get(("ORG", rest))
        if plain is None or id(plain) in merged or len({q for q, _ in found}) != 1:
            continue
        first = found[0][1]
        first.mentions += plain.mentions
        merged.add(id(plain))
        for _, cl in found[1:]:  # "U.S. State Department" and "US State Department"
            first.mentions += cl.mentions
            merged.add(id(cl))


def to_entities(clusters: list[Cluster]) -> list[Entity]:
    clusters = sorted((c for c in clusters if c.mentions), key=lambda c: c.first_start)
    out = []
    for n, cl in enumerate(clusters, 1):
        seen: dict[tuple[int, int], Mention] = {}
        for m in sorted(cl.mentions, key=lambda m: (m.start, m.end)):
            seen.setdefault((m.start, m.end), Mention(m.text, (m.start, m.end)))
        titles: list[str] = []
        for t in cl.titles:
            if t.casefold() not in {x.casefold() for x in titles}:
                titles.append(t)
        name = cl.canonical or (" ".join(cl.words) if cl.words else _fullest(cl))
        out.append(Entity(f"e{n}", name, cl.type, titles, list(seen.values())))
    return out


def _fullest(cl: Cluster) -> str:
    """Most words, then most frequent, then first seen."""
    counts = Counter(normalize_text(m.text) for m in cl.mentions)
    order = {t: i for i, t in reversed(list(enumerate(normalize_text(m.text) for m in cl.mentions)))}
    return min(counts, key=lambda t: (-len(t.split()), -counts[t], order[t]))


def _acronym(name: str) -> str:
    words = [w for w in name.split() if w[:1].isupper() and w.lower() not in {"of", "the", "and", "for"}]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _trim(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing possessives/punctuation from a token range."""
    while i < j and (doc[i].lower_ == "the" or doc[i].is_punct):
        i += 1
    while j > i and (doc[j - 1].text in _POSSESSIVE or (doc[j - 1].is_punct and doc[j - 1].text != ".")):
        j -= 1
    return i, j


def _inside_any(c: Cand, spans: list[tuple[int, int]]) -> bool:
    """Inside a title's span: its words are not entities, except country qualifiers
    ("U.S." in "the top U.S. diplomat" still names the country)."""
    if c.type == "PLACE" and country(c.text):
        return False
    return any(a <= c.start and c.end <= b for a, b in spans)


__all__ = ["Cand", "Cluster", "TYPES", "build_entities", "normalize_text", "PLACES"]
