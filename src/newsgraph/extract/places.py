"""Places: every place entity resolved to a GeoNames entry, offline (docs/places.md).

extract_places(doc, entities, dateline=None) -> list[Place]

The place entities (PLACE: spaCy's GPE, LOC, FAC) and the GROUP entities that are a
country's or continent's demonym or adjective ("Turkish", "Iranian", "European") are
resolved together by newsgraph.geo.resolve, so each one's choice can use the others
(their countries, divisions and distance) and the dateline. A place whose name is in
no gazetteer entry keeps `geo` None with a `reason`; it never stops the others.

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
    feature_class: str  # P (populated place), A (country, division), L (continent)
    feature_code: str  # PPL, PPLC, ADM1, ADM2, PCLI, CONT
    country_code: str  # ISO 3166-1 alpha-2 ("" for a continent)
    country_fips: str  # FIPS 10-4, as GDELT uses
    adm1_code: str | None  # GeoNames first-level division code ("US.TX")
    adm1_name: str | None
    lat: float
    lon: float
    population: int


@dataclass
class Place:
    entity: EntityRef
    name: str  # the entity's name in the article
    spans: list[Span]
    geo: Geo | None = None
    confidence: float = 0.0  # the ranker's probability of its choice among the candidates
    evidence: list[str] = field(default_factory=list)  # what decided it, strongest first
    reason: str | None = None  # why geo is None
    candidates: int = 0
    metonymy: bool = False  # a mention is used as an actor ("Washington said")
    metonymy_spans: list[Span] = field(default_factory=list)
    demonym: bool = False  # an adjective or demonym of the place ("Turkish")


def _toponyms(entities: list[Entity], *, demonyms: bool):
    from newsgraph.data.countries import country
    from newsgraph.geo.gazetteer import load
    from newsgraph.geo.resolve import Toponym, adjective_place

    gaz = load()
    out = []
    for e in entities:
        forms = list(dict.fromkeys(m.text for m in e.mentions))
        spans = [tuple(m.span) for m in e.mentions]
        if e.type == "PLACE":
            out.append((e, Toponym(name=country(e.name) or e.name, forms=forms, spans=spans), False))
        elif e.type == "GROUP" and demonyms:
            adj = adjective_place(gaz, e.name)
            if adj:
                out.append((e, Toponym(name=adj[0], forms=[], spans=spans, country=adj[1]), True))
    return out


def _metonymy(doc: Doc, span: Span) -> bool:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return False
    root = sp.root
    head = root.head
    return (root.dep_ in ("nsubj",) and head.pos_ == "VERB" and head.lemma_.lower() not in _LOCATIVE_VERBS)


def _resolve_one(t, text: str, dateline: str | None):
    from newsgraph.geo.resolve import Resolution, resolve_toponyms

    try:
        return resolve_toponyms([t], text=text, dateline=dateline)[0]
    except Exception as e:
        return Resolution(None, 0.0, [], reason=f"resolution failed: {type(e).__name__}: {e}")


def extract_places(doc: Doc, entities: list[Entity], *, dateline: str | None = None,
                   demonyms: bool = True, min_confidence: float = 0.0, stat=None) -> list[Place]:
    from newsgraph.geo.resolve import resolve_toponyms

    items = _toponyms(entities, demonyms=demonyms)
    if not items:
        return []
    try:
        results = resolve_toponyms([t for _, t, _ in items], text=doc.text, dateline=dateline)
    except Exception:  # one bad place must not empty the others: resolve each on its own
        results = [_resolve_one(t, doc.text, dateline) for _, t, _ in items]
    out = []
    for (e, t, is_demonym), r in zip(items, results):
        meto = [] if is_demonym else [s for s in t.spans if _metonymy(doc, s)]
        p = Place(entity=EntityRef(e.id), name=e.name, spans=[tuple(s) for s in t.spans],
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
