"""An Article record as highlighted, escaped HTML, built from its offsets.

Every span indexes into `article.text`; the text is cut at every span boundary and
each piece is escaped, then wrapped in the marks active over it (quote, speaker,
cue, count, entity mention). Overlapping spans therefore never produce broken HTML,
and no character of the article reaches the page unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup, escape

from newsgraph.article import Article, Count, Entity, Quote, Span

N_COLOURS = 12  # speaker colour classes sp-0 .. sp-11 in static/style.css
UNATTRIBUTED = "(unattributed)"
LOW_CONFIDENCE = 0.7  # speakers the model is less sure of are marked uncertain (docs/web.md)


@dataclass
class SpeakerGroup:
    """The quotes of one speaker in one article, in text order; `colour` picks class sp-N."""

    key: str
    name: str
    entity: str | None
    colour: int
    quotes: list[tuple[int, Quote]] = field(default_factory=list)


@dataclass
class FactRow:
    fact: object
    label: str
    kind: str | None
    span: Span | None  # the first span, for the link to it
    text: str  # the text of that span


@dataclass
class FactSection:
    """One registered extractor's facts on the article page, from its registration."""

    name: str
    doc: str
    rows: list[FactRow]


@dataclass
class ArticleView:
    html: Markup
    groups: list[SpeakerGroup]
    entities: list[tuple[Entity, int]]  # with mention counts, most mentioned first
    counts: list[tuple[Count, str]]  # with the text of their span
    facts: list[FactSection] = field(default_factory=list)


def speaker_name(q: Quote) -> str:
    if q.speakers:
        return " & ".join(s.name for s in q.speakers)
    return q.speaker.name if q.speaker else UNATTRIBUTED


def group_quotes(article: Article) -> list[SpeakerGroup]:
    """Quotes grouped by their (first) speaker, groups in order of first quote."""
    groups: dict[str, SpeakerGroup] = {}
    for i, q in enumerate(article.quotes):
        sp = q.speaker
        key = (sp.entity or f"name:{sp.name}") if sp else UNATTRIBUTED
        g = groups.get(key)
        if g is None:
            g = groups[key] = SpeakerGroup(key, sp.name if sp else UNATTRIBUTED,
                                           sp.entity if sp else None, len(groups) % N_COLOURS)
        g.quotes.append((i, q))
    return list(groups.values())


@dataclass
class _Mark:
    start: int
    end: int
    layer: int  # outer marks have lower layers, so nesting is the same in every piece
    open: Markup = field(compare=False)
    close: Markup = field(compare=False)


def article_view(
    article: Article,
    *,
    target: Span | None = None,
    entity_href: Callable[[str, str], str | None] | None = None,
) -> ArticleView:
    """The highlighted body and its side lists. `target` is a span to mark as the link
    target (a sentence linked from another page); `entity_href(entity_id, name)` gives the
    link for a speaker's name tag, or None for no link."""
    text = article.text
    groups = group_quotes(article)
    colour_of = {i: g for g in groups for i, _ in g.quotes}
    marks: list[_Mark] = []
    inserts: dict[int, list[Markup]] = {}
    anchors: set[int] = set()

    def anchor(pos: int) -> None:
        if pos not in anchors:
            anchors.add(pos)
            inserts.setdefault(pos, []).append(Markup('<a class="anchor" id="at-%d"></a>') % pos)

    if target:
        anchor(target[0])
        marks.append(_Mark(target[0], target[1], 0, Markup('<span class="target">'), Markup("</span>")))
    for i, q in enumerate(article.quotes):
        g = colour_of[i]
        name = speaker_name(q)
        spans = [s for s in q.spans if _valid(s, text)]
        if not spans:
            continue
        anchor(spans[0][0])
        conf = q.speaker.confidence if q.speaker else None
        unsure = conf is not None and conf < LOW_CONFIDENCE
        how = f"{q.kind} quote" + (f", uncertain speaker: {conf:.2f}" if unsure else "")
        for s in spans:
            marks.append(_Mark(s[0], s[1], 1, Markup(
                '<mark class="q sp-%d%s" data-q="%d" data-speaker="%s" title="%s (%s)">'
            ) % (g.colour, " uncertain" if unsure else "", i, name, name, how), Markup("</mark>")))
        for sp in q.speakers or ([q.speaker] if q.speaker else []):
            if sp.span and _valid(sp.span, text):
                marks.append(_Mark(sp.span[0], sp.span[1], 2,
                                   Markup('<span class="who sp-%d">') % g.colour, Markup("</span>")))
        if q.cue and _valid(q.cue.span, text):
            marks.append(_Mark(q.cue.span[0], q.cue.span[1], 3, Markup('<span class="cue">'), Markup("</span>")))
        href = entity_href(g.entity, g.name) if entity_href and g.entity else None
        shown = f"{name}?" if unsure else name  # a low-confidence attribution is shown as such
        tag = (Markup('<a class="speaker-tag sp-%d" href="%s" data-q="%d">%s</a>') % (g.colour, href, i, shown)
               if href else Markup('<span class="speaker-tag sp-%d" data-q="%d">%s</span>') % (g.colour, i, shown))
        inserts.setdefault(max(e for _, e in spans), []).insert(0, tag)
    counts = []
    for c in article.counts:
        if not _valid(c.span, text):
            continue
        anchor(c.span[0])
        label = f"{c.type} {'~' if c.approximate else ''}{c.number} {c.object}".strip()
        marks.append(_Mark(c.span[0], c.span[1], 4, Markup('<span class="count" data-type="%s" title="%s">')
                           % (c.type, label), Markup("</span>")))
        counts.append((c, text[c.span[0]:c.span[1]]))
    entities = []
    for e in article.entities:
        for m in e.mentions:
            if _valid(m.span, text):
                marks.append(_Mark(m.span[0], m.span[1], 5, Markup(
                    '<span class="ent ent-%s" data-entity="%s" title="%s: %s">') % (e.type, e.id, e.type, e.name),
                    Markup("</span>")))
        entities.append((e, len(e.mentions)))
    entities.sort(key=lambda t: (-t[1], t[0].name))
    sections = _fact_sections(article, marks, anchor)
    return ArticleView(_weave(text, marks, inserts), groups, entities, counts, sections)


