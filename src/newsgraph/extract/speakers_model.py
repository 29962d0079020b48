"""The speaker ranker: candidates for each quote's speaker, their features, a trained choice.

    cands = speaker_candidates(doc, text, spans, cue, rule_speakers, segments)
    ranker = load_ranker()               # data/speakers-model.json, loaded once per process
    best, p = ranker.choose(cands)       # the candidate with the highest score, its probability

The rules of quotes.py (cue subject, `according to X`, colon introductions, the
previous quote's speaker) become candidate generators and features; the decision is a
logistic regression over the features (trained on PolNeAR train, chosen on dev:
speakers_train.py, `newsgraph train speakers DIR`). At run time only numpy is needed.

A candidate that can never be a speaker (a date, time, number, percentage, event, law,
work of art, a span across a line break: a heading or a photo credit fused into the
sentence) is not generated at all, so no model weight can pick it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import numpy as np
from spacy.tokens import Doc, Token

from newsgraph.data.lexicon import words as lexicon
from newsgraph.extract.quotes_cues import DIRECT_CUE_VERBS, is_cue
from newsgraph.extract.quotes_speakers import speaker_mentions

__all__ = ["Candidate", "speaker_candidates", "FEATURES", "GROUPS", "Ranker", "load_ranker",
           "is_non_speaker", "MODEL_FILE"]

MODEL_FILE = "speakers-model.json"

_PERSON_PRON = lexicon("en", "speakers", "pronouns_person")
_GROUP_PRON = lexicon("en", "speakers", "pronouns_group")
_SELF_PRON = lexicon("en", "speakers", "pronouns_self")
_ANON = lexicon("en", "speakers", "anonymous_heads")
_DOCUMENT = lexicon("en", "speakers", "document_heads")
_ORG_DESC = lexicon("en", "speakers", "org_description_heads")
_NON_SPEAKER_HEADS = lexicon("en", "speakers", "non_speaker_heads")
_NON_SPEAKER_LABELS = lexicon("en", "speakers", "non_speaker_labels")
_TITLE_HEADS = lexicon("en", "titles", "heads")
_NUMBER = re.compile(r"^[\W\d]*\d[\d,.]*\s*(%|percent|per cent)?\W*$|%")
_NP_HEAD_POS = ("PROPN", "NOUN", "PRON")
_NP_DEPS_SKIP = ("compound", "flat", "poss", "amod", "nmod", "det", "nummod")

# Feature names by group (the ablation drops one group at a time).
GROUPS: dict[str, tuple[str, ...]] = {
    "rule": ("rule_first", "rule_any", "no_rule", "prev_quote_speaker"),
    "syntax": ("subj_of_cue", "subj_of_any_cue", "colon_subject", "dep_nsubj", "dep_nsubjpass", "dep_pobj",
               "dep_dobj", "dep_appos", "dep_conj", "dep_other", "according_to", "by_agent"),
    "distance": ("log_tok_to_cue", "log_tok_to_content", "before_content", "after_content",
                 "same_sent_as_cue", "prev_sent", "next_sent", "other_para"),
    "type": ("pron_person", "pron_group", "pron_self", "propn", "noun", "ent_person", "ent_org", "ent_group",
             "ent_place", "ent_other", "title_head", "anon_head", "document_head", "org_desc_head", "capitalised"),
    "quote": ("kind_direct", "kind_mixed", "kind_indirect", "cue_before", "cue_after", "no_cue",
              "inside_other_quote", "n_cands_log"),
}
FEATURES: tuple[str, ...] = tuple(f for g in GROUPS.values() for f in g)
_INDEX = {f: k for k, f in enumerate(FEATURES)}


@dataclass
class Candidate:
    span: tuple[int, int]
    head: Token
    rule_rank: int = -1  # index in the rules' speaker list, -1 when the rules did not give it
    features: np.ndarray = field(default_factory=lambda: np.zeros(len(FEATURES)))


def is_non_speaker(head: Token, span_text: str) -> bool:
    """A date, time, number, percentage, event, law or work of art never speaks; nor does a
    span across a line break (a heading or a credit line fused into the sentence)."""
    if "\n" in span_text.strip():
        return True
    if head.ent_type_ in _NON_SPEAKER_LABELS and head.pos_ != "PRON":
        return True
    low = head.lower_
    if low in _NON_SPEAKER_HEADS or head.lemma_.lower() in _NON_SPEAKER_HEADS:
        return True
    return head.like_num or bool(_NUMBER.search(span_text)) and head.pos_ != "PROPN"


def _np_heads(doc: Doc, start: int, end: int) -> list[Token]:
    out = []
    for t in doc[start:end]:
        if t.pos_ not in _NP_HEAD_POS:
            continue
        if t.dep_ in _NP_DEPS_SKIP and t.head.i != t.i and t.head.pos_ in ("PROPN", "NOUN"):
            continue  # part of a larger noun phrase: its head is the candidate
        out.append(t)
    return out


def speaker_candidates(doc: Doc, text: str, spans: list[tuple[int, int]], cue: tuple[int, int] | None,
                       rule: list[tuple[int, int]], kind: str, quoted, entity_type,
                       prev_speaker: tuple[int, int] | None = None) -> list[Candidate]:
    """Every noun phrase that may have said the quote: the rules' speakers, and noun phrases
    outside the content in the cue's sentence, the content's sentences and the sentence before.

    quoted(char) -> bool: whether a char lies in a quoted stretch; entity_type(span) -> str | None.
    """
    if not len(doc):
        return []
    starts = [t.idx for t in doc]
    from bisect import bisect_left, bisect_right

    def tok(char: int) -> Token:
        return doc[max(0, min(len(doc) - 1, bisect_right(starts, char) - 1))]

    first, last = spans[0][0], spans[-1][1]
    anchor = cue[0] if cue else first
    cue_tok = tok(cue[0]) if cue else None
    sents = {tok(anchor).sent.start, tok(first).sent.start, tok(max(first, last - 1)).sent.start}
    s0 = tok(min(anchor, first)).sent
    if s0.start > 0:
        sents.add(doc[s0.start - 1].sent.start)
    sent_spans = sorted({(doc[i].sent.start, doc[i].sent.end) for i in sents})
    cue_sent = tok(anchor).sent
    para = (text.rfind("\n", 0, anchor) + 1, text.find("\n", anchor) if text.find("\n", anchor) >= 0 else len(text))

    def in_content(c: int) -> bool:
        return any(a <= c < b for a, b in spans)

    heads: dict[tuple[int, int], Token] = {}
    rule_rank: dict[tuple[int, int], int] = {}
    for k, sp in enumerate(rule):
        t = tok(sp[1] - 1)
        # the head of the rule's span: the token whose subtree covers it, rightmost noun
        for w in reversed(doc[tok(sp[0]).i:t.i + 1]):
            if w.pos_ in _NP_HEAD_POS:
                t = w
                break
        heads.setdefault(sp, t)
        rule_rank.setdefault(sp, k)
    for a, b in sent_spans:
        for h in _np_heads(doc, a, b):
            if in_content(h.idx):
                continue
            sp = speaker_mentions(h)[0]
            heads.setdefault(sp, h)
    cands = []
    for sp, h in heads.items():
        st = text[sp[0]:sp[1]]
        if is_non_speaker(h, st):
            continue
        c = Candidate(sp, h, rule_rank.get(sp, -1))
        cands.append(c)
    n = len(cands)
    for c in cands:
        f = c.features
        h, sp = c.head, c.span
        low = h.lower_
        f[_INDEX["rule_first"]] = c.rule_rank == 0
        f[_INDEX["rule_any"]] = c.rule_rank >= 0
        f[_INDEX["no_rule"]] = not rule
        f[_INDEX["prev_quote_speaker"]] = prev_speaker is not None and sp[0] < prev_speaker[1] and prev_speaker[0] < sp[1]
        verb = h.head
        f[_INDEX["subj_of_cue"]] = cue_tok is not None and verb.i == cue_tok.i and h.dep_ in ("nsubj", "nsubjpass", "pobj")
        f[_INDEX["subj_of_any_cue"]] = h.dep_ == "nsubj" and verb.lemma_.lower() in DIRECT_CUE_VERBS
        colon = text[:first].rstrip().endswith(":") and h.dep_ == "nsubj" and h.idx < first and h.sent.end_char >= first - 2
        f[_INDEX["colon_subject"]] = colon
        dep = h.dep_
        for name, deps in (("dep_nsubj", ("nsubj",)), ("dep_nsubjpass", ("nsubjpass",)), ("dep_pobj", ("pobj",)),
                           ("dep_dobj", ("dobj", "dative")), ("dep_appos", ("appos",)), ("dep_conj", ("conj",))):
            f[_INDEX[name]] = dep in deps
        f[_INDEX["dep_other"]] = dep not in ("nsubj", "nsubjpass", "pobj", "dobj", "dative", "appos", "conj")
        f[_INDEX["according_to"]] = dep == "pobj" and verb.lower_ == "to" and verb.i > 0 and doc[verb.i - 1].lower_ == "according"
        f[_INDEX["by_agent"]] = dep == "pobj" and verb.dep_ == "agent"
        ref = cue_tok.i if cue_tok is not None else tok(first).i
        f[_INDEX["log_tok_to_cue"]] = math.log1p(abs(h.i - ref))
        dist = min(abs(h.idx - first), abs(h.idx - last))
        f[_INDEX["log_tok_to_content"]] = math.log1p(dist / 6)
        f[_INDEX["before_content"]] = h.idx < first
        f[_INDEX["after_content"]] = h.idx >= last
        f[_INDEX["same_sent_as_cue"]] = h.sent.start == cue_sent.start
        f[_INDEX["prev_sent"]] = h.sent.end <= s0.start
        f[_INDEX["next_sent"]] = h.sent.start > cue_sent.start
        f[_INDEX["other_para"]] = not (para[0] <= h.idx < para[1])
        f[_INDEX["pron_person"]] = low in _PERSON_PRON
        f[_INDEX["pron_group"]] = low in _GROUP_PRON
        f[_INDEX["pron_self"]] = low in _SELF_PRON
        f[_INDEX["propn"]] = h.pos_ == "PROPN"
        f[_INDEX["noun"]] = h.pos_ == "NOUN"
        et = entity_type((h.idx, h.idx + len(h)))
        f[_INDEX["ent_person"]] = et == "PERSON"
        f[_INDEX["ent_org"]] = et == "ORG"
        f[_INDEX["ent_group"]] = et == "GROUP"
        f[_INDEX["ent_place"]] = et == "PLACE"
        f[_INDEX["ent_other"]] = et is not None and et not in ("PERSON", "ORG", "GROUP", "PLACE")
        lemma = h.lemma_.lower()
        f[_INDEX["title_head"]] = low in _TITLE_HEADS or lemma in _TITLE_HEADS
        f[_INDEX["anon_head"]] = low in _ANON
        f[_INDEX["document_head"]] = low in _DOCUMENT or lemma in _DOCUMENT
        f[_INDEX["org_desc_head"]] = low in _ORG_DESC or lemma in _ORG_DESC
        f[_INDEX["capitalised"]] = h.text[:1].isupper() and h.i != h.sent.start
        f[_INDEX["kind_direct"]] = kind == "direct"
        f[_INDEX["kind_mixed"]] = kind == "mixed"
        f[_INDEX["kind_indirect"]] = kind == "indirect"
        f[_INDEX["cue_before"]] = cue is not None and cue[0] < first
        f[_INDEX["cue_after"]] = cue is not None and cue[0] >= last
        f[_INDEX["no_cue"]] = cue is None
        f[_INDEX["inside_other_quote"]] = quoted(h.idx)
        f[_INDEX["n_cands_log"]] = math.log1p(n)
    return cands


class Ranker:
    """A logistic regression over FEATURES, plus Platt calibration of the chosen score."""

    def __init__(self, data: dict):
        names = data["features"]
        w = dict(zip(names, data["weights"]))
        self.weights = np.array([w.get(f, 0.0) for f in FEATURES])
        self.mean = np.array([dict(zip(names, data["mean"])).get(f, 0.0) for f in FEATURES])
        self.scale = np.array([dict(zip(names, data["scale"])).get(f, 1.0) for f in FEATURES])
        self.bias = float(data["bias"])
        self.calibration = data.get("calibration", {"a": 1.0, "b": 0.0})
        self.meta = {k: v for k, v in data.items() if k not in ("weights", "mean", "scale")}

    def scores(self, cands: list[Candidate]) -> np.ndarray:
        if not cands:
            return np.zeros(0)
        X = np.stack([c.features for c in cands])
        return ((X - self.mean) / self.scale) @ self.weights + self.bias

    def choose(self, cands: list[Candidate]) -> tuple[Candidate | None, float]:
        """The best candidate and the calibrated probability that it is the speaker."""
        if not cands:
            return None, 0.0
        s = self.scores(cands)
        k = int(np.argmax(s))
        # margin over the runner-up and the raw score both inform the calibration
        second = float(np.partition(s, -2)[-2]) if len(s) > 1 else float(s[k]) - 5.0
        return cands[k], self.confidence(float(s[k]), float(s[k]) - second)

    def confidence(self, score: float, margin: float) -> float:
        c = self.calibration
        z = c["a"] * score + c.get("m", 0.0) * margin + c["b"]
        return float(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))


@lru_cache(maxsize=1)
def load_ranker() -> Ranker | None:
    """The shipped model (data/speakers-model.json), once per process; None when absent."""
    path = files("newsgraph.data").joinpath(MODEL_FILE)
    try:
        return Ranker(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
