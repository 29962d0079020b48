"""Store commands: ingest, quotes, entities, counts, show, export. Each calls one Store method."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time

from newsgraph.cli.load import add_scale_options, ingest_with_options
from newsgraph.article import COUNT_TYPES, ENTITY_TYPES
from newsgraph.settings import Settings

_DB_HELP = "store URL: sqlite:///PATH or postgresql://USER@HOST/DB (default: NEWSGRAPH_DB or sqlite:///newsgraph.db)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="analyse articles and store them",
                       description="Analyse news articles and store them; inputs already stored are skipped.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive) or - for standard input")
    p.add_argument("--force", action="store_true", help="re-analyse and replace articles already stored")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch (default 32)")
    _common(p, formats=False)
    add_scale_options(p)  # --workers, --dask, --parts (cli/load.py)
    p.set_defaults(handler=run_ingest)

    p = sub.add_parser("quotes", help="search stored quotes", description="Search stored quotes, newest first.")
    p.add_argument("--speaker", metavar="NAME", help="speaker name or alias (case-insensitive substring)")
    p.add_argument("--search", metavar="TEXT", help='full-text search of the quote: all words, "a phrase"')
    _dates(p)
    p.add_argument("--kind", metavar="KIND", help="direct, indirect or mixed (default: all)")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N quotes (default 50)")
    _paging(p, "quotes")
    _common(p)
    p.set_defaults(handler=run_quotes)

    p = sub.add_parser("entities", help="stored entities ranked by quotes and mentions",
                       description="Entities with their mentions, articles and quotes, most quoted first.")
    p.add_argument("--type", metavar="TYPE", help=", ".join(ENTITY_TYPES))
    p.add_argument("--search", metavar="NAME", help="name or alias (case-insensitive substring)")
    p.add_argument("--top", type=int, default=50, metavar="N", help="at most N entities (default 50)")
    _paging(p, "entities")
    _common(p)
    p.set_defaults(handler=run_entities)

    p = sub.add_parser("counts", help="reported counts (killed, arrested, ...)",
                       description="Counts reported in stored articles, one per row or totalled by period.")
    p.add_argument("--type", metavar="TYPE", help=", ".join(COUNT_TYPES))
    p.add_argument("--by", choices=["day", "month", "year"], help="total per period and type")
    p.add_argument("--dated", action="store_true", help="each count with the date of its sentence (the dates extractor's)")
    p.add_argument("--kind", metavar="KIND", default="incident",
                   help="incident (default: what happened in the events reported), total (running or past "
                        "totals), statistic (general figures) or all; totals never add a count that is part of another")
    _dates(p)
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N rows")
    _paging(p, "counts")
    _common(p)
    p.set_defaults(handler=run_counts)

    p = sub.add_parser("show", help="print a stored article record",
                       description="Print the stored record of one article, exactly as analyze produced it.")
    p.add_argument("article_id", metavar="ARTICLE_ID", help="the article's id, or the start of it (at least 4 characters)")
    p.add_argument("--format", choices=["pretty", "json", "jsonl"], default=None,
                   help="pretty (default on a terminal), json (indented), jsonl (default when piped)")
    p.add_argument("--db", metavar="URL", default=None, help=_DB_HELP)
    p.set_defaults(handler=run_show)

    from newsgraph.store.export import formats

    p = sub.add_parser("export", help="export the store, one file per table",
                       description="Write every table of the store to DIR as Parquet or JSONL (docs/store.md), "
                                   "or every stored record in a record format (records: JSONL records).")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--format", choices=formats(), default="parquet",
                   help="parquet or jsonl: every table (docs/store.md); records: every stored record as JSONL; "
                        "gkg: GDELT GKG 2.1 rows (docs/gkg.md); gdelt-events: GDELT 2.0 event-table rows (docs/events.md)")
    p.add_argument("--db", metavar="URL", default=None, help=_DB_HELP)
    p.set_defaults(handler=run_export)


# The orders the query commands take, each the store's sort key it means (store.query.SORTS:
# a leading "-" sorts descending), the first the default.
CLI_SORTS = {
    "articles": {"newest": "-published", "oldest": "published", "title": "title"},
    "quotes": {"newest": "-published", "oldest": "published", "speaker": "speaker"},
    "entities": {"quotes": "-quotes", "mentions": "-mentions", "articles": "-articles", "name": "name"},
    "counts": {"newest": "-published", "oldest": "published", "number": "-number"},
}


def _paging(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N rows (paging)")
    sorts = list(CLI_SORTS[what])
    p.add_argument("--sort", metavar="ORDER", default=None, type=str,
                   help=f"{', '.join(sorts)} (default {sorts[0]})")
    p.set_defaults(sort_list=what)


def _sort(args: argparse.Namespace) -> str | None:
    """The store's sort key for --sort (case-insensitive); ValueError naming the valid orders."""
    from newsgraph.store.query import check_choice

    if args.sort is None:
        return None
    orders = CLI_SORTS[args.sort_list]
    return orders[check_choice(args.sort, "sort", tuple(orders))]


