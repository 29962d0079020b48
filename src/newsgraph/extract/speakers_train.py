"""Training the speaker ranker (speakers_model.py) on PolNeAR source spans. Train-time only.

    newsgraph train speakers ../shared/data/polnear/train [--dev ../shared/data/polnear/dev]

1. Every article of the split runs through extract_quotes with the rules' speakers
   (speakers="rules"), tracing each quote's speaker candidates and their features.
2. A quote whose content matches a gold attribution with a Source (the evaluation's
   matching: half the words of the longer) labels its candidates: 1 when the candidate
   span overlaps the gold Source, else 0. Quotes without a positive candidate teach
   nothing about the choice and are left out of training.
3. An L2-regularised conditional logit (softmax over each quote's candidates) over
   standardised features is fitted by
   full-batch gradient descent (numpy, fixed iterations from zero, no sampling: the run is
   deterministic; SEED is recorded in the file for the record), then the chosen candidate's score
   and margin are calibrated on dev (Platt scaling) against "the chosen span overlaps the
   gold Source". The file is written with sorted keys and rounded weights, so one
   command rebuilds it bit for bit on the same inputs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsgraph.extract.speakers_model import FEATURES, GROUPS, Ranker

__all__ = ["collect", "fit", "train", "reliability"]

SEED = 11
_WORD = re.compile(r"\w+")


@dataclass
class Example:
    X: np.ndarray  # candidates x features
    y: np.ndarray  # 1 where the candidate overlaps the gold source
    rule_first: int  # index of the rules' first speaker among candidates, -1 if none
    rules: list[int] = field(default_factory=list)  # indexes of all the rules' speakers


def _words(text: str, spans) -> set[int]:
    return {a + m.start() for a, b in spans for m in _WORD.finditer(text[a:b])}


def collect(split_dir: str | Path, *, nlp, cache=None, limit: int | None = None) -> list[Example]:
    """Traced candidates of every quote that matches a gold attribution with a source."""
    from newsgraph.evaluate.quotes import _match, load_polnear, parsed_docs
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.quotes import extract_quotes

    articles = load_polnear(split_dir, limit=limit)
    out: list[Example] = []
    for art, doc in zip(articles, parsed_docs([a.text for a in articles], nlp, cache)):
        trace: list = []
        extract_quotes(doc, extract_entities(doc), speakers="rules", trace=trace)
        gold = art.attributions
        gw = [_words(art.text, g.content) for g in gold]
        pairs = []  # the evaluation's matching (evaluate.quotes.score_article): one to one, best first
        for i, (spans, cands) in enumerate(trace):
            w = _words(art.text, spans)
            for j, g in enumerate(gold):
                longer = max(len(w), len(gw[j]))
                r = len(w & gw[j]) / longer if longer else 0.0
                if r >= 0.5:
                    pairs.append((r + (1e-6 if g.has_source else 0.0), i, j))
        for i, j in _match(pairs):
            spans, cands = trace[i]
            g = gold[j]
            if not g.has_source or not cands:
                continue
            y = np.array([any(a < e and s < b for s, e in g.source) for a, b in (c.span for c in cands)], float)
            rule = next((k for k, c in enumerate(cands) if c.rule_rank == 0), -1)
            out.append(Example(np.stack([c.features for c in cands]), y, rule,
                               [k for k, c in enumerate(cands) if c.rule_rank >= 0]))
    return out


def fit(examples: list[Example], *, drop: tuple[str, ...] = (), l2: float = 5e-3, iters: int = 1500,
        lr: float = 0.15) -> dict:
    """A conditional logit (softmax over each quote's candidates) on quotes holding a positive
    candidate: the score of the right candidate is pushed above its rivals'."""
    usable = [e for e in examples if e.y.any()]
    X = np.concatenate([e.X for e in usable])
    y = np.concatenate([e.y / e.y.sum() for e in usable])
    sizes = np.array([len(e.y) for e in usable])
    group = np.repeat(np.arange(len(usable)), sizes)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])  # each quote's candidates are contiguous
    keep = np.array([f not in drop for f in FEATURES], float)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale * keep
    w = np.zeros(Z.shape[1])
    n = len(usable)
    for _ in range(iters):  # full batch, fixed steps from zero: deterministic
        s = Z @ w
        mx = np.maximum.reduceat(s, offsets)
        e = np.exp(s - mx[group])
        p = e / np.add.reduceat(e, offsets)[group]
        w -= lr * ((Z.T @ (p - y)) / n + l2 * w)
    w *= keep
    return {
        "features": list(FEATURES),
        "weights": [round(float(v), 6) for v in w],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "bias": 0.0,
        "dropped": list(drop),
    }


