"""Train the toponym ranker (ranker.json) on gold toponyms: one reproducible command.

    python -m newsgraph.geo.train ../shared/data/geoparsing/TR-News.xml [--out PATH]

A conditional logit over each toponym's candidates (softmax of w . features),
fitted by full-batch gradient descent with L2 (deterministic: zero start, fixed
steps; the seed fixes the order-free shuffle of the calibration split only). The
target is the candidate with the gold GeoNames id, else the candidate nearest the
gold point when within 161 km, else a "none of them" option scored 0 (so a lone
weak candidate gets a low probability).
First the context-free weights (pass one), then, with context features computed
from pass one, the full weights; then a temperature on the full model's scores
(fitted on the same data, so confidences are probabilities, not scores).
TR-News is the tuning corpus; GeoVirus is kept for choosing between designs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from newsgraph.geo.gazetteer import load
from newsgraph.geo.resolve import (FEATURES, Ranker, _CONTEXT, _dateline, context_features,
                                   first_pass, haversine_km, prepare, publisher_country, publisher_home)

SEED = 13
L2 = 0.01
STEPS = 1500
RATE = 0.5


def _groups(path: str):
    from newsgraph.evaluate.places import group_toponyms, read_corpus

    for doc in read_corpus(path):
        tops, which = group_toponyms(doc)
        gold = {}
        for g, w in zip(doc.toponyms, which):
            gold.setdefault(w, g)
        yield doc, tops, gold


def _target(gaz, idx, g) -> int | None:
    """The right candidate's index; len(idx) (the "none of them" option) when none is right
    or when the toponym is not a gold one (g None: a name our NER took for a place)."""
    if len(idx) == 0:
        return None
    if g is None:
        return len(idx)
    if g.geonameid is not None:
        hit = np.nonzero(gaz.gid[idx] == g.geonameid)[0]
        if len(hit):
            return int(hit[0])
    d = [haversine_km(g.lat, g.lon, float(gaz.lat[i]), float(gaz.lon[i])) for i in idx]
    j = int(np.argmin(d))
    return j if d[j] <= 161 else len(idx)


def fit(Xs: list[np.ndarray], ys: list[int], mask: np.ndarray) -> np.ndarray:
    """Conditional logit by gradient descent; features outside `mask` stay at zero."""
    w = np.zeros(len(FEATURES))
    for _ in range(STEPS):
        grad = L2 * w
        for X, y in zip(Xs, ys):
            X = np.vstack([X, np.zeros(X.shape[1])])  # the "none of them" option, scored 0
            z = X @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            grad += (X.T @ p - X[y]) / len(Xs)
        w -= RATE * grad * mask
    return w


def nll(Xs, ys, w, T=1.0) -> float:
    tot = 0.0
    for X, y in zip(Xs, ys):
        X = np.vstack([X, np.zeros(X.shape[1])])
        z = X @ w / T
        z = z - z.max()
        tot -= z[y] - np.log(np.exp(z).sum())
    return tot / len(Xs)


def _ner_only(docs, model: str, cache: str):
    """Per article, the toponyms our NER and the places extractor's selection give that
    overlap no gold toponym (negatives: the ranker learns when "none of them" is right)."""
    from newsgraph.evaluate.places import EndToEnd, Scores, _parsed
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.places import _toponyms
    from newsgraph.nlp import load_pipeline

    parsed = _parsed(docs, load_pipeline(model), cache, EndToEnd(Scores()))
    for doc, p in zip(docs, parsed):
        out = []
        for _, t, _, _ in _toponyms(p, extract_entities(p), demonyms=True, repair=True, nested=True):
            t.spans = [s for s in t.spans
                       if not any(g.start < s[1] and s[0] < g.end for g in doc.toponyms)]
            if t.spans and len(t.spans) == len(set(t.spans)):
                out.append(t)
        yield out


def train(path: str, *, ner: str | None = None, cache: str = ".cache") -> tuple[Ranker, dict]:
    np.random.seed(SEED)
    gaz = load()
    rows = []
    groups = list(_groups(path))
    extra = list(_ner_only([d for d, _, _ in groups], ner, cache)) if ner else [[] for _ in groups]
    negatives = 0
    for (doc, tops, gold), more in zip(groups, extra):
        n = len(tops)
        tops = tops + more
        gold = {**gold, **{n + k: None for k in range(len(more))}}
        negatives += len(more)
        ctx, cands = prepare(gaz, tops, doc.text)
        rows.append((doc, cands, gold))
    context = np.array([f in _CONTEXT for f in FEATURES], dtype=float)
    Xs1, ys1 = [], []
    for doc, cands, gold in rows:
        for t, c in enumerate(cands):
            y = _target(gaz, c.idx, gold[t])
            if y is not None:
                Xs1.append(c.base)
                ys1.append(y)
    w1 = fit(Xs1, ys1, 1 - context)
    r1 = Ranker(w1, w1)
    Xs, ys = [], []
    for doc, cands, gold in rows:
        full = context_features(gaz, cands, first_pass(r1, cands), *_dateline(gaz, r1, None, None),
                                publisher_country(gaz, doc.url), publisher_home(gaz, doc.url))
        for t, (c, X) in enumerate(zip(cands, full)):
            y = _target(gaz, c.idx, gold[t])
            if y is not None:
                Xs.append(X)
                ys.append(y)
    w = fit(Xs, ys, np.ones(len(FEATURES)))
    temps = np.linspace(0.5, 2.0, 31)
    T = float(temps[int(np.argmin([nll(Xs, ys, w, t) for t in temps]))])
    info = {"trained_on": Path(path).name, "toponyms": len(ys), "ner_negatives": negatives,
            "ner_model": ner, "seed": SEED, "l2": L2, "steps": STEPS,
            "nll_first": round(nll(Xs1, ys1, w1), 4), "nll": round(nll(Xs, ys, w, T), 4)}
    return Ranker(w, w1, T), info


def main(argv: list[str] | None = None) -> int:
    """`python -m newsgraph.geo.train FILE.xml` is `newsgraph train places FILE.xml`."""
    from newsgraph.cli import main as cli

    return cli(["train", "places", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
