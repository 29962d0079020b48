"""The events extractor's fact dataclasses (the record's `events` field; docs/record-format.md).
Kept apart from the extractor so that the registration imports no spaCy."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.article import EntityRef, Span

__all__ = ["Event", "EventActor", "EventPlace", "EventMention"]


@dataclass
class EventActor:
    name: str  # the resolved entity's name, else the phrase
    text: str  # the phrase as written
    span: Span
    entity: EntityRef | None = None
    country: str | None = None  # ISO 3166 alpha-3, or IGO / NGO / IMG (multinational groups)
    sector: str | None = None  # GOV, MIL, COP, REB, OPP, CVL, LEG, JUD, MED, BUS, ...
    code: str = ""  # CAMEO-style actor code: country + sector ("IRNGOV", "IGOMIL", "CVL")


@dataclass
class EventPlace:
    name: str
    span: Span | None = None
    entity: EntityRef | None = None
    country: str | None = None  # ISO 3166 alpha-3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None  # from the places extractor, when it ran
    feature_code: str | None = None  # GeoNames feature code: PCLI (a country), PPLC (a capital), ADM1, ...


@dataclass
class EventMention:
    trigger: str
    span: Span
    sentence: Span


@dataclass
class Event:
    type: str  # one of PLOVER's 16 event types
    mode: str  # PLOVER mode ("" when none)
    cameo: str  # CAMEO event code
    trigger: str  # the trigger word(s) as written
    span: Span  # the trigger
    sentence: Span
    contexts: list[str] = field(default_factory=list)
    source: EventActor | None = None
    target: EventActor | None = None
    sources: list[EventActor] = field(default_factory=list)  # all, when several ("Hungarian and Romanian officials")
    targets: list[EventActor] = field(default_factory=list)
    place: EventPlace | None = None
    date: str | None = None  # ISO 8601
    quote: int | None = None  # index into the article's quotes
    speaker: str | None = None  # that quote's resolved speaker
    speaker_entity: EntityRef | None = None
    counts: list[int] = field(default_factory=list)  # indices into the article's counts
    mentions: list[EventMention] = field(default_factory=list)  # every telling, the first included
