"""Count quality on hand-labelled Wikinews sentences.

Two shipped gold sets: `dev` (`newsgraph/data/counts_gold_wikinews2019.jsonl`, 59
sentences, used to find and fix errors) and `test` (`..._wikinews2020.jsonl`, 49 sentences,
held out: labelled without running the extractor on them, and not tuned on). Each holds, per sentence, the
article url, the sentence's character offsets into the CSV `text` column, a short hash of
the sentence (to notice a changed data file) and the expected counts (type, number,
approximate, span). It holds no article text: the text is read from the Wikinews CSV
files at evaluation time. How the sentences were chosen and labelled: docs/counts.md.

Scoring:
- The extractor runs on `nlp(article text)` (the raw CSV text, so offsets agree), and
  predictions whose span overlaps a labelled sentence are scored.
- A prediction matches a gold count when type and number are equal and the spans
  overlap; pairs are matched one to one. Precision = matched / predicted, recall =
  matched / gold. Also reported: a looser match (type and overlap, any number), and of
  strict matches, the share whose `approximate` flag agrees.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Callable

from spacy.language import Language

from newsgraph.article import Count, Span
from newsgraph.extract.counts import extract_counts

__all__ = ["GoldCount", "GoldSentence", "CountScores", "load_gold", "read_wikinews",
           "evaluate_counts", "GOLD_FILES"]

GOLD_FILES = {"dev": "counts_gold_wikinews2019.jsonl", "test": "counts_gold_wikinews2020.jsonl"}


@dataclass
class GoldCount:
    type: str
    number: int
    approximate: bool
    span: Span


@dataclass
class GoldSentence:
    url: str
    start: int
    end: int
    sha1: str
    counts: list[GoldCount]


@dataclass
class Miss:
    """A gold count not found, or a prediction not in the gold, with its sentence."""

    kind: str  # "missed" | "spurious"
    url: str
    sentence: Span
    type: str
    number: int
    span: Span


@dataclass
class CountScores:
    sentences: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    loose_matched: int = 0  # type and overlap, any number
    approximate_agree: int = 0
    errors: list[Miss] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: str | Path | None = None, *, split: str = "dev") -> list[GoldSentence]:
    """The labelled sentences of `path`, or of the shipped `split` ("dev" or "test")."""
    if path is None:
        if split not in GOLD_FILES:
            raise ValueError(f"unknown counts gold split {split!r}; valid: {', '.join(GOLD_FILES)}")
        where = GOLD_FILES[split]
        text = resources.files("newsgraph").joinpath("data", where).read_text("utf-8")
    else:
        text, where = Path(path).read_text("utf-8"), str(path)
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(GoldSentence(
                url=d["url"], start=int(d["start"]), end=int(d["end"]), sha1=d["sha1"],
                counts=[GoldCount(c["type"], int(c["number"]), bool(c["approximate"]),
                                  (int(c["span"][0]), int(c["span"][1]))) for c in d["counts"]]))
        except (ValueError, KeyError, TypeError, IndexError) as e:
            raise ValueError(f"bad gold line {where}:{n}: {e}; valid: a JSON object with "
                             "url, start, end, sha1 and counts [{type, number, approximate, span}]")
    return out


def read_wikinews(directory: str | Path) -> dict[str, str]:
    """url -> article text from every `*.csv` (columns url,date,title,text) in `directory`."""
    d = Path(directory)
    files = sorted(d.glob("*.csv")) if d.is_dir() else []
    if not files:
        raise ValueError(f"cannot read Wikinews from {str(directory)!r}: no *.csv files; valid: "
                         "a folder of CSV files with columns url,date,title,text (e.g. ../shared/data/wikinews)")
    csv.field_size_limit(sys.maxsize)
    texts: dict[str, str] = {}
    for f in files:
        with f.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if "url" not in row or "text" not in row:
                    raise ValueError(f"cannot read {str(f)!r}: columns {list(row)}; valid: url,date,title,text")
                texts[row["url"]] = row["text"]
    return texts


def evaluate_counts(
    directory: str | Path,
    *,
    nlp: Language,
    gold: list[GoldSentence] | None = None,
    extract: Callable[..., list[Count]] = extract_counts,
) -> CountScores:
    """Score `extract` on the labelled sentences, reading the article texts from `directory`."""
    gold = load_gold() if gold is None else gold
    texts = read_wikinews(directory)
    by_url: dict[str, list[GoldSentence]] = {}
    for g in gold:
        if g.url not in texts:
            raise ValueError(f"gold article {g.url!r} is not in {str(directory)!r}; valid: the "
                             "Wikinews folder the gold was labelled on (../shared/data/wikinews)")
        sentence = texts[g.url][g.start:g.end]
        if hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:len(g.sha1)] != g.sha1:
            raise ValueError(f"gold sentence {g.url!r} [{g.start}:{g.end}] no longer matches its "
                             "text: the data file changed since labelling")
        by_url.setdefault(g.url, []).append(g)
    scores = CountScores()
    urls = list(by_url)
    for url, doc in zip(urls, nlp.pipe(texts[u] for u in urls)):
        # A figure reported several times is one Count with several mentions: each mention
        # is scored where it stands, as the separate counts were before merging.
        predicted = [replace(c, span=span, mentions=[]) for c in extract(doc) for span in (c.mentions or [c.span])]
        for g in by_url[url]:
            inside = [c for c in predicted if _overlap(c.span, (g.start, g.end))]
            _score_sentence(scores, url, g, inside)
    return scores


def _score_sentence(scores: CountScores, url: str, g: GoldSentence, predicted: list[Count]) -> None:
    scores.sentences += 1
    scores.gold += len(g.counts)
    scores.predicted += len(predicted)
    free = list(predicted)
    missed = []
    for gc in g.counts:
        hit = next((p for p in free if p.type == gc.type and p.number == gc.number
                    and _overlap(p.span, gc.span)), None)
        if hit is None:
            missed.append(gc)
            continue
        free.remove(hit)
        scores.matched += 1
        scores.approximate_agree += hit.approximate == gc.approximate
    loose_free = list(predicted)
    for gc in g.counts:
        hit = next((p for p in loose_free if p.type == gc.type and _overlap(p.span, gc.span)), None)
        if hit is not None:
            loose_free.remove(hit)
            scores.loose_matched += 1
    sentence = (g.start, g.end)
    scores.errors += [Miss("missed", url, sentence, c.type, c.number, c.span) for c in missed]
    scores.errors += [Miss("spurious", url, sentence, c.type, c.number, c.span) for c in free]


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
