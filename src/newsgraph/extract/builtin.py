"""The built-in extractors' registrations. Each capability is one module plus one entry here."""

from __future__ import annotations

from newsgraph.article import Count, Entity, Quote
from newsgraph.extract.places import Place
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


def _places(doc, ctx):
    from newsgraph.extract.places import extract_places

    return extract_places(doc, ctx.results.get("entities") or [], dateline=ctx.dateline,
                          demonyms=ctx.options["demonyms"], min_confidence=ctx.options["min_confidence"],
                          stat=ctx.stat)


def _place_label(p):
    if p.geo is None:
        return f"{p.name}: unresolved ({p.reason})"
    return f"{p.geo.name}, {p.geo.country_code} {p.geo.feature_class}.{p.geo.feature_code} ({p.confidence:.2f})"


register(Extractor(
    name="places", fact=Place, func=_places, needs=("entities",), span_field="spans",
    kind_field=None, label=_place_label, filters=("geo_country_code", "geo_feature_code", "name"),
    options=(Option("demonyms", True, "resolve adjectives and demonyms of countries ('Turkish') too"),
             Option("min_confidence", 0.0, "below this ranker probability a place keeps geo null")),
    doc="places resolved to GeoNames (id, coordinates, country ISO/FIPS, division), offline",
))
