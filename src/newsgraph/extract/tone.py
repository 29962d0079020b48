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
    """Per token: [word, positive, negative, verb, pronoun] as 0/1."""
    lex = lexicon()
    f = numpy.zeros((len(doc), 5), dtype=numpy.int32)
    for t in doc:
        if t.is_punct or t.is_space or not (t.is_alpha or t.like_num or any(ch.isalnum() for ch in t.text)):
            continue
        row = f[t.i]
        row[0] = 1
        v = lex.get(t.lower_)
        if v is None:
            v = lex.get(t.lemma_.lower())
        if v is not None:
            row[1 if v > 0 else 2] = 1
        row[3] = t.pos_ == "VERB"
        row[4] = t.tag_ in ("PRP", "PRP$")
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
    tone = Tone(*_values(f.sum(axis=0)) if len(doc) else _values(numpy.zeros(5)))
    starts = numpy.array([t.idx for t in doc], dtype=numpy.int64)
    for i, q in enumerate(quotes or []):
        rows = numpy.zeros(5, dtype=numpy.int64)
        for s, e in q.spans:
            a, b = numpy.searchsorted(starts, s), numpy.searchsorted(starts, e)
            rows += f[a:b].sum(axis=0)
        tone.quotes.append(QuoteTone(i, *_values(rows)))
    return tone
