"""The events extractor's links: a speech act to its quote and speaker, a violent or
coercive event to the counts of its sentence, an event to its place and date (from the
places and dates extractors when they ran). See newsgraph.extract.events."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from newsgraph.article import Count, Quote
from newsgraph.extract.events_facts import Event, EventActor, EventPlace
from newsgraph.extract.events_lexicon import country_codes

__all__ = ["link", "SPEECH_ACTS", "COUNTED", "FIRST_PERSON"]

SPEECH_ACTS = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"})
COUNTED = frozenset({"ASSAULT", "COERCE", "PROTEST"})
FIRST_PERSON = frozenset({"i", "we", "us", "me", "our", "my"})


def _inside(span, outer) -> bool:
    return span is not None and outer[0] <= span[0] and span[1] <= outer[1]


def link(ev: Event, quotes: list[Quote], counts: list[Count], places: list, dates: list,
          published: str | None, sent: SpacySpan, index) -> None:
    if ev.type in SPEECH_ACTS:
        for qi, q in enumerate(quotes):
            in_quote = any(s[0] <= ev.span[0] and ev.span[1] <= s[1] for s in q.spans)
            is_cue = q.cue is not None and q.cue.span[0] <= ev.span[0] < q.cue.span[1]
            if in_quote or is_cue:
                ev.quote = qi
                if q.speaker is not None:
                    ev.speaker, ev.speaker_entity = q.speaker.name, q.speaker.entity
                    if ev.source is None or ev.source.name.lower() in FIRST_PERSON | {"he", "she", "they", "it"}:
                        ev.source = _speaker_actor(q, index, ev.source)
                    if ev.target is not None and ev.target.name.lower() in FIRST_PERSON:
                        ev.target = _speaker_actor(q, index, ev.target)
                break
    ev.sources = [a for a in ev.sources if a.name.lower() not in FIRST_PERSON]
    ev.targets = [a for a in ev.targets if a.name.lower() not in FIRST_PERSON]
    if ev.source is not None and ev.source.name.lower() in FIRST_PERSON:
        ev.source = ev.sources[0] if ev.sources else None
    if ev.target is not None and ev.target.name.lower() in FIRST_PERSON:
        ev.target = ev.targets[0] if ev.targets else None
    if ev.type in COUNTED:
        ev.counts = [i for i, c in enumerate(counts) if _inside(c.span, ev.sentence)]
    ev.place = _place(ev, places, sent, index)
    ev.date = _date(ev, dates) or published


def _speaker_actor(q: Quote, index, old: EventActor | None) -> EventActor:
    sp = q.speaker
    ent = index.get(sp.entity) if (index is not None and sp.entity) else None
    span = sp.span or (old.span if old else (0, 0))
    country = sector = None
    if old is not None:
        country, sector = old.country, old.sector
    a = EventActor(name=sp.name, text=old.text if old else sp.name, span=span, entity=sp.entity,
                   country=country, sector=sector)
    if ent is not None and a.sector is None:
        from newsgraph.extract.events_lexicon import sectors

        for title in ent.titles:
            for w in title.lower().split():
                if w in sectors():
                    a.sector = sectors()[w]
                    break
            if a.sector:
                break
    a.code = (a.country or "") + (a.sector or "")
    return a


def _get(obj, *names):
    for n in names:
        v = obj.get(n) if isinstance(obj, dict) else getattr(obj, n, None)
        if v is not None:
            return v
    return None


def _place(ev: Event, places: list, sent: SpacySpan, index) -> EventPlace | None:
    # The places extractor's facts, read defensively (its record may still change): a place
    # with a span in the sentence (`spans` or `span`), not a demonym ("Turkish") nor a place
    # standing for its government ("Washington said"); coordinates from `geo`.
    for p in places:
        if _get(p, "demonym") or _all_metonymic(p, ev.sentence):
            continue
        spans = _get(p, "spans") or ([_get(p, "span")] if _get(p, "span") is not None else [])
        inside = [tuple(s) for s in spans if s is not None and _inside(tuple(s), ev.sentence)]
        if not inside:
            continue
        geo = _get(p, "geo")
        lat = _get(geo, "lat", "latitude") if geo is not None else _get(p, "lat", "latitude")
        lon = _get(geo, "lon", "longitude") if geo is not None else _get(p, "lon", "longitude")
        a2 = _get(geo, "country_code") if geo is not None else None
        country = _get(p, "country") or (_alpha3(a2) if a2 else None)
        return EventPlace(name=str(_get(p, "name", "text") or ""), span=inside[0], entity=_get(p, "entity"),
                          country=country, lat=float(lat) if lat is not None else None,
                          lon=float(lon) if lon is not None else None,
                          geonameid=_get(geo, "geonameid") if geo is not None else None,
                          feature_code=_get(geo, "feature_code") if geo is not None else None)
    # else a place name after in/at/near in the sentence
    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") and ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "at", "near", "outside", "across"):
            e = index.at(ent.start_char, ent.end_char) if index is not None else None
            name = e.name if e is not None else ent.text
            from newsgraph.extract.events_lexicon import capitals, city_countries

            code = country_codes().get(name) or capitals().get(name) or city_countries().get(name)
            return EventPlace(name=name, span=(ent.start_char, ent.end_char), entity=e.id if e else None, country=code)
    return None


def _all_metonymic(p, sentence) -> bool:
    """Whether every mention of the place in the sentence stands for an actor."""
    spans = [tuple(s) for s in (_get(p, "spans") or []) if _inside(tuple(s), sentence)]
    met = {tuple(s) for s in (_get(p, "metonymy_spans") or [])}
    return bool(spans) and all(s in met for s in spans)


def _alpha3(alpha2: str) -> str | None:
    from newsgraph.extract.events_lexicon import alpha3

    return alpha3().get(alpha2.upper())


def _date(ev: Event, dates: list) -> str | None:
    """The dates extractor's resolved date in the sentence (a TIMEX3 `value`): a day first,
    else a month or year; None when it did not run or found none."""
    found = []
    for d in dates:
        span = _get(d, "span")
        if span is None or not _inside(tuple(span), ev.sentence):
            continue
        if (_get(d, "type") or "DATE") not in ("DATE", "TIME"):
            continue
        v = _get(d, "value", "date", "resolved", "iso", "start")
        if isinstance(v, str) and len(v) >= 4 and v[:4].isdigit():
            found.append(v[:10] if len(v) >= 10 and v[4] == "-" and v[7] == "-" else v)
    days = [v for v in found if len(v) == 10]
    return (days or found or [None])[0]
