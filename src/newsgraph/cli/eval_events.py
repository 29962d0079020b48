"""`newsgraph eval events FILE`: event coding on the PLOVER gold records (and PETRARCH2's unit tests)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsgraph.nlp import PipelineError, load_pipeline
from newsgraph.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "events", help="PLOVER/CAMEO event coding on the PLOVER gold records and PETRARCH2's unit tests",
        description="Code the sentences of a PLOVER gold-standard JSON file (e.g. "
                    "../shared/data/events/PLOVER_GSR_dev.json) and print event-type accuracy and F1, "
                    "source and target actor-code F1, mode and context accuracy; with --petrarch, also "
                    "the agreement with PETRARCH2's unit-test codings (see docs/events.md).")
    p.add_argument("file", metavar="FILE", help="PLOVER gold records (JSON list)")
    p.add_argument("--part", default="all", choices=["all", "even", "odd"],
                   help="records by index parity: even (looked at while building the lexicons), odd (not), all")
    p.add_argument("--petrarch", default=None, metavar="XML",
                   help="PETR2.UnitTest.records.xml; needs --cameo-map (default: beside FILE)")
    p.add_argument("--cameo-map", default=None, metavar="TXT", help="CAMEO2PLOVER-2021.txt (default: beside FILE)")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.add_argument("--errors", action="store_true", help="also list the records whose type is wrong")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.evaluate.events import evaluate_petrarch, evaluate_plover, load_cameo_map

    settings = Settings.from_env(model=args.model)
    try:
        nlp = load_pipeline(settings.model)
        started = time.perf_counter()
        s = evaluate_plover(args.file, nlp=nlp, part=args.part)
    except (OSError, ValueError, KeyError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"events, PLOVER records {args.file} (part {args.part}): {s.records} records, "
          f"{s.predicted} with an event, {elapsed:.1f}s")
    p, r, f = s.type_prf
    print(f"{'measure':<30} {'P':>5} {'R':>5} {'F1':>5}")
    print(f"{'event type (primary event)':<30} {p:>5.3f} {r:>5.3f} {f:>5.3f}   accuracy {s.type_accuracy:.3f}, "
          f"macro F1 {s.type_macro_f1:.3f}")
    for name, key in (("source actor code", "src"), ("target actor code", "tgt"),
                      ("source code + sector", "src_sector"), ("target code + sector", "tgt_sector")):
        p, r, f = s.actor_prf(key)
        print(f"{name:<30} {p:>5.3f} {r:>5.3f} {f:>5.3f}")
    print(f"mode accuracy {s.mode_ok}/{s.mode_n} = {s.mode_ok / s.mode_n if s.mode_n else 0:.3f} "
          f"(records with a gold mode and the right type)")
    print(f"context accuracy {s.ctx_ok}/{s.ctx_n} = {s.ctx_ok / s.ctx_n if s.ctx_n else 0:.3f} "
          f"(first context among the gold's)")
    if args.errors:
        for rid, gold, pred, trig, text in s.errors:
            print(f"{rid:<28} gold {gold:<10} ours {str(pred):<10} {str(trig):<14} {text[:150]}")
    if args.petrarch:
        cmap = Path(args.cameo_map) if args.cameo_map else Path(args.file).with_name("CAMEO2PLOVER-2021.txt")
        try:
            ps = evaluate_petrarch(args.petrarch, load_cameo_map(cmap), nlp=nlp)
        except OSError as e:
            print(f"newsgraph: {e}", file=sys.stderr)
            return 2
        print(f"PETRARCH2 unit tests {args.petrarch}: {ps.sentences} sentences "
              f"(PETRARCH2 itself: 1.000, they are its own tests)")
        for name, c in (("PLOVER type (via CAMEO2PLOVER)", ps.types), ("CAMEO root code", ps.roots)):
            p, r, f = (c["tp"] / c["pred"] if c["pred"] else 0, c["tp"] / c["gold"] if c["gold"] else 0, 0)
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{name:<30} {p:>5.3f} {r:>5.3f} {f:>5.3f}")
        print(f"no-event sentences left without events: {ps.no_event_clean}/{ps.no_event_sentences}")
    return 0
