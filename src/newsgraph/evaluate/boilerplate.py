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
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.clean import clean_text, normalize_lines

SPLITS = ("train", "dev", "all")


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
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _key(s: str) -> str:
    return " ".join(s.casefold().split())


def in_split(page_id: str, split: str) -> bool:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; valid: {', '.join(SPLITS)}")
    return split == "all" or (page_id[:1] in "0123456789a") == (split == "train")


def load_pages(root: str | Path) -> list[tuple[str, str, str]]:
    """(page id, whole page text, gold body) for every page with both."""
    root = Path(root)
    try:
        pages = json.loads((root / "output" / "html-text.json").read_text("utf-8"))["output"]
        gold = json.loads((root / "ground-truth.json").read_text("utf-8"))
    except (OSError, KeyError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read the article-extraction benchmark in {str(root)!r}: {e}; valid: a folder "
                         "holding ground-truth.json and output/html-text.json") from None
    return [(pid, p["articleBody"], gold[pid]["articleBody"]) for pid, p in sorted(pages.items())
            if pid in gold and p.get("articleBody")]


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


def evaluate(root: str | Path, *, split: str = "all", limit: int | None = None) -> LineScores:
    scores = LineScores()
    pages = [p for p in load_pages(root) if in_split(p[0], split)][:limit]
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
