"""The built-in extractors' registrations. Each capability is one module plus one entry here."""

from __future__ import annotations

from newsgraph.article import Count, Entity, Quote
from newsgraph.extract.registry import Extractor, Option, register


def _entities(doc, ctx):
    from newsgraph.extract.entities import extract_entities

    return extract_entities(doc)


def _quotes(doc, ctx):
    from newsgraph.extract.quotes import extract_quotes

    entities = ctx.entities if ctx.entities is not None else (ctx.results.get("entities") or [])
    quotes = extract_quotes(doc, entities, nested=ctx.options["nested"], speakers=ctx.options["speakers"])
    ctx.stat("unattributed", sum(1 for q in quotes if q.speaker is None))
    ctx.stat("low_confidence_speaker", sum(1 for q in quotes if q.speaker is not None
                                           and q.speaker.confidence is not None and q.speaker.confidence < 0.7))
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
    options=(Option("nested", True, "a speaker quoting someone else gets the inner quote as its own"),
             Option("speakers", "model", "choose speakers with the trained ranker ('model') or the rules alone ('rules')")),
    doc="direct, indirect and mixed quotes with their cue and resolved speaker",
))
register(Extractor(
    name="counts", fact=Count, func=_counts, core=True, kind_field="type",
    label=lambda c: f"{c.type} {c.number:,}",
    doc="how many were killed, wounded, arrested, kidnapped, displaced, evacuated, protesting, affected",
))
