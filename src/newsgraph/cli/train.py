"""`newsgraph train speakers DIR`, `newsgraph train places FILE.xml` and `newsgraph train dates DIR`:
rebuild the shipped speaker ranker (PolNeAR train), places ranker (TR-News) and the dates
extractor's decisions (TimeBank)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgraph.nlp import PipelineError, load_pipeline
from newsgraph.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="retrain a learned component (reproducibly, fixed seed)",
                       description="Retrain a learned component from its training split and write its model file.")
    kinds = p.add_subparsers(dest="train_kind", metavar="KIND", required=True)
    s = kinds.add_parser(
        "speakers", help="the speaker ranker of the quotes extractor (PolNeAR train, calibrated on dev)",
        description="Fit the speaker ranker on a PolNeAR train split, calibrate it on dev, print the dev "
                    "ablation and reliability table, and write src/newsgraph/data/speakers-model.json "
                    "(docs/quotes.md).")
    s.add_argument("dir", metavar="DIR", help="the PolNeAR train split (e.g. ../shared/data/polnear/train)")
    s.add_argument("--dev", default=None, help="the dev split for calibration (default: DIR/../dev)")
    s.add_argument("--out", default=None, help="model file to write (default: the packaged one)")
    s.add_argument("--cache", default=".cache", help="folder for parsed docs (default: .cache; '' for none)")
    s.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    s.add_argument("--no-ablation", action="store_true", help="skip the per-feature-group ablation")
    s.set_defaults(handler=run_speakers)

    g = kinds.add_parser(
        "places", help="the places extractor's candidate ranker (TR-News, fixed seed)",
        description="Fit the places ranker on gold toponyms and write src/newsgraph/geo/ranker.json (docs/places.md).")
    g.add_argument("corpus", metavar="FILE.xml", help="gold toponyms (e.g. ../shared/data/geoparsing/TR-News.xml)")
    g.add_argument("--out", default=None, help="model file to write (default: the packaged one)")
    g.add_argument("--ner", default="none", metavar="MODEL",
                   help="spaCy pipeline whose non-gold place mentions are the 'none of them' examples "
                        "(default none: gold toponyms only; see docs/places.md)")
    g.add_argument("--cache", default=".cache", help="where the parsed articles are kept (a DocBin)")
    g.set_defaults(handler=run_places)

    d = kinds.add_parser(
        "dates", help="the dates extractor's trained decisions (TimeBank only, deterministic)",
        description="Fit the dates extractor's weekday-direction model on TimeBank (the tuning split), print "
                    "its cross-validated decisions beside the rules', and write "
                    "src/newsgraph/data/dates-model.json (docs/dates.md).")
    d.add_argument("dir", metavar="DIR", help="the TimeBank folder (e.g. ../shared/data/timeml/TimeBank)")
    d.add_argument("--out", default=None, help="model file to write (default: the packaged one)")
    d.add_argument("--cache", default=".cache", help="folder for parsed docs (default: .cache; '' for none)")
    d.add_argument("--model", default=None, help="spaCy English pipeline (default: NEWSGRAPH_MODEL or en_core_web_sm)")
    d.set_defaults(handler=run_dates)


def run_dates(args: argparse.Namespace) -> int:
    import hashlib

    import newsgraph.data
    from newsgraph.extract.dates_model import MODEL_FILE
    from newsgraph.extract.dates_train import train

    out = Path(args.out) if args.out else Path(newsgraph.data.__file__).parent / MODEL_FILE
    settings = Settings.from_env(model=args.model)
    cache = None
    if args.cache:  # the same DocBin as `newsgraph eval dates DIR`
        key = hashlib.sha1(f"{Path(args.dir).resolve()}:None:{settings.model}".encode()).hexdigest()[:12]
        cache = Path(args.cache) / f"timeml-{key}.spacy"
    try:
        nlp = load_pipeline(settings.model)
        r = train(args.dir, nlp=nlp, cache=cache, out=out)
    except (OSError, ValueError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    print(f"direction: {r['examples']} examples ({r['weekdays']} bare weekdays, {r['weekdays_after']} of them after "
          f"the document date); wrote {out}")
    print(f"  5-fold cross-validation, weekdays right: rules {r['rules']}/{r['weekdays']}, "
          f"model {r['model']}/{r['weekdays']}; all examples: model {r['model_all']}/{r['examples']}")
    return 0


def run_places(args: argparse.Namespace) -> int:
    import json

    from newsgraph.geo import train as geo_train

    out = Path(args.out) if args.out else Path(geo_train.__file__).with_name("ranker.json")
    try:
        ranker, info = geo_train.train(args.corpus, ner=None if args.ner == "none" else args.ner, cache=args.cache)
    except (OSError, ValueError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    out.write_text(json.dumps(ranker.to_json(**info), indent=1) + "\n", "utf-8")
    print(f"wrote {out}: {json.dumps(info)}")
    return 0


def run_speakers(args: argparse.Namespace) -> int:
    from newsgraph.extract.speakers_model import MODEL_FILE
    from newsgraph.extract.speakers_train import train

    import newsgraph.data

    out = Path(args.out) if args.out else Path(newsgraph.data.__file__).parent / MODEL_FILE
    dev = args.dev or str(Path(args.dir).resolve().parent / "dev")
    settings = Settings.from_env(model=args.model)
    try:
        nlp = load_pipeline(settings.model)
        report = train(args.dir, dev, nlp=nlp, cache=args.cache or None, out=out, ablation=not args.no_ablation)
    except (ValueError, PipelineError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    print(f"trained on {report['train_quotes']} matched quotes, calibrated on {report['dev_quotes']} (dev); wrote {out}")

    def pct(rn):
        return f"{rn[0] / rn[1]:.3f} ({rn[0]}/{rn[1]})" if rn[1] else "-"

    print("speaker choice on dev matched quotes (chosen span overlaps the gold source):")
    print(f"  rules alone            {pct(report['rules'])}")
    print(f"  ranker                 {pct(report['ranker'])}")
    print(f"  oracle (any candidate) {pct(report['oracle'])}")
    for group, rn in report["ablation"].items():
        print(f"  ranker without {group:<8} {pct(rn)}")
    print(f"train: rules {pct(report['rules_train'])}, ranker {pct(report['ranker_train'])}")
    print("reliability on dev (calibrated confidence bin: quotes, mean confidence, share right):")
    for lo, hi, n, right, mean in report["reliability"]:
        print(f"  {lo:.1f}-{hi:.1f}  {n:>5}  {mean:.3f}  {right:.3f}")
    return 0
