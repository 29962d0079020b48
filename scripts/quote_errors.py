"""List quote-content misses and spurious predictions on a PolNeAR split (for TRAIN only:
dev is for summary figures). Usage:

    PYTHONPATH=src python scripts/quote_errors.py ../shared/data/polnear/train --cache .cache [--out FILE] [--limit N]

Each line: MISS (gold content with a source that no prediction matched) or SPUR (a
prediction that matched no gold), with a guessed cause class, and the best partial
overlap; a summary count per class at the end.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys

from newsgraph.evaluate.quotes import _words, evaluate_split
from newsgraph.nlp import load_pipeline

_Q = re.compile(r"''|[\"“”„«»]")


def best_overlap(pw, others):
    best, bj = 0.0, -1
    for j, w in enumerate(others):
        longer = max(len(pw), len(w))
        if longer:
            r = len(pw & w) / longer
            if r > best:
                best, bj = r, j
    return best, bj


def classify_miss(text, g, pred_words, preds):
    gw = _words(text, g.content)
    r, j = best_overlap(gw, pred_words)
    content = " ".join(text[a:b] for a, b in g.content)
    cue = g.cue_text.lower()
    if r > 0:
        q = preds[j]
        pw = pred_words[j]
        inter = len(gw & pw)
        if len(pw) > len(gw):
            return f"bound:pred-too-long", r, j
        return f"bound:pred-too-short", r, j
    if not g.speech:
        return "notspeech:" + (cue.split()[-1] if cue else "nocue"), r, j
    if _Q.search(content):
        return "miss:direct", r, j
    return "miss:indirect", r, j


def classify_spur(text, q, gold_words, gold):
    pw = _words(text, q.spans)
    r, j = best_overlap(pw, gold_words)
    if r > 0:
        return ("bound:pred-too-long" if len(pw) > len(gold_words[j]) else "bound:pred-too-short"), r, j
    return f"spur:{q.kind}", r, j


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--cache", default=".cache")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out")
    ap.add_argument("--jsonl", help="also write one JSON record per error here")
    args = ap.parse_args(argv)
    nlp = load_pipeline("en_core_web_sm")
    scores, kept = evaluate_split(args.dir, nlp=nlp, cache=args.cache, keep=True, limit=args.limit)
    out = open(args.out, "w") if args.out else sys.stdout
    counts = collections.Counter()
    js = open(args.jsonl, "w") if args.jsonl else None

    def dump(**rec):
        if js is not None:
            js.write(json.dumps(rec) + "\n")
    for art, preds in kept:
        text = art.text
        gold = art.attributions
        gw = [_words(text, g.content) for g in gold]
        pw = [_words(text, q.spans) for q in preds]
        # a gold or prediction is "ok" if it has >= 0.5 overlap with something (approximation of the 1-1 match)
        for g, w in zip(gold, gw):
            if not g.has_source:
                continue
            r, _ = best_overlap(w, pw)
            if r >= 0.5:
                continue
            cls, r, j = classify_miss(text, g, pw, preds)
            counts["MISS " + cls] += 1
            content = " | ".join(text[a:b] for a, b in g.content).replace("\n", "\\n")
            src = " ".join(text[a:b] for a, b in g.source)
            dump(t="MISS", cls=cls, art=art.name, cue=g.cue_text, src=src, speech=g.speech, direct=g.direct,
                 g=g.content, gc=content, r=r, p=preds[j].spans if j >= 0 else None,
                 pk=preds[j].kind if j >= 0 else None, pcue=preds[j].cue.text if j >= 0 and preds[j].cue else None,
                 ctx=text[max(0, g.content[0][0] - 300):g.content[-1][1] + 300])
            print(f"MISS {cls}\t{art.name}\tcue={g.cue_text!r} src={src!r}\n  G: {content}", file=out)
            if j >= 0:
                print(f"  P({r:.2f},{preds[j].kind},{preds[j].cue.text if preds[j].cue else None}): "
                      + " | ".join(text[a:b] for a, b in preds[j].spans).replace("\n", "\\n"), file=out)
        for q, w in zip(preds, pw):
            r, _ = best_overlap(w, gw)
            if r >= 0.5:
                continue
            cls, r, j = classify_spur(text, q, gw, gold)
            counts["SPUR " + cls] += 1
            content = " | ".join(text[a:b] for a, b in q.spans).replace("\n", "\\n")
            dump(t="SPUR", cls=cls, art=art.name, kind=q.kind, cue=q.cue.text if q.cue else None,
                 spk=q.speaker.name if q.speaker else None, p=q.spans, pc=content, r=r,
                 g=gold[j].content if j >= 0 else None, gcue=gold[j].cue_text if j >= 0 else None,
                 ctx=text[max(0, q.spans[0][0] - 300):q.spans[-1][1] + 300])
            print(f"SPUR {cls}\t{art.name}\tkind={q.kind} cue={q.cue.text if q.cue else None!r} "
                  f"spk={q.speaker.name if q.speaker else None!r}\n  P: {content}", file=out)
            if j >= 0:
                print(f"  G({r:.2f},{gold[j].cue_text!r}): " + " | ".join(text[a:b] for a, b in gold[j].content).replace("\n", "\\n"), file=out)
    for k, v in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{v:6d} {k}", file=out)
    print(f"direct F1 {scores.content('direct')[2]:.3f} speech attr F1 {scores.attribution('speech')[2]:.3f} "
          f"all attr F1 {scores.attribution('all')[2]:.3f} P {scores.content('all')[0]:.3f} "
          f"R direct {scores.content('direct')[1]:.3f} speech {scores.content('speech')[1]:.3f} all {scores.content('all')[1]:.3f} "
          f"pred {scores.predicted}", file=sys.stderr)
    if out is not sys.stdout:
        for k, v in sorted(counts.items(), key=lambda kv: -kv[1])[:40]:
            print(f"{v:6d} {k}")


if __name__ == "__main__":
    main()
