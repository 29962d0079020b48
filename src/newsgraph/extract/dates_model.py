"""Trained decisions of the dates extractor: a small logistic regression each, numpy at run time.

    direction_features(doc, tok, ref, c, tense, sent_facts, facts) -> np.ndarray   (DIRECTION)
    load_models() -> {"direction": Logit | None}    data/dates-model.json, once per process

**Direction** (`direction`): is the day a bare weekday names after the publication date,
or the most recent one (the publication day included)? The rules' answer is the tense of
the clause (dates._tense); the model weighs what the parse shows around the expression
instead: the governing verb's tense, verb form and auxiliaries (Tense=Past, VerbForm=Inf,
"will", a modal, "have", "to"), whether it is a plan ("scheduled for Monday": a past
participle of a planning verb), the sentence's main verb, the preposition before it, how
far back the most recent such day is (a weekday of the day before is almost always past),
the other dates of the sentence and the article before it (after the publication date or
not), and the position in the article. It is trained on TimeBank only (the tuning split):
every bare weekday, month-and-day without a year and bare month that matches a gold
TIMEX3 with a resolvable value is an example, labelled 1 when the gold value is after the
publication date (`newsgraph train dates`, dates_train.py). Month and month-and-day
examples teach the model what a future context looks like (TimeBank's weekdays are
nearly all past: 5 of 127 after the document date); the decision is used for weekdays
in a past-tense or tenseless clause (dates._tense). A future ("will meet on Tuesday") or
present clause ("the talks resume Tuesday") keeps the rules' answer: with so few future
weekdays to learn from, the model would not outweigh "will" or the present tense.
"""

from __future__ import annotations

import json
import math
from datetime import date
from functools import lru_cache
from importlib.resources import files

import numpy as np
from spacy.tokens import Doc, Token

from newsgraph.extract.dates_rules import _month, vocabulary

__all__ = ["DIRECTION", "Logit", "direction_features", "load_models", "MODEL_FILE", "governing_verb"]

MODEL_FILE = "dates-model.json"

_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_PLANNED = {"expect", "schedule", "set", "plan", "slate", "due", "intend", "hope", "aim"}
_PREPS = ("on", "by", "until", "since", "before", "after", "from", "for", "at", "in")

DIRECTION: tuple[str, ...] = (
    # the rules' tense (dates._tense)
    "rule_past", "rule_present", "rule_future", "rule_none",
    # the governing verb (nearest verbal ancestor)
    "verb", "v_tense_past", "v_tense_pres", "v_inf", "v_part", "v_ger", "v_vbn", "v_vb",
    "aux_will", "aux_would", "aux_modal", "aux_have", "aux_to", "aux_be_pres", "aux_be_past", "passive",
    "v_xcomp", "v_acl", "v_relcl", "v_advcl", "v_root", "v_planned", "v_planned_vbn",
    "xhead_past", "xhead_pres", "xhead_will",
    # the sentence's main verb
    "root_past", "root_pres", "root_will",
    # the word before
    *(f"prep_{p}" for p in _PREPS), "prep_until", "prep_other", "prep_none", "possessive",
    # how far back the most recent such day or month is, as a share of its cycle
    "phase", "phase2", "back_1", "back_cycle_end",
    # other dates
    "sent_after", "sent_before", "sent_today", "doc_last_after", "doc_last_before",
    # the expression and where it is
    "k_weekday", "k_md", "k_mon", "first_sent", "log_sent", "quoted",
)


class Logit:
    """A logistic regression over named features (standardised), from its JSON form."""

    def __init__(self, data: dict, names: tuple[str, ...]):
        d = {k: dict(zip(data["features"], data[k])) for k in ("weights", "mean", "scale")}
        self.names = names
        self.weights = np.array([d["weights"].get(f, 0.0) for f in names])
        self.mean = np.array([d["mean"].get(f, 0.0) for f in names])
        self.scale = np.array([d["scale"].get(f, 1.0) for f in names])
        self.bias = float(data["bias"])
        self.threshold = float(data.get("threshold", 0.5))

    def prob(self, x: np.ndarray) -> float:
        z = float(((x - self.mean) / self.scale) @ self.weights + self.bias)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def decide(self, x: np.ndarray) -> bool:
        return self.prob(x) >= self.threshold


