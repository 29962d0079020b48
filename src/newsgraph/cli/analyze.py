"""`newsgraph analyze PATH... [--format pretty|json|jsonl]`."""

from __future__ import annotations

import argparse
import sys

from newsgraph.analyze import analyze_many
from newsgraph.article import ErrorRecord
from newsgraph.nlp import PipelineError
from newsgraph.readers import read_inputs
from newsgraph.settings import Settings
from newsgraph.writers import WRITERS, open_writer

ANALYZE_FORMATS = [f for f in WRITERS if f != "parquet-part"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyse articles and print their records",
                       description="Analyse news articles (files, directories, or - for stdin) and print one record each.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive) or - for standard input")
    p.add_argument("--format", choices=["pretty", *ANALYZE_FORMATS], default=None,
                   help="pretty (default on a terminal), json (indented), jsonl (one record per line, default when piped)")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch (default 32)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env(model=args.model, batch_size=args.batch_size)
    fmt = args.format or ("pretty" if sys.stdout.isatty() else "jsonl")
    failed = 0
    render = None
    if fmt == "pretty":
        from newsgraph.cli.render import render_article as render
    writer = None if render else open_writer(fmt, sys.stdout, **({"flush": True} if fmt == "gkg" else {}))
    try:
        for record in analyze_many(read_inputs(args.paths, settings=settings), settings=settings):
            if isinstance(record, ErrorRecord):
                failed += 1
                print(f"newsgraph: {record.error}", file=sys.stderr)
            if render:
                if not isinstance(record, ErrorRecord):
                    render(record)
            else:
                writer.write(record)
        if writer:
            writer.close()
    except PipelineError as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    return 1 if failed else 0
