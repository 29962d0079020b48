"""`newsgraph eval counts DIR`: count precision, recall and F1 on hand-labelled Wikinews sentences."""

from __future__ import annotations

import argparse
import sys
import time

from newsgraph.nlp import PipelineError, load_pipeline
from newsgraph.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "counts", help="counts of killed/arrested/... on labelled Wikinews sentences",
        description="Run the counts extractor over the Wikinews articles whose sentences are "
                    "labelled in newsgraph/data/counts_gold_wikinews*.jsonl and print precision, "
                    "recall and F1 (type and number equal, spans overlapping; see docs/counts.md).")
    p.add_argument("dir", metavar="DIR", help="the Wikinews folder of CSV files (e.g. ../shared/data/wikinews)")
    p.add_argument("--split", default="dev", choices=["dev", "test"],
                   help="shipped gold: dev (2019 sentences, tuned on) or test (2020, held out); default dev")
    p.add_argument("--gold", default=None, help="a gold JSONL file instead of the shipped split")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.add_argument("--errors", action="store_true", help="also list missed and spurious counts with their sentences")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.evaluate.counts import evaluate_counts, load_gold, read_wikinews

    settings = Settings.from_env(model=args.model)
    try:
        gold = load_gold(args.gold, split=args.split)
        nlp = load_pipeline(settings.model)
        started = time.perf_counter()
        s = evaluate_counts(args.dir, nlp=nlp, gold=gold)
    except (OSError, ValueError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"counts, {args.gold or args.split} gold: {s.sentences} labelled sentences from {args.dir}: {s.gold} gold, "
          f"{s.predicted} predicted, {elapsed:.1f}s")
    print(f"{'match':<28} {'P':>5} {'R':>5} {'F1':>5}")
    print(f"{'type + number + overlap':<28} {s.precision:>5.3f} {s.recall:>5.3f} {s.f1:>5.3f}")
    lp = s.loose_matched / s.predicted if s.predicted else 0.0
    lr = s.loose_matched / s.gold if s.gold else 0.0
    lf = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
    print(f"{'type + overlap (any number)':<28} {lp:>5.3f} {lr:>5.3f} {lf:>5.3f}")
    print(f"approximate flag agrees on {s.approximate_agree}/{s.matched} matched counts")
    if args.errors:
        texts = read_wikinews(args.dir)
        for m in s.errors:
            text = texts[m.url]
            print(f"{m.kind:<8} {m.type:<8} {m.number:>8}  {text[m.span[0]:m.span[1]]!r}")
            print(f"         in: {' '.join(text[m.sentence[0]:m.sentence[1]].split())}")
    return 0