@lru_cache(maxsize=1)
def load_models() -> dict[str, Logit | None]:
    """The shipped models (data/dates-model.json), once per process; {} when absent."""
    try:
        data = json.loads(files("newsgraph.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        return {}
    out: dict[str, Logit | None] = {}
    if "direction" in data:
        out["direction"] = Logit(data["direction"], DIRECTION)
    return out


def governing_verb(tok: Token) -> Token | None:
    """The nearest verbal ancestor of `tok` (itself included), within six steps."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _aux(v: Token) -> list[Token]:
    return [c for c in v.children if c.dep_ in ("aux", "auxpass")]


def _has_will(v: Token) -> bool:
    return v.lower_ in _FUTURE_AUX or any(c.lower_ in _FUTURE_AUX for c in _aux(v))


def _tense_of(v: Token | None, which: str) -> float:
    if v is None:
        return 0.0
    if which in v.morph.get("Tense"):
        return 1.0
    return float(any(which in c.morph.get("Tense") for c in _aux(v)))


def cycle_back(kind: str, ref: date, groups: dict) -> float | None:
    """How far back the most recent day (weekday, month and day) or month named is, as a share
    of its cycle (a week, a year): 0 = the publication day (or month) itself."""
    try:
        if kind == "weekday":
            wd = vocabulary()["weekdays"][groups["wd"].casefold()]
            return ((ref.isoweekday() - wd) % 7) / 7
        if kind == "md":
            m, d = _month(groups["mon"]), int("".join(ch for ch in groups["day"] if ch.isdigit()))
            y = ref.year if (m, d) <= (ref.month, ref.day) else ref.year - 1
            return ((ref - date(y, m, d)).days % 366) / 366
        if kind == "mon":
            return ((ref.month - _month(groups["mon"])) % 12) / 12
    except (KeyError, ValueError, TypeError):
        return None
    return None


def direction_features(doc: Doc, tok: Token | None, ref: date, kind: str, groups: dict, start: int, end: int,
                       tense: str | None, sent_values: list[str], doc_values: list[str], sent_index: int,
                       quoted: bool, text: str | None = None) -> np.ndarray | None:
    """The DIRECTION features of a candidate, or None when it has no cycle (not a day or month).
    `text`: doc.text, when the caller has it (spaCy builds it anew on each access)."""
    text = doc.text if text is None else text
    phase = cycle_back(kind, ref, groups)
    if phase is None:
        return None
    f = dict.fromkeys(DIRECTION, 0.0)
    f[f"rule_{tense or 'none'}"] = 1.0
    v = governing_verb(tok) if tok is not None else None
    if v is not None:
        f["verb"] = 1.0
        f["v_tense_past"] = float("Past" in v.morph.get("Tense"))
        f["v_tense_pres"] = float("Pres" in v.morph.get("Tense"))
        forms = v.morph.get("VerbForm")
        f["v_inf"], f["v_part"], f["v_ger"] = (float(x in forms) for x in ("Inf", "Part", "Ger"))
        f["v_vbn"], f["v_vb"] = float(v.tag_ == "VBN"), float(v.tag_ == "VB")
        aux = _aux(v)
        f["aux_will"] = float(_has_will(v))
        f["aux_would"] = float(any(c.lower_ in ("would", "'d") for c in aux))
        f["aux_modal"] = float(any(c.tag_ == "MD" and c.lower_ not in _FUTURE_AUX | {"would", "'d"} for c in aux))
        f["aux_have"] = float(any(c.lemma_ == "have" for c in aux))
        f["aux_to"] = float(any(c.tag_ == "TO" for c in aux))
        f["aux_be_pres"] = float(any(c.lemma_ == "be" and "Pres" in c.morph.get("Tense") for c in aux))
        f["aux_be_past"] = float(any(c.lemma_ == "be" and "Past" in c.morph.get("Tense") for c in aux))
        f["passive"] = float(any(c.dep_ == "auxpass" for c in aux))
        for dep in ("xcomp", "acl", "relcl", "advcl"):
            f[f"v_{dep}"] = float(v.dep_ == dep)
        f["v_root"] = float(v.dep_ == "ROOT")
        f["v_planned"] = float(v.lemma_ in _PLANNED)
        f["v_planned_vbn"] = float(v.lemma_ in _PLANNED and v.tag_ == "VBN")
        if v.dep_ == "xcomp" and v.head.i != v.i:
            h = v.head
            f["xhead_past"], f["xhead_pres"] = _tense_of(h, "Past"), _tense_of(h, "Pres")
            f["xhead_will"] = float(_has_will(h))
    root = tok.sent.root if tok is not None and doc.has_annotation("DEP") else None
    if root is not None:
        f["root_past"], f["root_pres"] = _tense_of(root, "Past"), _tense_of(root, "Pres")
        f["root_will"] = float(_has_will(root))
    before = text[max(0, start - 12):start].split()
    prev = before[-1].casefold() if before else ""
    if prev in _PREPS:
        f[f"prep_{prev}"] = 1.0
    elif prev in ("until", "till", "through", "to"):
        f["prep_until"] = 1.0
    elif prev and tok is not None and tok.i > 0 and doc[tok.i - 1].pos_ == "ADP":
        f["prep_other"] = 1.0
    else:
        f["prep_none"] = 1.0
    f["possessive"] = float(text.startswith("'s", end))
    f["phase"], f["phase2"] = phase, phase * phase
    step = {"weekday": 1 / 7, "md": 1 / 366, "mon": 1 / 12}[kind]
    f["back_1"] = float(abs(phase - step) < 1e-9)  # the day (month) before the publication's
    f["back_cycle_end"] = float(phase >= 1 - step - 1e-9)  # the next one is the day (month) after
    iso = ref.isoformat()
    for val in sent_values:
        if val[:1].isdigit() and len(val) >= 4:
            key = val[:10]
            if key[:len(iso)] == iso[:len(key)] and len(key) >= 10:
                f["sent_today"] = 1.0
            elif key > iso[:len(key)]:
                f["sent_after"] = 1.0
            elif key < iso[:len(key)]:
                f["sent_before"] = 1.0
    if doc_values:
        key = doc_values[-1][:10]
        f["doc_last_after"] = float(key > iso[:len(key)])
        f["doc_last_before"] = float(key < iso[:len(key)])
    f[f"k_{kind}"] = 1.0
    f["first_sent"] = float(sent_index == 0)
    f["log_sent"] = math.log1p(sent_index)
    f["quoted"] = float(quoted)
    return np.array([f[n] for n in DIRECTION])
