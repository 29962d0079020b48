"""`newsgraph eval quotes DIR`: quote content and attribution P/R/F1 on a PolNeAR split."""

from __future__ import annotations

import argparse
import sys
import time

from newsgraph.nlp import PipelineError, load_pipeline
from newsgraph.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quotes", help="quotations and speakers on PolNeAR",
        description="Run the quote extractor over a PolNeAR split (e.g. ../shared/data/polnear/dev) "
                    "and print content and attribution precision, recall and F1 (see docs/quotes.md).")
    p.add_argument("dir", metavar="DIR", help="a PolNeAR split folder holding text/ and attributions/")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    p.add_argument("--speakers", choices=("model", "rules"), default="model",
                   help="choose speakers with the shipped ranker (default) or the rules alone")
    p.add_argument("--cache", default=None, help="folder to keep parsed docs in between runs (e.g. .cache)")
    p.add_argument("--wikinews", default=None, metavar="DIR",
                   help="also check that no speaker over this Wikinews folder (*.csv) is a date, number, "
                        "percentage, event or heading, and print the count")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.evaluate.quotes import evaluate_split

    settings = Settings.from_env(model=args.model)
    try:
        nlp = load_pipeline(settings.model)
        started = time.perf_counter()
        scores, _ = evaluate_split(args.dir, nlp=nlp, limit=args.limit, cache=args.cache, speakers=args.speakers)
    except (ValueError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"PolNeAR {args.dir}: {scores.articles} articles, {scores.predicted} predicted quotes, "
          f"{len(scores.failed)} failed, {elapsed:.1f}s")
    print(f"{'subset':<8} {'gold':>5} | {'content P':>9} {'R':>5} {'F1':>5} | {'attrib. P':>9} {'R':>5} {'F1':>5}")
    for subset in ("all", "speech", "direct"):
        cp, cr, cf = scores.content(subset)
        ap, ar, af = scores.attribution(subset)
        print(f"{subset:<8} {scores.gold[subset]:>5} | {cp:>9.3f} {cr:>5.3f} {cf:>5.3f} | {ap:>9.3f} {ar:>5.3f} {af:>5.3f}")
    print(f"speaker accuracy on matched quotes: {scores.speaker_accuracy:.3f} "
          f"({scores.speaker_right}/{scores.speaker_pairs})")
    if args.wikinews:
        from newsgraph.evaluate.quotes import non_speaker_check

        try:
            checked, bad = non_speaker_check(args.wikinews, nlp=nlp, cache=args.cache, speakers=args.speakers,
                                             limit=args.limit)
        except ValueError as e:
            print(f"newsgraph: {e}", file=sys.stderr)
            return 2
        print(f"non-speakers (date, time, number, percentage, event, law, work of art, heading) over "
              f"{args.wikinews}: {len(bad)} of {checked} speakers")
        for name, line in bad[:20]:
            print(f"  {name}: {line}")
    for line in scores.failed:
        print(f"newsgraph: failed: {line}", file=sys.stderr)
    return 1 if scores.failed else 0
