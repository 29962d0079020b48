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
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import numpy as np
from spacy.tokens import Doc, Token

from newsgraph.data.lexicon import words as lexicon
from newsgraph.extract.quotes_cues import DIRECT_CUE_VERBS, is_cue
from newsgraph.extract.quotes_speakers import speaker_mentions

__all__ = ["Candidate", "speaker_candidates", "FEATURES", "GROUPS", "Ranker", "load_ranker",
           "is_non_speaker", "MODEL_FILE", "DocView", "OtherContents"]

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
_RELATIVE = lexicon("en", "speakers", "relative")
_NUMBER = re.compile(r"^[\W\d]*\d[\d,.]*\s*(%|percent|per cent)?\W*$|%")
_NP_HEAD_POS = ("PROPN", "NOUN", "PRON")
_NP_DEPS_SKIP = ("compound", "flat", "poss", "amod", "nmod", "det", "nummod")

# Feature names by group (the ablation drops one group at a time).
GROUPS: dict[str, tuple[str, ...]] = {
    "rule": ("rule_first", "rule_any", "no_rule", "prev_quote_speaker"),
    "syntax": ("subj_of_cue", "subj_of_any_cue", "colon_subject", "dep_nsubj", "dep_nsubjpass", "dep_pobj",
               "dep_dobj", "dep_appos", "dep_conj", "dep_other", "according_to", "by_agent",
               "governs_content", "head_is_cue_verb"),
    "distance": ("log_tok_to_cue", "log_tok_to_content", "before_content", "after_content",
                 "same_sent_as_cue", "prev_sent", "next_sent", "other_para"),
    "type": ("pron_person", "pron_group", "pron_self", "propn", "noun", "ent_person", "ent_org", "ent_group",
             "ent_place", "ent_other", "title_head", "anon_head", "document_head", "org_desc_head", "capitalised"),
    # where the candidate sits in the dependency tree relative to the cue and the contents
    "tree": ("in_cue_subtree", "dominates_cue", "root_subject", "log_tree_dist", "other_tree", "in_content",
             "in_other_content", "relative"),
    "quote": ("kind_direct", "kind_mixed", "kind_indirect", "cue_before", "cue_after", "no_cue",
              "inside_other_quote", "n_cands_log"),
}
# The quote's own properties are the same for all its candidates: they weigh in through
# their products with what a candidate is (the rules' pick after a direct quote, ...).
_QUOTE_SIDE = ("kind_direct", "kind_mixed", "kind_indirect", "cue_before", "cue_after", "no_cue")
_CAND_SIDE = ("rule_first", "subj_of_cue", "before_content", "after_content", "pron_person", "colon_subject",
              "dep_pobj", "prev_sent", "ent_person", "noun", "in_cue_subtree", "in_other_content")
_CROSS = tuple((q, c) for q in _QUOTE_SIDE for c in _CAND_SIDE)
GROUPS["quote"] = GROUPS["quote"] + tuple(f"{c}*{q}" for q, c in _CROSS)
FEATURES: tuple[str, ...] = tuple(f for g in GROUPS.values() for f in g)
_INDEX = {f: k for k, f in enumerate(FEATURES)}
_CROSS_INDEX = [(_INDEX[f"{c}*{q}"], _INDEX[q], _INDEX[c]) for q, c in _CROSS]


@dataclass
class Candidate:
    span: tuple[int, int]
    head: Token
    rule_rank: int = -1  # index in the rules' speaker list, -1 when the rules did not give it
    features: np.ndarray | None = None


_AGE = re.compile(r"\d+-year-old", re.I)
_NAMED = ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC")
_SPEAKING_TYPES = ("PERSON", "ORG", "GROUP")
_CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "conj", "parataxis", "dobj", "relcl", "acl", "attr", "oprd", "dep")


