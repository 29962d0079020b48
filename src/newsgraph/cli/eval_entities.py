"""`newsgraph eval entities DIR`: entity sanity figures on a PolNeAR split's Source spans."""

from __future__ import annotations

import argparse
import sys
import time

from newsgraph.nlp import PipelineError, load_pipeline
from newsgraph.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "entities", help="entity mentions against PolNeAR sources (sanity figures)",
        description="Resolve entities over a PolNeAR split (e.g. ../shared/data/polnear/dev) and print "
                    "how many gold Source spans the mentions cover, against spaCy's NER alone "
                    "(see docs/entities.md).")
    p.add_argument("dir", metavar="DIR", help="a PolNeAR split folder holding text/ and attributions/")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.evaluate.entities import evaluate_entities

    settings = Settings.from_env(model=args.model)
    try:
        nlp = load_pipeline(settings.model)
        started = time.perf_counter()
        s = evaluate_entities(args.dir, nlp=nlp, limit=args.limit)
    except (ValueError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"PolNeAR {args.dir}: {s.articles} articles, {s.sources} sources ({s.named} named), "
          f"{s.entities} entities, {len(s.failed)} failed, {elapsed:.1f}s")
    print(f"{'':16}{'mentions':>9}{'named covered':>15}{'full name':>11}{'all covered':>13}")
    for key, label in (("ner", "spaCy NER only"), ("newsgraph", "newsgraph")):
        print(f"{label:16}{s.mentions[key]:>9}{s.rate(s.covered, key, s.named):>15.3f}"
              f"{s.rate(s.full_name, key, s.named):>11.3f}{s.rate(s.all_covered, key, s.sources):>13.3f}")
    for line in s.failed:
        print(f"newsgraph: failed: {line}", file=sys.stderr)
    return 1 if s.failed else 0