def accuracy(model: dict, examples: list[Example]) -> tuple[int, int]:
    """Quotes whose chosen candidate overlaps the gold source, of all matched quotes."""
    r = Ranker(model)
    right = 0
    for e in examples:
        s = ((e.X - r.mean) / r.scale) @ r.weights + r.bias
        right += bool(e.y[int(np.argmax(s))])
    return right, len(examples)


def rules_accuracy(examples: list[Example]) -> tuple[int, int]:
    return sum(any(e.y[k] for k in e.rules) for e in examples), len(examples)


def _chosen(model: dict, examples: list[Example]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r = Ranker(model)
    score, margin, right = [], [], []
    for e in examples:
        s = ((e.X - r.mean) / r.scale) @ r.weights + r.bias
        k = int(np.argmax(s))
        second = float(np.partition(s, -2)[-2]) if len(s) > 1 else float(s[k]) - 5.0
        score.append(float(s[k]))
        margin.append(float(s[k]) - second)
        right.append(float(e.y[k]))
    return np.array(score), np.array(margin), np.array(right)


def calibrate(model: dict, examples: list[Example], iters: int = 2000) -> dict:
    """Platt scaling of (score, margin) -> P(the chosen candidate is the speaker)."""
    s, m, y = _chosen(model, examples)
    Z = np.stack([s, m], axis=1)
    w, b = np.zeros(2), 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(Z @ w + b)))
        g = p - y
        w -= 0.1 * (Z.T @ g) / len(y)
        b -= 0.1 * g.mean()
    return {"a": round(float(w[0]), 6), "m": round(float(w[1]), 6), "b": round(float(b), 6)}


def reliability(model: dict, examples: list[Example], bins: int = 10) -> list[tuple[float, float, int, float, float]]:
    """(bin low, bin high, quotes, share right, mean confidence) of the calibrated confidence."""
    r = Ranker(model)
    s, m, y = _chosen(model, examples)
    conf = np.array([r.confidence(a, b) for a, b in zip(s, m)])
    rows = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        sel = (conf >= lo) & ((conf < hi) if k < bins - 1 else (conf <= hi))
        if sel.any():
            rows.append((lo, hi, int(sel.sum()), float(y[sel].mean()), float(conf[sel].mean())))
    return rows


def train(train_dir: str | Path, dev_dir: str | Path, *, nlp, cache=None, out: str | Path | None = None,
          ablation: bool = True) -> dict:
    """Fit on train, calibrate on dev, write the model file; returns a report."""
    tr = collect(train_dir, nlp=nlp, cache=cache)
    dv = collect(dev_dir, nlp=nlp, cache=cache)
    model = fit(tr)
    model["calibration"] = calibrate(model, dv)
    model["trained_on"] = {"train": Path(train_dir).name, "dev": Path(dev_dir).name,
                           "train_quotes": len(tr), "dev_quotes": len(dv), "seed": SEED}
    report = {"train_quotes": len(tr), "dev_quotes": len(dv),
              "rules": rules_accuracy(dv), "ranker": accuracy(model, dv),
              "ranker_train": accuracy(model, tr), "rules_train": rules_accuracy(tr),
              "oracle": (sum(bool(e.y.any()) for e in dv), len(dv)),
              "reliability": reliability(model, dv), "ablation": {}}
    if ablation:
        for group, names in GROUPS.items():
            report["ablation"][group] = accuracy(fit(tr, drop=names), dv)
    if out is not None:
        Path(out).write_text(json.dumps(model, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    return report
