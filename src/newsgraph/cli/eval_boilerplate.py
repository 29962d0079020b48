"""`newsgraph eval boilerplate [DIR]`: line-level boilerplate precision/recall of the cleaner."""

from __future__ import annotations

import argparse
import sys
import time

DEFAULT_DIR = "../shared/data/article-extraction-benchmark"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "boilerplate", help="cleaning: boilerplate lines removed from whole-page text",
        description="Clean the whole visible text of the article-extraction benchmark's pages and score "
                    "the removed lines against lines absent from the gold bodies (see docs/cleaning.md).")
    p.add_argument("dir", metavar="DIR", nargs="?", default=DEFAULT_DIR,
                   help=f"the benchmark folder holding ground-truth.json and output/ (default: {DEFAULT_DIR})")
    p.add_argument("--split", default="dev", choices=("train", "dev", "all"),
                   help="pages by hash: train (0-a, rules tuned on them), dev (b-f), all (default: dev)")
    p.add_argument("--source", default="page", choices=("page", "extracted"),
                   help="page: the whole visible page text (output/html-text.json, default); extracted: "
                        "the main text newsgraph's HTML reader extracts, what clean_text gets for HTML")
    p.add_argument("--show-errors", type=int, default=0, metavar="N",
                   help="also list up to N body lines that were removed")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.evaluate.boilerplate import evaluate

    started = time.perf_counter()
    try:
        s = evaluate(args.dir, split=args.split, source=args.source)
    except ValueError as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"{args.source} text, {args.split}: {s.pages} pages, {s.lines} lines, {s.boilerplate} boilerplate, "
          f"{s.removed} removed, {elapsed:.1f}s")
    print(f"boilerplate precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
          f"body lines removed {s.removed - s.removed_boilerplate}")
    print(f"precision of furniture reasons alone (not title/byline/dateline/date/publisher): "
          f"{s.furniture_precision:.3f}")
    print(f"{'reason':<24} {'removed':>7} {'body':>5}")
    for reason, n in s.by_reason.most_common():
        print(f"{reason:<24} {n:>7} {s.wrong_by_reason[reason]:>5}")
    for page, reason, line in s.wrong[: args.show_errors]:
        print(f"  {page} {reason:<20} {line[:110]}")
    return 0
