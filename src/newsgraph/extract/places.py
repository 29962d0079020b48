"""Places: every place entity resolved to a GeoNames entry, offline (docs/places.md).

extract_places(doc, entities, dateline=None) -> list[Place]

The place entities (PLACE: spaCy's GPE, LOC, FAC) and the GROUP entities that are a
country's or continent's demonym or adjective ("Turkish", "Iranian", "European") are
resolved together by newsgraph.geo.resolve, so each one's choice can use the others
(their countries, divisions and distance) and the dateline. A place whose name is in
no gazetteer entry keeps `geo` None with a `reason`; it never stops the others.

Two repairs of the NER, both limited to well-known places (a country, a first-level
division, a city of >= 100,000 by its primary name): an ORG or PERSON entity that is
such a place ("Edmonton" tagged ORG, "Aleppo" tagged PERSON) is taken as a place, and
such a place inside an organisation's name ("Kentucky State Police", "Government of
Alberta") is a place mention too (`within` names the organisation).

A mention used as an actor - the subject of a verb that is not about location
("Washington said", "Moscow rejected the plan") - is metonymy: the place stays
linked, and the fact says so (`metonymy`, `metonymy_spans`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgraph.article import Entity, EntityRef, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Place", "Geo", "extract_places"]

# Verbs whose subject stays a place ("Paris lies on the Seine"); any other verb with a
# place as its subject makes the place an actor.
_LOCATIVE_VERBS = frozenset({
    "be", "lie", "sit", "border", "host", "have", "remain", "become", "stretch", "cover",
    "contain", "include", "experience", "see", "receive", "suffer", "record", "report",
})


@dataclass
class Geo:
    geonameid: int
    name: str
    feature_class: str  # P (populated place), A (country, division), L (continent, macro-region)
    feature_code: str  # PPL, PPLC, ADM1, ADM2, PCLI, CONT, RGN
    country_code: str  # ISO 3166-1 alpha-2 ("" for a continent or macro-region)
    country_fips: str  # FIPS 10-4, as GDELT uses
    adm1_code: str | None  # GeoNames first-level division code ("US.TX")
    adm1_name: str | None
    lat: float
    lon: float
    population: int


@dataclass
class Place:
    entity: EntityRef | None  # the place entity; None for a place inside an organisation's name
    name: str  # the entity's name in the article (or the place's words inside `within`)
    spans: list[Span]
    geo: Geo | None = None
    confidence: float = 0.0  # the ranker's probability of its choice among the candidates
    evidence: list[str] = field(default_factory=list)  # what decided it, strongest first
    reason: str | None = None  # why geo is None
    candidates: int = 0
    metonymy: bool = False  # a mention is used as an actor ("Washington said")
    metonymy_spans: list[Span] = field(default_factory=list)
    demonym: bool = False  # an adjective or demonym of the place ("Turkish")
    within: EntityRef | None = None  # the organisation whose name holds it ("Kentucky State Police")


WELL_KNOWN_POPULATION = 100_000


def _well_known(gaz, name: str) -> bool:
    """A name that is a country's, or the primary name of a first-level division or of a
    city of >= 100,000: safe to take as a place where NER called it ORG or PERSON."""
    from newsgraph.data.countries import country
    from newsgraph.geo.gazetteer import KINDS, MATCH_PRIMARY

    if country(name):
        return True
    if len(name) < 3 or not name[0].isupper():
        return False
    recs, match = gaz.lookup(name)
    for i, mk in zip(recs.tolist(), match.tolist()):
        kind = KINDS[int(gaz.kind[i])]
        if mk != MATCH_PRIMARY:
            continue
        if kind in ("country", "adm1") or (kind in ("city", "capital") and gaz.pop[i] >= WELL_KNOWN_POPULATION):
            return True
    return False


def _repaired(gaz, e: Entity) -> bool:
    """An ORG or PERSON entity that is a well-known place ("Edmonton" as ORG, "Aleppo" as
    PERSON): every mention is the same one-word-per-name form, and no title is attached."""
    if e.titles or not e.mentions:
        return False
    forms = {m.text for m in e.mentions}
    if len(forms) != 1:
        return False
    (form,) = forms
    if e.type == "PERSON" and " " in form:  # "John Cairns" is a person
        return False
    return _well_known(gaz, form)


def _nested(doc, gaz, e: Entity) -> list[tuple[str, Span]]:
    """Places inside an organisation's name ("Kentucky State Police", "Government of
    Alberta", "CBC Toronto"): capitalised runs of tokens, the longest well-known ones."""
    out = []
    for m in e.mentions:
        sp = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if sp is None:
            continue
        runs, run = [], []
        for tok in sp:
            if tok.text[:1].isupper() and tok.is_alpha or tok.text in ("U.S.", "U.K.", "UK", "US"):
                run.append(tok)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        for run in runs:
            i = 0
            while i < len(run):
                for n in range(min(3, len(run) - i), 0, -1):
                    toks = run[i:i + n]
                    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                    text = doc.text[start:end]
                    if (start, end) != tuple(m.span) and _well_known(gaz, text):
                        out.append((text, (start, end)))
                        i += n
                        break
                else:
                    i += 1
    return out


