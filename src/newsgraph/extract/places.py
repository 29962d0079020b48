"""Places: every place entity resolved to a GeoNames entry, offline (docs/places.md).

extract_places(doc, entities, dateline=None) -> list[Place]

The place entities (PLACE: spaCy's GPE, LOC, FAC) and the GROUP entities that are a
country's or continent's demonym or adjective ("Turkish", "Iranian", "European") are
resolved together by newsgraph.geo.resolve, so each one's choice can use the others
(their countries, divisions and distance) and the dateline. A place whose name is in
no gazetteer entry keeps `geo` None with a `reason`; it never stops the others.

Which spans are place mentions - the repairs of the NER (ORG, PERSON or GROUP entities
that are places, places inside organisations' names, places NER left out: "in
Ontario", the dateline, "Churchill, Man.") and the filters - is decided in
newsgraph.extract.places_mentions; `within` names the organisation whose name holds a
place ("Kentucky State Police").

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
    feature_class: str  # P (populated place), A (country, division), L (continent, region), H (sea, ocean), S (airport)
    feature_code: str  # PPL, PPLC, ADM1, ADM2, PCLI, CONT, RGN; H: OCN, SEA, GULF, BAY, STRT...; S: AIRP
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


def _toponyms(doc, entities: list[Entity], *, demonyms: bool, repair: bool, nested: bool, left_out: bool = True,
              sources: dict | None = None):
    """(entity or None, Toponym, demonym?, within) for each place to resolve
    (newsgraph.extract.places_mentions)."""
    from newsgraph.extract.places_mentions import toponyms
    from newsgraph.geo.gazetteer import load

    return toponyms(doc, entities, load(), demonyms=demonyms, repair=repair, nested=nested, left_out=left_out,
                    skip=_person_first_names(entities), sources=sources)


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


def _acronym_town(record, t, text: str) -> bool:
    """Every form is two or three capitals ("EU", "UN") and the choice a town of < 100,000
    that matched only by folding case ("Eu", France): an organisation's acronym, not the town.
    Country codes and division abbreviations never get here as such ("US", "LA"); a dateline
    in capitals keeps its town ("RYE, N.Y. -")."""
    from newsgraph.extract.places_mentions import WELL_KNOWN_POPULATION, _dateline_at

    forms = t.forms or [text[slice(*s)] for s in t.spans]
    if not forms or not all(2 <= len(f) <= 3 and f.isalpha() and f.isupper() for f in forms):
        return False
    if record.kind not in ("city",) or record.population >= WELL_KNOWN_POPULATION:
        return False
    if any(f == record.name for f in forms):
        return False
    return not any(_dateline_at(text, *s) for s in t.spans)


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
                   demonyms: bool = True, repair: bool = True, nested: bool = True, left_out: bool = True,
                   min_confidence: float = 0.0, stat=None, url: str | None = None,
                   sources: dict | None = None) -> list[Place]:
    from newsgraph.geo.resolve import Resolution, resolve_toponyms

    from newsgraph.extract.places_mentions import _text

    text = _text(doc) if doc is not None else ""
    items = _toponyms(doc, entities, demonyms=demonyms, repair=repair, nested=nested, left_out=left_out,
                      sources=sources)
    if not items:
        return []
    try:
        results = resolve_toponyms([t for _, t, _, _ in items], text=text, dateline=dateline, url=url)
    except Exception:  # one bad place must not empty the others: resolve each on its own
        results = [_resolve_one(t, text, dateline, url) for _, t, _, _ in items]
    from newsgraph.extract.places_mentions import person_context

    first_names = _person_first_names(entities)
    out = []
    for (e, t, is_demonym, within), r in zip(items, results):
        if r.record is not None and e is not None and not is_demonym and \
                all(" " not in f and f in first_names for f in t.forms) and not _CONTEXT_EVIDENCE & set(r.evidence):
            r = Resolution(None, 0.0, [], reason="the first name of a person in the article", candidates=r.candidates)
        elif r.record is not None and not is_demonym and t.spans and \
                all(person_context(doc, s) for s in t.spans) and not _CONTEXT_EVIDENCE & set(r.evidence):
            r = Resolution(None, 0.0, [], reason="a person's name: in apposition to a kinship word", candidates=r.candidates)
        elif r.record is not None and not is_demonym and _acronym_town(r.record, t, text):
            r = Resolution(None, 0.0, [], reason="an acronym, not a town's name", candidates=r.candidates)
        meto = [] if is_demonym or within else [s for s in t.spans if _metonymy(doc, s)]
        p = Place(entity=EntityRef(e.id) if e else None, name=e.name if e else (t.forms or [text[slice(*t.spans[0])]])[0],
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
