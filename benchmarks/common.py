"""Shared corpus loading for benchmarks: ../shared/data texts, written to a temp dir as files."""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def wikinews_texts() -> list[str]:
    csv.field_size_limit(sys.maxsize)
    texts = []
    for f in sorted((DATA / "wikinews").glob("wikinews_*.csv")):
        with open(f, newline="", encoding="utf-8") as fh:
            texts += [row["text"] for row in csv.DictReader(fh) if row["text"].strip()]
    return texts


def polnear_texts(split: str = "train") -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((DATA / "polnear" / split / "text").glob("*.txt"))]


def write_corpus(texts: list[str], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for i, t in enumerate(texts):
        (directory / f"{i:06d}.txt").write_text(t, encoding="utf-8")
    return directory


def best_of(fn, rounds: int = 2, *, clock=time.perf_counter) -> float:
    """Fastest of a few runs: the least disturbed by other load on a shared machine
    (clock=time.process_time for this process's CPU seconds)."""
    best = float("inf")
    for _ in range(rounds):
        t = clock()
        fn()
        best = min(best, clock() - t)
    return best


def require_data() -> None:
    if not DATA.is_dir():
        sys.exit(f"benchmark data not found at {DATA}")