def fact_spans(fact: object, span_field: str | None) -> list[Span]:
    if not span_field:
        return []
    v = getattr(fact, span_field, None) if not isinstance(fact, dict) else fact.get(span_field)
    if not v:
        return []
    if isinstance(v[0], (list, tuple)):
        return [tuple(x) for x in v]
    return [tuple(v)]


def fact_label(ex, fact: object) -> str:
    if ex.label is not None:
        try:
            return str(ex.label(fact))
        except Exception:  # a plug-in's label must not break the page
            pass
    for name in ("name", "text", "type", "value"):
        v = getattr(fact, name, None)
        if isinstance(v, str) and v:
            return v
    return ex.name


def _fact_sections(article: Article, marks: list[_Mark], anchor) -> list[FactSection]:
    """Every registered non-core extractor's facts: marked in the text (class fact-NAME,
    kind-VALUE, the label as hover title) and listed in a section of the side panel."""
    from newsgraph.extract.registry import generic

    text = article.text
    out = []
    for layer, ex in enumerate(generic(), start=6):
        facts = article.facts.get(ex.name)
        if facts is None:
            continue
        rows = []
        for fact in facts if ex.many else [facts]:
            label = fact_label(ex, fact)
            kind = getattr(fact, ex.kind_field, None) if ex.kind_field else None
            spans = [sp for sp in fact_spans(fact, ex.span_field) if _valid(sp, text)]
            for sp in spans:
                marks.append(_Mark(sp[0], sp[1], layer, Markup(
                    '<span class="fact fact-%s kind-%s" data-fact="%s" title="%s: %s">')
                    % (ex.name, _css(kind), ex.name, ex.name, label), Markup("</span>")))
            if spans:
                anchor(spans[0][0])
            rows.append(FactRow(fact, label, None if kind is None else str(kind), spans[0] if spans else None,
                                text[spans[0][0]:spans[0][1]] if spans else ""))
        out.append(FactSection(ex.name, ex.doc, rows))
    return out


def _css(value: object) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(value))[:40] if value is not None else "none"


def _valid(span: Span | None, text: str) -> bool:
    return bool(span) and 0 <= span[0] < span[1] <= len(text)


def _weave(text: str, marks: list[_Mark], inserts: dict[int, list[Markup]]) -> Markup:
    """Escape the text and open/close the marks as a stack. A mark that ends while marks
    opened inside it are still running closes them first and reopens them after, so the
    HTML always nests; otherwise a mark stays whole (a quote is one <mark> even with
    entity mentions inside it)."""
    starting: dict[int, list[_Mark]] = {}
    for m in marks:
        starting.setdefault(m.start, []).append(m)
    bounds = sorted({0, len(text), *inserts, *starting, *(m.end for m in marks)})
    stack: list[_Mark] = []
    out: list[str] = []
    prev = 0
    for pos in bounds:
        out.append(escape(text[prev:pos]))
        reopen: list[_Mark] = []
        ending = [k for k, m in enumerate(stack) if m.end == pos]
        if ending:
            cut = ending[0]
            out.extend(m.close for m in reversed(stack[cut:]))
            reopen = [m for m in stack[cut:] if m.end != pos]
            del stack[cut:]
        out.extend(inserts.get(pos, ()))
        # Longer marks open first (outside), so fewer of them need cutting later.
        for m in reopen + sorted(starting.get(pos, ()), key=lambda m: (-m.end, m.layer)):
            out.append(m.open)
            stack.append(m)
        prev = pos
    return Markup("".join(out))
