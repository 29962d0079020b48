"""`newsgraph eval places FILE.xml`: toponym resolution on geoparsing gold (docs/places.md)."""

from __future__ import annotations

import argparse
import sys
import time

from newsgraph.nlp import PipelineError, load_pipeline
from newsgraph.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "places", help="places resolved to GeoNames, on TR-News/LGL or GeoVirus-format gold",
        description="Resolve the toponyms of a geoparsing corpus (TR-News/LGL <toponym> or GeoVirus "
                    "<location> XML) and print accuracy within 161 km, exact GeoNames id match (where "
                    "the gold has ids), median error and the AUC of the error curve (Gritta et al. 2019). "
                    "By default end to end (our NER and resolution, with recall and precision); "
                    "--gold-spans resolves the gold toponyms only.")
    p.add_argument("file", metavar="FILE.xml", help="e.g. ../shared/data/geoparsing/TR-News.xml")
    p.add_argument("--gold-spans", action="store_true", help="resolve the gold toponyms (no NER)")
    p.add_argument("--limit", type=int, default=None, help="only the first N articles")
    p.add_argument("--min-confidence", type=float, default=0.0,
                   help="end to end: places below this ranker probability count as unresolved")
    p.add_argument("--no-demonyms", action="store_true", help="end to end: leave out 'Turkish'-like mentions")
    p.add_argument("--no-repair", action="store_true",
                   help="end to end: do not take ORG/PERSON entities that are well-known places as places")
    p.add_argument("--no-nested", action="store_true",
                   help="end to end: do not take places inside organisations' names")
    p.add_argument("--no-left-out", action="store_true",
                   help="end to end: do not add places NER left out (dateline, 'in Ontario', 'Churchill, Man.')")
    p.add_argument("--raw-offsets", action="store_true",
                   help="end to end: keep the corpus' gold offsets even where they miss their phrase")
    p.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    p.add_argument("--cache", metavar="DIR", default=None,
                   help="end to end: keep the parsed articles in DIR (a DocBin) and reuse them")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="also list the N most frequent errors (gold spans)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from collections import Counter

    from newsgraph.evaluate.places import evaluate_end_to_end, evaluate_gold_spans, read_corpus
    from newsgraph.geo.gazetteer import load

    try:
        docs = read_corpus(args.file)[: args.limit]
        started = time.perf_counter()
        load()
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        if args.gold_spans:
            errors: list = []
            s = evaluate_gold_spans(docs, errors=errors)
            e2e = None
        else:
            nlp = load_pipeline(Settings.from_env(model=args.model).model)
            e2e = evaluate_end_to_end(docs, nlp=nlp, min_confidence=args.min_confidence,
                                      demonyms=not args.no_demonyms, repair=not args.no_repair,
                                      nested=not args.no_nested, left_out=not args.no_left_out, cache=args.cache,
                                      align=not args.raw_offsets)
            s = e2e.scores
    except (OSError, ValueError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # a malformed corpus file
        print(f"newsgraph: cannot evaluate {args.file!r}: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    mode = "gold spans" if args.gold_spans else "end to end"
    print(f"places, {mode}: {len(docs)} articles, {s.n} gold toponyms from {args.file}, {elapsed:.1f}s "
          f"(gazetteer ready in {load_s:.2f}s)")
    print(f"{'accuracy@161km':<22} {s.acc161:.3f}")
    ids = f"{s.id_accuracy:.3f} ({s.id_total} with ids)" if s.id_total else "- (no ids in the gold)"
    print(f"{'exact GeoNames id':<22} {ids}")
    print(f"{'median error km':<22} {s.median:.1f}")
    print(f"{'AUC (lower is better)':<22} {s.auc:.3f}")
    print(f"{'unresolved/unfound':<22} {s.unresolved}")
    if e2e is not None:
        print(f"{'recall within 161km':<22} {e2e.recall:.3f}   precision {e2e.precision:.3f}  "
              f"({e2e.predicted_correct}/{e2e.predicted} predicted mentions)")
        if e2e.unannotated:
            print(f"{'precision, annotated':<22} {e2e.precision_annotated:.3f}   (without {e2e.unannotated} "
                  f"demonym mentions: the corpus annotates none)")
        print(f"{'span recall':<22} {e2e.span_recall:.3f}   span precision {e2e.span_precision:.3f}")
        if e2e.offsets_moved:
            print(f"{'gold offsets moved':<22} {e2e.offsets_moved} (onto their phrase; --raw-offsets keeps them)")
        if e2e.parse_seconds:
            print(f"{'time':<22} parse {e2e.parse_seconds:.1f}s, places {e2e.places_seconds:.2f}s "
                  f"({e2e.places_seconds / e2e.parse_seconds:.1%} of parse)")
        else:
            print(f"{'time':<22} places {e2e.places_seconds:.2f}s (parses from the cache)")
    if args.gold_spans and args.errors:
        c = Counter((g.name, f"{r.name} {r.feature_class}.{r.feature_code} {r.country_code}" if r else "unresolved",
                     round(err)) for _, g, r, err in errors)
        for (name, got, err), n in c.most_common(args.errors):
            print(f"{n:>4}  {name!r} -> {got} ({err} km)")
    return 0
