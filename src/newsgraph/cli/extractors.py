"""`newsgraph extractors` (what is registered) and one query command per registered
extractor that has no hand-made command: `newsgraph NAME [--FILTER VALUE] ...`."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from newsgraph.extract.registry import registered

    p = sub.add_parser("extractors", help="list the registered extractors",
                       description="The registered extractors (built-in and plug-ins), in the order they run, "
                                   "with version, needs, languages and options.")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(handler=run_extractors)

    taken = set(sub.choices)
    for ex in registered().values():
        if ex.core or ex.name in taken:
            continue
        _fact_command(sub, ex)


def _fact_command(sub: argparse._SubParsersAction, ex) -> None:
    from newsgraph.cli.store import _common, _dates
    from newsgraph.store.facts import filter_columns

    p = sub.add_parser(ex.name, help=f"stored {ex.name}: {ex.doc}" if ex.doc else f"stored {ex.name}",
                       description=f"The stored facts of the {ex.name!r} extractor, newest articles first.")
    for name in filter_columns(ex):
        p.add_argument(f"--{name.replace('_', '-')}", dest=f"filter_{name}", metavar="VALUE",
                       help=f"only facts whose {name} is VALUE (case-insensitive)")
    p.add_argument("--article", metavar="ID", help="only this article's facts")
    _dates(p)
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N rows (default 50)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N rows")
    _common(p)
    p.set_defaults(handler=_run_facts(ex.name))


def _run_facts(name: str):
    from newsgraph.cli.store import _guard

    @_guard
    def run(args: argparse.Namespace) -> int:
        from newsgraph.cli.store import _emit, _open
        from newsgraph.extract.registry import get
        from newsgraph.store.facts import columns_of

        filters = {k[len("filter_"):]: v for k, v in vars(args).items() if k.startswith("filter_") and v}
        with _open(args) as store:
            rows = store.facts(name, article_id=args.article, since=args.since, until=args.until,
                               limit=args.limit, offset=args.offset, **filters)
        cols = ["published", *(c.name for c in columns_of(get(name).fact) if c.kind in ("scalar", "json"))][:7]
        _emit(rows, args.format, cols)
        return 0
    return run


def run_extractors(args: argparse.Namespace) -> int:
    from newsgraph.extract.registry import registered

    rows = [ex.describe() for ex in registered().values()]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table(expand=True)
    for h in ("name", "version", "package", "needs", "languages", "options"):
        t.add_column(h, overflow="fold")
    for r in rows:
        opts = "; ".join(f"{o['name']}={o['default']!r} ({o['env']})" for o in r["options"])
        t.add_row(r["name"], r["version"], r["package"], ", ".join(r["needs"]), ", ".join(r["languages"]), opts)
    Console().print(t)
    print(f"{len(rows)} extractors", file=sys.stderr)
    return 0