def _common(p: argparse.ArgumentParser, *, formats: bool = True) -> None:
    p.add_argument("--db", metavar="URL", default=None, help=_DB_HELP)
    if formats:
        p.add_argument("--format", choices=["table", "json", "csv"], default="table")


def _dates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", metavar="DATE", help="published on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="published on or before DATE (YYYY[-MM[-DD]])")


def _guard(func):
    """One-line errors for bad arguments and database problems; exit status 2."""

    def wrapper(args: argparse.Namespace) -> int:
        from newsgraph.nlp import PipelineError
        from newsgraph.store import StoreError

        try:
            return func(args)
        except (StoreError, ValueError, PipelineError) as e:
            print(f"newsgraph: {e}", file=sys.stderr)
            return 2
    return wrapper


def _open(args, *, create: bool = False):
    """The store; only ingest creates one, a query command refuses a database that does not exist."""
    from newsgraph.store import Store

    return Store.open(Settings.from_env(db=args.db).db, create=create)


@_guard
def run_ingest(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from newsgraph.readers import count_inputs

    settings = Settings.from_env(model=args.model, batch_size=args.batch_size, db=args.db)
    console = Console(stderr=True)
    start = time.perf_counter()
    total = count_inputs(args.paths)  # None for archives (JSONL, WARC) and stdin: not known in advance
    with _open(args, create=True) as store, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("loading the model", total=total, rate="", start=False)
        clock = IngestClock(total)

        def progress(s):
            if clock.tick(s.seen):
                bar.start_task(task)  # the first article is done: the model has loaded
            bar.update(task, completed=s.seen, rate=clock.describe(s.seen),
                       description=f"{s.ingested} ingested, {s.skipped} skipped, {s.failed} failed")

        summary = ingest_with_options(store, args, settings, progress)
    secs = time.perf_counter() - start
    print(f"ingested {summary.ingested}, skipped {summary.skipped} (already stored), failed {summary.failed} "
          f"in {secs:.1f} s ({clock.rate(summary.seen):.1f} articles/s after the model loaded) into {store.name}",
          file=sys.stderr)
    for name, reason in summary.errors[:20]:
        print(f"  failed: {reason}", file=sys.stderr)
    if len(summary.errors) > 20:
        print(f"  ... and {len(summary.errors) - 20} more (stored in table ingest_errors)", file=sys.stderr)
    from newsgraph.cli.summary import stats_lines

    for line in stats_lines(summary.stats):
        print(f"  {line}", file=sys.stderr)
    return 1 if summary.failed else 0


class IngestClock:
    """Rate and time left of an ingest, counted from the first finished input, i.e. after the
    model has loaded: loading takes seconds and would make the first rates meaningless."""

    def __init__(self, total: int | None, now=time.perf_counter):
        self.total = total
        self.now = now
        self.t0: float | None = None
        self.n0 = 0

    def tick(self, seen: int) -> bool:
        """Note progress; True on the first call (the clock starts)."""
        if self.t0 is None:
            self.t0, self.n0 = self.now(), seen
            return True
        return False

    def rate(self, seen: int) -> float:
        if self.t0 is None:
            return 0.0
        elapsed = self.now() - self.t0
        return (seen - self.n0) / elapsed if elapsed > 0 else 0.0

    def eta(self, seen: int) -> float | None:
        """Seconds left, when the total is known and a rate measured."""
        r = self.rate(seen)
        if self.total is None or r <= 0:
            return None
        return max(self.total - seen, 0) / r

    def describe(self, seen: int) -> str:
        r = self.rate(seen)
        done = f"{seen}/{self.total}" if self.total is not None else f"{seen}"
        eta = self.eta(seen)
        left = f", {eta:.0f} s left" if eta is not None else ""
        return f"{done} inputs, {r:.1f} articles/s{left}"


@_guard
def run_quotes(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.quotes(speaker=args.speaker, search=args.search, since=args.since, until=args.until,
                            limit=args.limit, offset=args.offset, kind=args.kind, sort=_sort(args))
    _emit(rows, args.format, ["published", "speaker_name", "text", "article_title"],
          ["published", "speaker", "quote", "article"])
    return 0


@_guard
def run_entities(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.entities(type=args.type, search=args.search, top=args.top, offset=args.offset, sort=_sort(args))
    _emit(rows, args.format, ["id", "name", "type", "quotes", "mentions", "articles"])
    return 0


@_guard
def run_counts(args: argparse.Namespace) -> int:
    if args.dated:
        with _open(args) as store:
            rows = store.count_dates(type=args.type, limit=args.limit or 50)
        _emit(rows, args.format, ["published", "date", "type", "number", "object"])
        return 0
    with _open(args) as store:
        rows = store.counts(type=args.type, by=args.by, since=args.since, until=args.until, limit=args.limit,
                            kind=args.kind, offset=args.offset, sort=_sort(args))
    kind = args.kind.lower()
    if args.by:
        _emit(rows, args.format, ["period", "type", "total", "reports"])
        print(f"(summed: counts of kind {kind}" + ("" if kind == "all" else "; --kind all for every kind")
              + "; a count that is part of another is not added)", file=sys.stderr)
    else:
        _emit(rows, args.format, ["published", "type", "number", "object", "sentence"])
        print(f"(counts of kind {kind}" + ("" if kind == "all" else "; --kind all for every kind") + ")",
              file=sys.stderr)
    return 0


@_guard
def run_show(args: argparse.Namespace) -> int:
    with _open(args) as store:
        article = store.get_article(args.article_id)
        name = store.name
        matches = [] if article is not None or len(args.article_id) < 4 else store.article_ids(args.article_id)
        if article is None and len(matches) == 1:
            article = store.get_article(matches[0])
    if article is None:
        if len(matches) > 1:
            print(f"newsgraph: {args.article_id!r} is the start of several article ids in {name}: "
                  f"{', '.join(matches)}; give more characters", file=sys.stderr)
        else:
            short = " (give at least 4 characters of an id)" if len(args.article_id) < 4 else ""
            print(f"newsgraph: no article {args.article_id!r} in {name}{short}", file=sys.stderr)
        return 1
    fmt = args.format or ("pretty" if sys.stdout.isatty() else "jsonl")
    if fmt == "pretty":
        from newsgraph.cli.render import render_article

        render_article(article)
    else:
        print(article.to_json(indent=2 if fmt == "json" else None))
    return 0


@_guard
def run_export(args: argparse.Namespace) -> int:
    with _open(args) as store:
        paths = store.export(args.dir, format=args.format)
    for p in paths:
        print(p)
    return 0


def _emit(rows: list[dict], fmt: str, columns: list[str], headers: list[str] | None = None) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        fields = list(rows[0]) if rows else columns
        w = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in r.items()})
    else:
        from rich.console import Console
        from rich.table import Table

        t = Table(expand=True, show_lines=False)
        for h in headers or columns:
            t.add_column(h, overflow="fold")
        for r in rows:
            t.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
        Console().print(t)
        if not rows:
            print("(no results)", file=sys.stderr)
