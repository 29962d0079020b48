"""Training the dates extractor's direction model (dates_model.py) on TimeBank. Train-time only.

    newsgraph train dates ../shared/data/timeml/TimeBank

1. Every TimeBank document runs through the extractor with the rules alone
   (`_extract(..., learned=False)`), keeping each bare weekday's, month-and-day's and
   month's direction features.
2. A candidate overlapping a gold DATE/TIME TIMEX3 whose value is a day or a month is an
   example: 1 when that value is after the document creation time, else 0.
3. An L2-regularised logistic regression over standardised features is fitted by
   full-batch gradient descent (numpy, a fixed number of steps from zero, no sampling: the
   same file again on the same input). Five-fold cross-validation over documents (folds
   by document index, no shuffling) reports the weekday decisions of the rules and of
   the model. Only TimeBank (the tuning split) is read; AQUAINT stays dev.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from newsgraph.extract.dates_model import DIRECTION

__all__ = ["collect", "fit", "train", "SEED"]

SEED = 0  # recorded in the file; the fit itself draws no random numbers
L2, ITERS, LR = 0.01, 3000, 0.1


@dataclass
class Examples:
    X: np.ndarray
    y: np.ndarray
    kind: list[str]
    rule_after: np.ndarray  # the rules' decision (tense future) for each example
    doc: np.ndarray  # document index (for cross-validation folds)


def _after(value: str, ref: date) -> bool | None:
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value[:10]) and (len(value) == 10 or value[10] == "T"):
        try:
            return date.fromisoformat(value[:10]) > ref
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d\d", value):
        return (int(value[:4]), int(value[5:7])) > (ref.year, ref.month)
    return None


def collect(directory: str | Path, *, nlp, cache: Path | None = None) -> Examples:
    from newsgraph.evaluate.dates import SCORED, _parsed, read_tml
    from newsgraph.extract.dates import _extract

    files = sorted(Path(directory).rglob("*.tml"))
    if not files:
        raise ValueError(f"no .tml files under {directory}; valid: ../shared/data/timeml/TimeBank")
    docs = [read_tml(f) for f in files]
    X, y, kind, rule, di = [], [], [], [], []
    for k, (d, sp) in enumerate(zip(docs, _parsed(docs, nlp, cache))):
        ref = date.fromisoformat(d.dct)
        gold = [g for g in d.timexes if g.type in SCORED]
        for f in _extract(sp, d.dct, learned=False):
            if f.x is None:
                continue
            g = next((g for g in gold if f.fact.span[0] < g.span[1] and g.span[0] < f.fact.span[1]), None)
            lab = _after(g.value, ref) if g is not None else None
            if lab is None:
                continue
            X.append(f.x)
            y.append(float(lab))
            kind.append(f.cand.kind)
            rule.append(f.tense == "future")
            di.append(k)
    return Examples(np.array(X), np.array(y), kind, np.array(rule), np.array(di))


def fit(X: np.ndarray, y: np.ndarray, *, l2: float = L2, iters: int = ITERS, lr: float = LR) -> dict:
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    w = np.zeros(Z.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(iters):  # full batch, fixed steps from zero: deterministic
        p = 1.0 / (1.0 + np.exp(-(Z @ w + b)))
        w -= lr * ((Z.T @ (p - y)) / n + l2 * w)
        b -= lr * float((p - y).mean())
    return {"features": list(DIRECTION), "weights": [round(float(v), 6) for v in w],
            "mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
            "bias": round(b, 6), "threshold": 0.5}


def _predict(model: dict, X: np.ndarray) -> np.ndarray:
    z = ((X - np.array(model["mean"])) / np.array(model["scale"])) @ np.array(model["weights"]) + model["bias"]
    return z >= 0.0


def cross_validate(ex: Examples, folds: int = 5) -> dict:
    """Weekday decisions right, of weekday examples: the rules and the model (5 folds by document)."""
    wk = np.array([k == "weekday" for k in ex.kind])
    model_right = 0
    all_right = 0
    for f in range(folds):
        test = ex.doc % folds == f
        m = fit(ex.X[~test], ex.y[~test])
        pred = _predict(m, ex.X[test])
        model_right += int(((pred == (ex.y[test] == 1)) & wk[test]).sum())
        all_right += int((pred == (ex.y[test] == 1)).sum())
    rule_right = int(((ex.rule_after == (ex.y == 1)) & wk).sum())
    return {"weekdays": int(wk.sum()), "weekdays_after": int((ex.y[wk] == 1).sum()), "rules": rule_right,
            "model": model_right, "examples": len(ex.y), "model_all": all_right,
            "rules_all": int((ex.rule_after == (ex.y == 1)).sum())}


def train(directory: str | Path, *, nlp, cache: Path | None = None, out: Path) -> dict:
    ex = collect(directory, nlp=nlp, cache=cache)
    report = cross_validate(ex)
    model = fit(ex.X, ex.y)
    model.update({"trained_on": "TimeBank", "examples": len(ex.y), "seed": SEED,
                  "l2": L2, "iters": ITERS, "lr": LR})
    data = {"direction": model}
    out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return report