def is_non_speaker(head: Token, span_text: str, entity_type: str | None = None) -> bool:
    """A date, time, number, percentage, event, law or work of art never speaks; nor does a
    span across a line break (a heading or a credit line fused into the sentence).

    entity_type: the type the article's entity table gives the head ("PERSON", ...): a
    name the NER labelled WORK_OF_ART next to a quotation ('"...," Risch told') that the
    table joined to a person or an organisation is a name, not a title."""
    if "\n" in span_text.strip():
        return True
    if head.pos_ == "PROPN" and (head.ent_type_ in _NAMED or entity_type in _SPEAKING_TYPES):
        return False  # "The New York Times", "Kristen Day"
    if _AGE.search(span_text) and not head.like_num:
        return False  # "the 26-year-old" is a person
    if head.ent_type_ in _NON_SPEAKER_LABELS and head.pos_ != "PRON" and head.lower_ != "one":
        return True
    low = head.lower_
    if head.pos_ != "PROPN" and (low in _NON_SPEAKER_HEADS or head.lemma_.lower() in _NON_SPEAKER_HEADS):
        return True
    if head.like_num and low != "one":
        return True
    return head.pos_ != "PROPN" and bool(_NUMBER.search(span_text))


def _line_of(text: str, span: tuple[int, int], at: int) -> tuple[int, int]:
    """The part of a span on the line holding char `at` (headings and credits fuse into sentences)."""
    a, b = span
    nl = text.rfind("\n", a, at)
    if nl >= 0:
        a = nl + 1
    nl = text.find("\n", at, b)
    if nl >= 0:
        b = nl
    while a < b and text[a].isspace():
        a += 1
    return a, b


