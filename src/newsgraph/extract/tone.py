"""Tone the way GDELT's V1.5TONE measures it, from the VADER lexicon, per article and per quote.

    extract_tone(doc, quotes) -> Tone

Seven values per article (docs/tone.md has each one's definition):
- word_count: tokens that are words or numbers (punctuation and spaces are not words);
- positive / negative: percentage of those words whose VADER mean valence is > 0 / < 0
  (the word as written, lower-cased, else its lemma, is looked up in vader_lexicon.txt,
  which the vaderSentiment wheel ships);
- tone = positive - negative; polarity = positive + negative (share of words in the
  tonal dictionary);
- activity: percentage of words that are verbs (spaCy POS VERB, auxiliaries excluded), the
  proxy for "active words" (GDELT's own activity list is not published);
- self_group: percentage of words that are personal or possessive pronouns (PRP, PRP$).
Each quote gets the same values over the tokens inside its spans, keyed by its index in
Article.quotes, so a speaker's tone can be followed across articles and time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

__all__ = ["Tone", "QuoteTone", "extract_tone", "lexicon"]


@dataclass
class QuoteTone:
    quote: int  # index into Article.quotes
    tone: float
    positive: float
    negative: float
    polarity: float
    activity: float
    self_group: float
    word_count: int


@dataclass
class Tone:
    tone: float  # positive - negative, -100..100
    positive: float  # % of words with positive valence
    negative: float  # % of words with negative valence
    polarity: float  # positive + negative
    activity: float  # activity reference density: % of words that are verbs
    self_group: float  # self/group reference density: % of words that are personal pronouns
    word_count: int
    quotes: list[QuoteTone] = field(default_factory=list)  # per quote, by index in Article.quotes


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """VADER's word -> mean valence (-4..4), read from the vaderSentiment package's data file."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


def _flags(doc: Doc) -> numpy.ndarray:
    """Per token: [word, positive, negative, verb, pronoun] as 0/1, from the token arrays
    (one dictionary look-up per distinct word, not per token)."""
    if not len(doc):
        return numpy.zeros((0, 5), dtype=numpy.int64)
    lex = lexicon()
    strings = doc.vocab.strings
    arr = doc.to_array([LOWER, LEMMA, POS, TAG, IS_PUNCT, IS_SPACE])
    f = numpy.zeros((len(doc), 5), dtype=numpy.int64)
    wordish = {k: any(ch.isalnum() for ch in strings[int(k)]) for k in numpy.unique(arr[:, 0])}
    f[:, 0] = [(not p and not sp and wordish[k]) for k, p, sp in zip(arr[:, 0], arr[:, 4], arr[:, 5])]
    valence: dict[tuple[int, int], float | None] = {}
    pos = numpy.zeros(len(doc), dtype=bool)
    neg = numpy.zeros(len(doc), dtype=bool)
    for i, (lo, le) in enumerate(zip(arr[:, 0].tolist(), arr[:, 1].tolist())):
        key = (lo, le)
        if key not in valence:
            v = lex.get(strings[lo])
            valence[key] = v if v is not None else lex.get(strings[le].lower())
        v = valence[key]
        if v is not None:
            pos[i], neg[i] = v > 0, v < 0
    f[:, 1] = pos & (f[:, 0] == 1)
    f[:, 2] = neg & (f[:, 0] == 1)
    f[:, 3] = arr[:, 2] == strings["VERB"]
    f[:, 4] = numpy.isin(arr[:, 3], [strings["PRP"], strings["PRP$"]])
    f[:, 3:] &= f[:, 0:1]
    return f


def _values(sums: numpy.ndarray) -> tuple[float, float, float, float, float, float, int]:
    words = int(sums[0])
    if not words:
        return 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0
    pos, neg, act, pro = (100.0 * float(x) / words for x in sums[1:])
    r = lambda x: round(x, 4)  # noqa: E731
    return r(pos - neg), r(pos), r(neg), r(pos + neg), r(act), r(pro), words


def extract_tone(doc: Doc, quotes: list | None = None) -> Tone:
    f = _flags(doc)
    tone = Tone(*_values(f.sum(axis=0)))
    starts = doc.to_array([IDX]).astype(numpy.int64).ravel() if len(doc) else numpy.zeros(0, dtype=numpy.int64)
    for i, q in enumerate(quotes or []):
        rows = numpy.zeros(5, dtype=numpy.int64)
        for s, e in q.spans:
            a, b = numpy.searchsorted(starts, s), numpy.searchsorted(starts, e)
            rows += f[a:b].sum(axis=0)
        tone.quotes.append(QuoteTone(i, *_values(rows)))
    return tone
