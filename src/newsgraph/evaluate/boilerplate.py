"""Line-level boilerplate precision/recall of clean_text on the article-extraction benchmark.

Input: `output/html-text.json` (the whole visible text of 181 real pages) and
`ground-truth.json` (their gold article bodies). A page line is *body* when it occurs
in the gold body (lines of 4+ words: anywhere in it; shorter lines: as a whole gold
line, so "World" or "More" are not body just because the article uses the word);
every other line is *boilerplate*. clean_text's removed lines are the prediction.

Pages are split by their hash's first hex digit: 0-a train (rules were tuned by
looking at these), b-f dev (only scored). Whole-page text is mostly menus that a
conservative line cleaner leaves alone, so precision is the figure that matters:
recall here is a floor, not a target.

`source="extracted"` scores instead what clean_text really receives for HTML: the
main text newsgraph's HTML reader extracts from each page (`html/*.html.gz`). There
the gold bodies often keep a subheading, a dateline or a credit line that the cleaner
records as metadata, so precision is also given for furniture reasons alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.clean import clean_text, normalize_lines

SPLITS = ("train", "dev", "all")
SOURCES = ("page", "extracted")
# Reasons that record metadata (the line is the article's, moved into a field), as
# opposed to furniture: gold bodies disagree among themselves on keeping these.
METADATA_REASONS = {"title", "byline", "dateline", "date", "publisher"}


@dataclass
class LineScores:
    pages: int = 0
    lines: int = 0
    boilerplate: int = 0
    removed: int = 0
    removed_boilerplate: int = 0
    by_reason: Counter = field(default_factory=Counter)  # reason -> lines removed
    wrong_by_reason: Counter = field(default_factory=Counter)  # reason -> body lines removed
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # (page, reason, line)

    @property
    def precision(self) -> float:
        return self.removed_boilerplate / self.removed if self.removed else 0.0

    @property
    def recall(self) -> float:
        return self.removed_boilerplate / self.boilerplate if self.boilerplate else 0.0

    @property
    def furniture_precision(self) -> float:
        """Precision over lines removed for furniture reasons (not title/byline/dateline/date/publisher)."""
        removed = sum(n for r, n in self.by_reason.items() if r not in METADATA_REASONS)
        wrong = sum(n for r, n in self.wrong_by_reason.items() if r not in METADATA_REASONS)
        return (removed - wrong) / removed if removed else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


_BULLET = re.compile(r"^(?:[-*•·]\s+)+")


def _key(s: str) -> str:
    """Case and spacing folded, list bullets dropped: extractors add "- " that gold bodies lack."""
    return _BULLET.sub("", " ".join(s.casefold().split()))


def in_split(page_id: str, split: str) -> bool:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; valid: {', '.join(SPLITS)}")
    return split == "all" or (page_id[:1] in "0123456789a") == (split == "train")


def load_pages(root: str | Path, source: str = "page") -> list[tuple[str, str, str]]:
    """(page id, text, gold body) for every page with both; text per `source`."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; valid: {', '.join(SOURCES)}")
    root = Path(root)
    try:
        gold = json.loads((root / "ground-truth.json").read_text("utf-8"))
        if source == "page":
            pages = json.loads((root / "output" / "html-text.json").read_text("utf-8"))["output"]
            texts = {pid: p.get("articleBody") or "" for pid, p in pages.items()}
        else:
            texts = {pid: _extracted(root / "html" / f"{pid}.html.gz") for pid in gold}
    except (OSError, KeyError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read the article-extraction benchmark in {str(root)!r}: {e}; valid: a folder "
                         "holding ground-truth.json, output/html-text.json and html/") from None
    return [(pid, texts[pid], gold[pid]["articleBody"]) for pid in sorted(texts) if pid in gold and texts[pid]]


def _extracted(path: Path) -> str:
    from newsgraph.readers import read_file
    from newsgraph.readers.base import ReadError
    from newsgraph.readers.html import extract_html
    from newsgraph.settings import Settings

    if not path.is_file():
        raise OSError(f"{path} is missing")
    (raw,) = list(read_file(path, settings=Settings()))
    if getattr(raw, "html", None) is None:
        return getattr(raw, "text", None) or ""
    try:
        return extract_html(raw).text or ""
    except ReadError:
        return ""


def label_lines(page_text: str, gold_body: str) -> list[tuple[str, bool]]:
    """(line, is_boilerplate) for each non-blank normalised page line."""
    gold = _key(gold_body)
    gold_lines = {_key(line) for line in gold_body.splitlines()}
    out = []
    for line in normalize_lines(page_text):
        if not line:
            continue
        k = _key(line)
        body = k in gold if len(k.split()) >= 4 else k in gold_lines
        out.append((line, not body))
    return out


def evaluate(root: str | Path, *, split: str = "all", source: str = "page", limit: int | None = None) -> LineScores:
    scores = LineScores()
    in_split("", split)  # a bad split name fails before the (slow) extraction
    pages = [p for p in load_pages(root, source) if in_split(p[0], split)][:limit]
    for pid, text, gold in pages:
        removed = clean_text(text).removed
        scores.pages += 1
        r = 0
        for line, boiler in label_lines(text, gold):
            scores.lines += 1
            scores.boilerplate += boiler
            # removed lines come back in input order with their normalised text
            if r < len(removed) and removed[r].text == line:
                reason = removed[r].reason
                r += 1
                scores.removed += 1
                scores.by_reason[reason] += 1
                if boiler:
                    scores.removed_boilerplate += 1
                else:
                    scores.wrong_by_reason[reason] += 1
                    scores.wrong.append((pid[:12], reason, line))
    return scores