def _group_of(head: Token) -> Token | None:
    """The people a poll figure stands for: "58 percent of Latino voters" -> "voters"."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") and not o.like_num:
                    return o
    return None


def _np_heads(doc: Doc, start: int, end: int) -> list[Token]:
    out = []
    for t in doc[start:end]:
        if t.pos_ not in _NP_HEAD_POS:
            continue
        if t.dep_ in _NP_DEPS_SKIP and t.head.i != t.i and t.head.pos_ in ("PROPN", "NOUN"):
            continue  # part of a larger noun phrase: its head is the candidate
        out.append(t)
    return out


class DocView:
    """Per-document tables the candidate generator reads (built once per article)."""

    def __init__(self, doc: Doc, text: str, starts: list[int] | None = None):
        self.doc, self.text = doc, text
        self.starts = starts if starts is not None else [t.idx for t in doc]
        self.sents = [(s.start, s.end) for s in doc.sents]
        self.sent_of = [0] * len(doc)
        for k, (a, b) in enumerate(self.sents):
            for i in range(a, b):
                self.sent_of[i] = k

    def tok(self, char: int) -> int:
        return max(0, min(len(self.doc) - 1, bisect_right(self.starts, char) - 1))


def speaker_candidates(view: DocView, spans: list[tuple[int, int]], cue: tuple[int, int] | None,
                       rule: list[tuple[int, int]], kind: str, quoted, entity_type,
                       prev_speaker: tuple[int, int] | None = None,
                       others: "OtherContents | None" = None) -> list[Candidate]:
    """Every noun phrase that may have said the quote: the rules' speakers, noun phrases
    outside the content in the cue's sentence, the content's sentences and the sentence before,
    and the unquoted subject of a speech verb inside the content (a content that took in its
    own attribution: 'Pataki says Kasich "has a record ..."').

    quoted(char) -> bool: whether a char lies in a quoted stretch; entity_type(span) -> str | None;
    others: the contents of the article's other quotes (a candidate inside one is what
    someone else said: '... said that she wanted ... and predicted ...').
    """
    doc, text = view.doc, view.text
    if not len(doc):
        return []
    first, last = spans[0][0], spans[-1][1]
    anchor = cue[0] if cue else first
    cue_i = view.tok(cue[0]) if cue else None
    cue_sent = view.sent_of[view.tok(anchor)]
    s_first = min(cue_sent, view.sent_of[view.tok(first)])
    sents = {cue_sent, view.sent_of[view.tok(first)], view.sent_of[view.tok(max(first, last - 1))]}
    if s_first > 0:
        sents.add(s_first - 1)
    sent_of = view.sent_of
    nl = text.find("\n", anchor)
    para = (text.rfind("\n", 0, anchor) + 1, nl if nl >= 0 else len(text))

    def in_content(c: int) -> bool:
        return any(a <= c < b for a, b in spans)

    heads: dict[tuple[int, int], Token] = {}
    rule_rank: dict[tuple[int, int], int] = {}
    for k, sp in enumerate(rule):
        t = doc[view.tok(sp[1] - 1)]
        # the head of the rule's span: its rightmost noun
        for w in reversed(doc[view.tok(sp[0]):t.i + 1]):
            if w.pos_ in _NP_HEAD_POS:
                t = w
                break
        heads.setdefault(sp, t)
        rule_rank.setdefault(sp, k)
    inside: set[int] = set()
    for k in sorted(sents):
        a, b = view.sents[k]
        for h in _np_heads(doc, a, b):
            if in_content(h.idx):
                # a content that took in its own attribution: the subject of a speech verb in it,
                # or the subject it opens with ("She has touted ...", "Trump has hailed ...")
                if not (h.dep_ in ("nsubj", "nsubjpass") and not quoted(h.idx) and (
                        is_cue(h.head, direct=True) or 0 <= h.left_edge.idx - first <= 2)):
                    continue
                inside.add(h.i)
            sp = speaker_mentions(h)[0]
            heads.setdefault(sp, h)
    cands = []
    seen = set()
    for sp, h in heads.items():
        rank = rule_rank.get(sp, -1)
        if "\n" in text[sp[0]:sp[1]].strip():
            sp = _line_of(text, sp, h.idx)
        if is_non_speaker(h, text[sp[0]:sp[1]], entity_type((h.idx, h.idx + len(h)))):
            g = _group_of(h)
            if g is None or is_non_speaker(g, g.text):
                continue
            h, sp = g, speaker_mentions(g)[0]
        if sp in seen or sp[1] <= sp[0]:
            continue
        seen.add(sp)
        cands.append(Candidate(sp, h, rank))
    n = len(cands)
    lead = text[max(0, first - 40):first]
    colon_at = first - (len(lead) - len(lead.rstrip())) - 1  # "Blinken agreed: "..."": the colon's sentence
    colon_sent = sent_of[view.tok(colon_at)] if colon_at >= 0 and text[colon_at] == ":" else -1
    content_i = view.tok(first)
    while content_i < len(doc) - 1 and not doc[content_i].is_alpha and doc[content_i].idx < last:
        content_i += 1  # past the opening mark
    content_anc = {a.i for a in doc[content_i].ancestors} if content_i is not None else set()
    cue_tok = doc[cue_i] if cue_i is not None else doc[content_i]
    cue_path = [cue_tok.i] + [a.i for a in cue_tok.ancestors]
    cue_depth = {t: d for d, t in enumerate(cue_path)}
    own = set(map(tuple, spans))
    width = len(FEATURES)
    for c in cands:
        f = [0.0] * width  # a list while filling (numpy item assignment is slow), an array after
        h, sp = c.head, c.span
        low = h.lower_
        f[_INDEX["rule_first"]] = c.rule_rank == 0
        f[_INDEX["rule_any"]] = c.rule_rank >= 0
        f[_INDEX["no_rule"]] = not rule
        f[_INDEX["prev_quote_speaker"]] = prev_speaker is not None and sp[0] < prev_speaker[1] and prev_speaker[0] < sp[1]
        verb = h.head
        f[_INDEX["subj_of_cue"]] = cue_i is not None and verb.i == cue_i and h.dep_ in ("nsubj", "nsubjpass", "pobj")
        f[_INDEX["subj_of_any_cue"]] = h.dep_ == "nsubj" and verb.lemma_.lower() in DIRECT_CUE_VERBS
        colon = h.dep_ == "nsubj" and h.idx < first and sent_of[h.i] == colon_sent
        f[_INDEX["colon_subject"]] = colon
        dep = h.dep_
        for name, deps in (("dep_nsubj", ("nsubj",)), ("dep_nsubjpass", ("nsubjpass",)), ("dep_pobj", ("pobj",)),
                           ("dep_dobj", ("dobj", "dative")), ("dep_appos", ("appos",)), ("dep_conj", ("conj",))):
            f[_INDEX[name]] = dep in deps
        f[_INDEX["dep_other"]] = dep not in ("nsubj", "nsubjpass", "pobj", "dobj", "dative", "appos", "conj")
        f[_INDEX["according_to"]] = dep == "pobj" and verb.lower_ == "to" and verb.i > 0 and doc[verb.i - 1].lower_ == "according"
        f[_INDEX["by_agent"]] = dep == "pobj" and verb.dep_ == "agent"
        # the candidate's verb dominates the content's first word ("X said [that ...]")
        f[_INDEX["governs_content"]] = verb.i != h.i and verb.i in content_anc
        f[_INDEX["head_is_cue_verb"]] = is_cue(verb, direct=True)
        ref = cue_i if cue_i is not None else view.tok(first)
        f[_INDEX["log_tok_to_cue"]] = math.log1p(abs(h.i - ref))
        dist = min(abs(h.idx - first), abs(h.idx - last))
        f[_INDEX["log_tok_to_content"]] = math.log1p(dist / 6)
        f[_INDEX["before_content"]] = h.idx < first
        f[_INDEX["after_content"]] = h.idx >= last
        hs = sent_of[h.i]
        f[_INDEX["same_sent_as_cue"]] = hs == cue_sent
        f[_INDEX["prev_sent"]] = hs < s_first
        f[_INDEX["next_sent"]] = hs > cue_sent
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
        f[_INDEX["capitalised"]] = h.text[:1].isupper() and h.i != view.sents[hs][0]
        f[_INDEX["kind_direct"]] = kind == "direct"
        f[_INDEX["kind_mixed"]] = kind == "mixed"
        f[_INDEX["kind_indirect"]] = kind == "indirect"
        f[_INDEX["cue_before"]] = cue is not None and cue[0] < first
        f[_INDEX["cue_after"]] = cue is not None and cue[0] >= last
        f[_INDEX["no_cue"]] = cue is None
        f[_INDEX["inside_other_quote"]] = quoted(h.idx)
        f[_INDEX["n_cands_log"]] = math.log1p(n)
        # the dependency path to the cue (or the content's first word when there is no cue)
        up, below, dist = h, h, 0
        while up.i not in cue_depth and up.head.i != up.i:
            below, up, dist = up, up.head, dist + 1
        if up.i in cue_depth:
            # "said that [he] thinks": inside a clause the cue governs (not "according to X", "by X")
            f[_INDEX["in_cue_subtree"]] = dist > 1 and up.i == cue_tok.i and below.dep_ in _CLAUSE_DEPS
            f[_INDEX["dominates_cue"]] = dist == 1 and cue_depth[up.i] > 0  # "[Trump] hailed ..., telling"
            f[_INDEX["log_tree_dist"]] = math.log1p(dist + cue_depth[up.i])
        else:
            f[_INDEX["other_tree"]] = 1.0
            f[_INDEX["log_tree_dist"]] = math.log1p(30)
        f[_INDEX["root_subject"]] = dep in ("nsubj", "nsubjpass") and verb.dep_ == "ROOT"
        f[_INDEX["in_content"]] = h.i in inside
        f[_INDEX["in_other_content"]] = others is not None and others.holds(h.idx, own)
        f[_INDEX["relative"]] = low in _RELATIVE and h.tag_ in ("WP", "WDT")
        for k, q, cf in _CROSS_INDEX:
            f[k] = f[q] * f[cf]
        c.features = np.array(f, dtype=float)
    return cands


class OtherContents:
    """The content spans of an article's quotes, to ask whether a char lies in another quote's."""

    def __init__(self, contents: list[list[tuple[int, int]]]):
        self.spans = sorted((a, b, k) for k, sps in enumerate(contents) for a, b in sps)
        self.starts = [a for a, _, _ in self.spans]
        self.longest = max((b - a for a, b, _ in self.spans), default=0)

    def holds(self, char: int, own: set[tuple[int, int]]) -> bool:
        hi = bisect_right(self.starts, char)
        lo = bisect_right(self.starts, char - self.longest - 1)
        return any(a <= char < b and (a, b) not in own for a, b, _ in self.spans[lo:hi])


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
