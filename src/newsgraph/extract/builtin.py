"""The built-in extractors' registrations. Each capability is one module plus one entry here."""

from __future__ import annotations

from newsgraph.article import Count, Entity, Quote
from newsgraph.extract.events_facts import Event
from newsgraph.extract.registry import Extractor, Option, register


def _entities(doc, ctx):
    from newsgraph.extract.entities import extract_entities

    return extract_entities(doc)


def _quotes(doc, ctx):
    from newsgraph.extract.quotes import extract_quotes

    quotes = extract_quotes(doc, ctx.results.get("entities") or [], nested=ctx.options["nested"])
    ctx.stat("unattributed", sum(1 for q in quotes if q.speaker is None))
    ctx.stat("unnamed_speaker", sum(1 for q in quotes if q.speaker is not None and q.speaker.entity is None))
    return quotes


def _counts(doc, ctx):
    from newsgraph.extract.counts import extract_counts

    return extract_counts(doc)


register(Extractor(
    name="entities", fact=Entity, func=_entities, core=True, span_field=None, kind_field="type",
    doc="people, organisations, places and groups, one per real-world referent, with every mention",
))
register(Extractor(
    name="quotes", fact=Quote, func=_quotes, needs=("entities",), core=True, span_field="spans",
    kind_field="kind",
    options=(Option("nested", True, "a speaker quoting someone else gets the inner quote as its own"),),
    doc="direct, indirect and mixed quotes with their cue and resolved speaker",
))
register(Extractor(
    name="counts", fact=Count, func=_counts, core=True, kind_field="type",
    label=lambda c: f"{c.type} {c.number:,}",
    doc="how many were killed, wounded, arrested, kidnapped, displaced, evacuated, protesting, affected",
))


def _events(doc, ctx):
    from newsgraph.extract.events import extract_events

    # places and dates are read when those extractors ran (not in `needs`: optional)
    return extract_events(doc, entities=ctx.results.get("entities") or [], quotes=ctx.results.get("quotes") or [],
                          counts=ctx.results.get("counts") or [], places=ctx.results.get("places"),
                          dates=ctx.results.get("dates"), published=ctx.published, dateline=ctx.dateline,
                          index=ctx.entities, stats=_Stats(ctx))


class _Stats(dict):
    """A Counter-like view that forwards counts to ctx.stat."""

    def __init__(self, ctx):
        super().__init__()
        self._ctx = ctx

    def __missing__(self, key):
        return 0

    def __setitem__(self, key, value):
        self._ctx.stat(key, value - self.get(key, 0))
        super().__setitem__(key, value)


register(Extractor(
    name="events", fact=Event, func=_events, needs=("entities", "quotes", "counts"),
    kind_field="type", label=lambda e: f"{e.type} {e.cameo}",
    filters=("type", "mode", "cameo", "source_country", "source_sector", "target_country", "target_sector"),
    version="1",
    doc="who did what to whom (PLOVER type, mode, context; CAMEO code), with place, date, quote and counts",
))
