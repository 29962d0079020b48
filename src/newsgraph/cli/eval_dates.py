"""`newsgraph eval dates DIR`: temporal expressions against TimeML gold (TempEval-3 scoring)."""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from newsgraph.nlp import PipelineError, load_pipeline
from newsgraph.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "dates", help="temporal expressions on TimeML gold (TimeBank, AQUAINT)",
        description="Run the dates extractor over every .tml file under DIR, resolving against each "
                    "document's creation time, and print strict and relaxed span P/R/F1 and value "
                    "accuracy and F1 for DATE and TIME expressions, the TempEval-3 way (docs/dates.md).")
    p.add_argument("dir", metavar="DIR", help="a TimeML folder, e.g. ../shared/data/timeml/AQUAINT (dev)")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.add_argument("--limit", type=int, default=None, help="only the first N documents (sorted by name)")
    p.add_argument("--cache", default=".cache", help="folder for parsed documents (DocBin), '' for none")
    p.add_argument("--errors", action="store_true", help="also list missed, spurious and wrongly valued expressions")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.evaluate.dates import evaluate_dates

    settings = Settings.from_env(model=args.model)
    cache = None
    if args.cache:
        key = hashlib.sha1(f"{Path(args.dir).resolve()}:{args.limit}:{settings.model}".encode()).hexdigest()[:12]
        cache = Path(args.cache) / f"timeml-{key}.spacy"
    try:
        nlp = load_pipeline(settings.model)
        started = time.perf_counter()
        s = evaluate_dates(args.dir, nlp=nlp, cache=cache, limit=args.limit)
    except (OSError, ValueError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"dates, DATE+TIME: {s.documents} documents from {args.dir}: {s.gold} gold, {s.predicted} predicted, "
          f"{elapsed:.1f}s")
    print(f"{'':<14} {'P':>5} {'R':>5} {'F1':>5}")
    for name, (p, r, f) in (("strict span", s.strict_prf()), ("relaxed span", s.relaxed_prf()),
                            ("value", s.value_prf())):
        print(f"{name:<14} {p:>5.3f} {r:>5.3f} {f:>5.3f}")
    print(f"value accuracy on relaxed matches: {s.value_accuracy:.3f} ({s.value_correct}/{s.relaxed})")
    if args.errors:
        for doc, kind, text, gold, pred in s.errors:
            print(f"{kind:<8} {doc:<28} {text!r:<40} gold={gold} predicted={pred}")
    return 0
