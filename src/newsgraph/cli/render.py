"""Readable terminal views of records (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.article import Article

_console = Console()


def render_article(a: Article, console: Console | None = None) -> None:
    console = console or _console
    head = Text()
    head.append(a.title or "(untitled)", style="bold")
    head.append(f"\nid {a.id}  language {a.language}  source {a.source.path or a.source.url or '-'}")
    meta = [f"byline: {', '.join(a.byline) or '-'}", f"dateline: {a.dateline or '-'}",
            f"publisher: {a.publisher or '-'}", f"published: {a.published or '-'}"]
    head.append("\n" + "   ".join(meta), style="dim")
    console.print(Panel(head, expand=True))
    for w in a.warnings:
        console.print(f"[yellow]warning:[/] {w}")
    if a.quotes:
        t = Table(title="Quotes", show_lines=True, expand=True)
        t.add_column("speaker", style="bold cyan", ratio=1, min_width=12)
        t.add_column("kind", no_wrap=True, min_width=8)
        t.add_column("cue", min_width=8)
        t.add_column("quote", ratio=4)
        for q in a.quotes:
            who = " & ".join(s.name for s in q.speakers) if q.speakers else (q.speaker.name if q.speaker else "?")
            t.add_row(who, q.kind, q.cue.text if q.cue else "", Text(q.text))
        console.print(t)
    if a.entities:
        t = Table(title="Entities", expand=True)
        t.add_column("name", style="bold")
        t.add_column("type")
        t.add_column("titles")
        t.add_column("mentions", justify="right")
        t.add_column("surface forms")
        for e in a.entities:
            forms = sorted({m.text for m in e.mentions})
            t.add_row(e.name, e.type, ", ".join(e.titles), str(len(e.mentions)), Text("; ".join(forms)))
        console.print(t)
    if a.counts:
        t = Table(title="Counts", expand=True)
        for col in ("type", "number", "approx.", "object", "text"):
            t.add_column(col)
        for c in a.counts:
            t.add_row(c.type, f"{c.number:,}", "~" if c.approximate else "", c.object,
                      Text(a.text[c.span[0]:c.span[1]]))
        console.print(t)
    _render_facts(a, console)
    if a.removed:
        t = Table(title="Removed lines", expand=True)
        t.add_column("reason", style="magenta", no_wrap=True)
        t.add_column("line")
        for r in a.removed:
            t.add_row(r.reason, Text(r.text))
        console.print(t)
    console.print()


def _render_facts(a: Article, console: Console) -> None:
    """Every other registered extractor's facts, from its registration: label, kind, text."""
    from newsgraph.extract.registry import generic
    from newsgraph.web.render import fact_label, fact_spans

    for ex in generic():
        facts = a.facts.get(ex.name)
        if not facts:
            continue
        items = facts if ex.many else [facts]
        t = Table(title=ex.name.capitalize(), expand=True)
        t.add_column("fact", style="bold", ratio=2)
        if ex.kind_field:
            t.add_column(ex.kind_field)
        t.add_column("text", ratio=3)
        for f in items:
            spans = fact_spans(f, ex.span_field)
            text = " ... ".join(a.text[s:e] for s, e in spans[:3]) if spans else ""
            row = [Text(fact_label(ex, f))]
            if ex.kind_field:
                row.append(str(getattr(f, ex.kind_field, "") or ""))
            t.add_row(*row, Text(text))
        console.print(t)
