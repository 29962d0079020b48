"""`newsgraph eval extraction DIR`: main-text extraction P/R/F1 on the article-extraction benchmark."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from newsgraph.evaluate.extraction import SYSTEMS

    p = sub.add_parser(
        "extraction", help="HTML main-text extraction on the article-extraction benchmark",
        description="Extract the main text of every page of scrapinghub's article-extraction-benchmark "
                    "(e.g. ../shared/data/article-extraction-benchmark) and print the benchmark's word "
                    "4-gram shingle precision, recall and F1 on the tune half, the report half and all "
                    "pages (see docs/inputs.md). Systems: "
                    + "; ".join(f"{name}: {desc}" for name, (desc, _) in SYSTEMS.items()) + ".")
    p.add_argument("dir", metavar="DIR", help="the benchmark folder holding ground-truth.json and html/")
    p.add_argument("--system", action="append", choices=list(SYSTEMS), default=None,
                   help="system to score (repeatable; default: newsgraph and newsgraph-extract)")
    p.add_argument("--limit", type=int, default=None, help="score only the first N pages (in key order)")
    p.add_argument("--save", metavar="FILE", default=None,
                   help="write each system's texts as JSON in the benchmark's output format")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.evaluate.extraction import evaluate_extraction, load_benchmark

    systems = args.system or ["newsgraph", "newsgraph-extract"]
    outputs: dict[str, dict[str, str]] = {}
    try:
        load_benchmark(args.dir)
    except ValueError as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    print(f"{'system':<24} {'split':<7} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
    try:
        for result in evaluate_extraction(args.dir, systems=systems, limit=args.limit, outputs=outputs):
            n = result.by_split["all"].pages
            rate = n / result.seconds if result.seconds else 0.0
            for split, s in result.by_split.items():
                speed = f"{rate:>8.1f}" if split == "all" else f"{'':>8}"
                print(f"{result.system:<24} {split:<7} {s.pages:>5} {s.precision:>6.3f} {s.recall:>6.3f} "
                      f"{s.f1:>6.3f} {speed}", flush=True)
    except ValueError as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    if args.save:
        saved = {name: {key: {"articleBody": text} for key, text in texts.items()} for name, texts in outputs.items()}
        with open(args.save, "w", encoding="utf-8") as f:
            json.dump(saved, f, ensure_ascii=False, indent=1)
    return 0
