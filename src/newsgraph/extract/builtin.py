"""The built-in extractors' registrations. Each capability is one module plus one entry here.

The registry (registry.py) registers EXTRACTORS when it is first asked; this module does
not import it, so the two never import each other."""

from __future__ import annotations

from newsgraph.article import Count, Entity, Quote
from newsgraph.extract.base import Extractor, Option

EXTRACTORS: list[Extractor] = []


def register(ex: Extractor) -> Extractor:
    EXTRACTORS.append(ex)
    return ex


def _entities(doc, ctx):
    from newsgraph.extract.entities import extract_entities

    return extract_entities(doc)


def _quotes(doc, ctx):
    from newsgraph.extract.quotes import extract_quotes

    entities = ctx.entities if ctx.entities is not None else (ctx.results.get("entities") or [])
    quotes = extract_quotes(doc, entities, nested=ctx.options["nested"], speakers=ctx.options["speakers"])
    for q in quotes:
        q.sentence = sentence_of(doc, [*q.spans, *([q.cue.span] if q.cue else [])])
    ctx.stat("unattributed", sum(1 for q in quotes if q.speaker is None))
    ctx.stat("low_confidence_speaker", sum(1 for q in quotes if q.speaker is not None
                                           and q.speaker.confidence is not None and q.speaker.confidence < 0.7))
    ctx.stat("unnamed_speaker", sum(1 for q in quotes if q.speaker is not None and q.speaker.entity is None))
    return quotes


def _counts(doc, ctx):
    from newsgraph.extract.counts import extract_counts

    counts = extract_counts(doc)
    for c in counts:
        c.sentence = sentence_of(doc, [c.span])
    return counts


def sentence_of(doc, spans):
    """The span of the parse's sentence(s) covering `spans` (the store and pages show it)."""
    if not spans:
        return None
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(end - 1, start), max(end, start + 1), alignment_mode="expand")
    if first is None or last is None:
        return None
    return (first[0].sent.start_char, last[-1].sent.end_char)


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


def _dates(doc, ctx):
    from newsgraph.extract.dates import extract_dates

    facts = extract_dates(doc, ctx.published, entities=ctx.options["entities"], text=ctx.text)
    ctx.stat("unresolved", sum(1 for f in facts if f.value is None))
    if ctx.published is None:
        ctx.stat("no_publication_date")
    return facts


def _tone(doc, ctx):
    from newsgraph.extract.tone import extract_tone

    return extract_tone(doc, ctx.results.get("quotes") or [])


def _dates_label(f) -> str:
    return f"{f.type} {f.value or '?'}"


from newsgraph.extract.dates import DateFact  # noqa: E402
from newsgraph.extract.events_facts import Event  # noqa: E402
from newsgraph.extract.places import Place  # noqa: E402
from newsgraph.extract.tone import Tone  # noqa: E402

register(Extractor(
    name="dates", fact=DateFact, func=_dates, kind_field="type", label=_dates_label,
    filters=("type", "value", "granularity"),
    options=(Option("entities", False, "also parse spaCy DATE entities the grammar missed, with dateparser"),),
    doc="temporal expressions with TIMEX3 values resolved against the publication date, with their sentence",
))
register(Extractor(
    name="tone", fact=Tone, func=_tone, needs=("quotes",), many=False, span_field=None,
    label=lambda t: (f"tone {t.tone:+.2f} (positive {t.positive:.2f}, negative {t.negative:.2f}, "
                     f"{t.word_count:,} words, {len(t.quotes)} quotes)"),
    doc="GDELT V1.5 tone (tone, positive, negative, polarity, activity, self/group, word count) from "
        "the VADER lexicon, per article and per quote",
))


def _event_label(e) -> str:
    """'ASSAULT 190: Russia (RUSMIL) -> Ukraine (UKR)'."""
    def who(a):
        return f"{a.name} ({a.code})" if a is not None and a.code else (a.name if a is not None else "?")
    return f"{e.type} {e.cameo}: {who(e.source)} -> {who(e.target)}"


def _events(doc, ctx):
    from newsgraph.extract.events import extract_events

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
    name="events", fact=Event, func=_events, needs=("entities", "quotes", "counts", "dates", "places"),
    kind_field="type", label=lambda e: _event_label(e),
    filters=("type", "mode", "cameo", "source_country", "source_sector", "target_country", "target_sector"),
    version="1",
    doc="who did what to whom (PLOVER type, mode, context; CAMEO code), with place, date, quote and counts",
))


def _places(doc, ctx):
    from newsgraph.extract.places import extract_places

    return extract_places(doc, ctx.results.get("entities") or [], dateline=ctx.dateline,
                          demonyms=ctx.options["demonyms"], min_confidence=ctx.options["min_confidence"],
                          stat=ctx.stat, url=ctx.url)


def _place_label(p):
    if p.geo is None:
        return f"{p.name}: unresolved ({p.reason})"
    where = f"{p.geo.name}, {p.geo.country_code}" if p.geo.country_code else p.geo.name  # a region, a sea
    return f"{where} {p.geo.feature_class}.{p.geo.feature_code} ({p.confidence:.2f})"


register(Extractor(
    name="places", fact=Place, func=_places, needs=("entities",), span_field="spans",
    kind_field=None, label=_place_label, filters=("geo_country_code", "geo_feature_code", "name"),
    options=(Option("demonyms", True, "resolve adjectives and demonyms of countries ('Turkish') too"),
             Option("min_confidence", 0.0, "below this ranker probability a place keeps geo null")),
    doc="places resolved to GeoNames (id, coordinates, country ISO/FIPS, division), offline",
))