def _toponyms(doc, entities: list[Entity], *, demonyms: bool, repair: bool, nested: bool):
    """(entity or None, Toponym, demonym?, within) for each place to resolve."""
    from newsgraph.data.countries import country
    from newsgraph.geo.gazetteer import load
    from newsgraph.geo.resolve import Toponym, adjective_place

    gaz = load()
    out = []
    by_key: dict[str, int] = {}
    for e in entities:
        forms = list(dict.fromkeys(m.text for m in e.mentions))
        spans = [tuple(m.span) for m in e.mentions]
        if e.type == "PLACE" or (repair and e.type in ("ORG", "PERSON") and _repaired(gaz, e)):
            name = country(e.name) or e.name
            by_key.setdefault(name.casefold(), len(out))
            out.append((e, Toponym(name=name, forms=forms, spans=spans), False, None))
        elif e.type == "GROUP" and demonyms:
            adj = adjective_place(gaz, e.name)
            # Only adjectival uses name the place ("a Turkish policeman"); "Americans said"
            # names people.
            spans = [s for s in spans if _adjectival(doc, s)] if doc is not None else spans
            if adj and spans:
                out.append((e, Toponym(name=adj[0], forms=[], spans=spans, country=adj[1]), True, None))
    if nested and doc is not None:
        for e in entities:
            if e.type != "ORG" or (repair and _repaired(gaz, e)):
                continue
            for text, span in _nested(doc, gaz, e):
                name = country(text) or text
                k = by_key.get(name.casefold())
                if k is None:
                    by_key[name.casefold()] = len(out)
                    out.append((None, Toponym(name=name, forms=[text], spans=[span]), False, e.id))
                elif span not in out[k][1].spans:
                    out[k][1].spans.append(span)
                    if text not in out[k][1].forms:
                        out[k][1].forms.append(text)
    for _, t, _, _ in out:
        t.spans.sort()
    return out


# Evidence from the article's other places: a place it supports is kept even when its name
# is also a person's first name in the article.
_CONTEXT_EVIDENCE = frozenset({"containing place named in the text", "other places' countries",
                               "other places' divisions", "distance to other places", "dateline",
                               "other places inside it"})


def _person_first_names(entities: list[Entity]) -> frozenset[str]:
    """The first names of the article's people named in full ("Georgia Stevens"): a place
    mention that is only such a name, and that the article's other places do not support,
    is the person ("Georgia began skating at four")."""
    out = set()
    for e in entities:
        words = e.name.split()
        if e.type == "PERSON" and len(words) >= 2 and words[0].isalpha() and all(w[:1].isupper() for w in words):
            out.add(words[0])
    return frozenset(out)


def _adjectival(doc, span: Span) -> bool:
    """A demonym used as a modifier or adjective ("Turkish capital", "the French said" is
    not: a noun for people)."""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return True
    root = sp.root
    if root.tag_ in ("NNS", "NNPS"):  # "Americans", "Canadians"
        return False
    return root.dep_ in ("amod", "compound", "nmod", "npadvmod") or root.pos_ == "ADJ"


def _metonymy(doc: Doc, span: Span) -> bool:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return False
    root = sp.root
    head = root.head
    return (root.dep_ in ("nsubj",) and head.pos_ == "VERB" and head.lemma_.lower() not in _LOCATIVE_VERBS)


def _resolve_one(t, text: str, dateline: str | None, url: str | None = None):
    from newsgraph.geo.resolve import Resolution, resolve_toponyms

    try:
        return resolve_toponyms([t], text=text, dateline=dateline, url=url)[0]
    except Exception as e:
        return Resolution(None, 0.0, [], reason=f"resolution failed: {type(e).__name__}: {e}")


def extract_places(doc: Doc, entities: list[Entity], *, dateline: str | None = None,
                   demonyms: bool = True, repair: bool = True, nested: bool = True,
                   min_confidence: float = 0.0, stat=None, url: str | None = None) -> list[Place]:
    from newsgraph.geo.resolve import Resolution, resolve_toponyms

    items = _toponyms(doc, entities, demonyms=demonyms, repair=repair, nested=nested)
    if not items:
        return []
    try:
        results = resolve_toponyms([t for _, t, _, _ in items], text=doc.text, dateline=dateline, url=url)
    except Exception:  # one bad place must not empty the others: resolve each on its own
        results = [_resolve_one(t, doc.text, dateline, url) for _, t, _, _ in items]
    first_names = _person_first_names(entities)
    out = []
    for (e, t, is_demonym, within), r in zip(items, results):
        if r.record is not None and e is not None and not is_demonym and \
                all(" " not in f and f in first_names for f in t.forms) and not _CONTEXT_EVIDENCE & set(r.evidence):
            r = Resolution(None, 0.0, [], reason="the first name of a person in the article", candidates=r.candidates)
        meto = [] if is_demonym or within else [s for s in t.spans if _metonymy(doc, s)]
        p = Place(entity=EntityRef(e.id) if e else None, name=e.name if e else t.forms[0],
                  spans=[tuple(s) for s in t.spans], within=EntityRef(within) if within else None,
                  confidence=r.confidence, evidence=r.evidence, reason=r.reason, candidates=r.candidates,
                  metonymy=bool(meto), metonymy_spans=meto, demonym=is_demonym)
        if r.record is not None and r.confidence >= min_confidence:
            g = r.record
            p.geo = Geo(g.geonameid, g.name, g.feature_class, g.feature_code, g.country_code,
                        g.country_fips, g.adm1_code, g.adm1_name, g.lat, g.lon, g.population)
        elif r.record is not None:
            p.reason = f"confidence {r.confidence:.2f} below the minimum {min_confidence:.2f}"
        if stat is not None and p.geo is None:
            stat("unresolved")
        out.append(p)
    return out
