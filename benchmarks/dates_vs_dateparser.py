"""The dates extractor's values beside dateparser's on the same spans (docs/dates.md).

For every DATE the extractor finds on TimeML gold (weekdays, month and day, month,
"yesterday", "last week", "two years ago", dates with a year) that overlaps a gold
DATE/TIME, dateparser 1.x parses the same text relative to the document date
(PREFER_DATES_FROM past); its date is written at the extractor's granularity (day, ISO
week, month, year) and both are compared with the gold value. Summary counts only.

    PYTHONPATH=src python benchmarks/dates_vs_dateparser.py [TimeBank AQUAINT]
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, require_data  # noqa: E402

from newsgraph.evaluate.dates import SCORED, _norm, _parsed, read_tml  # noqa: E402
from newsgraph.extract.dates import extract_dates  # noqa: E402
from newsgraph.nlp import load_pipeline  # noqa: E402

KINDS = ("day", "week", "month", "year")


def _format(found: datetime | None, granularity: str) -> str | None:
    if found is None:
        return None
    d = found.date()
    if granularity == "day":
        return d.isoformat()
    if granularity == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def compare(split: str, nlp) -> Counter:
    import dateparser

    folder = DATA / "timeml" / split
    files = sorted(folder.rglob("*.tml"))
    docs = [read_tml(f) for f in files]
    key = hashlib.sha1(f"{folder.resolve()}:None:en_core_web_sm".encode()).hexdigest()[:12]
    parsed = _parsed(docs, nlp, Path(".cache") / f"timeml-{key}.spacy")  # the eval's cache
    c: Counter = Counter()
    for d, sp in zip(docs, parsed):
        ref = date.fromisoformat(d.dct)
        gold = [g for g in d.timexes if g.type in SCORED]
        settings = {"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day), "PREFER_DATES_FROM": "past",
                    "RETURN_AS_TIMEZONE_AWARE": False}
        for f in extract_dates(sp, d.dct, text=d.text):
            if f.type != "DATE" or f.granularity not in KINDS or not f.value:
                continue
            g = next((g for g in gold if f.span[0] < g.span[1] and g.span[0] < f.span[1]), None)
            if g is None:
                continue
            try:
                found = dateparser.parse(f.text, languages=["en"], settings=settings)
            except Exception:  # dateparser raises on odd inputs
                found = None
            c["expressions"] += 1
            c["extractor"] += _norm(f.value) == _norm(g.value)
            c["dateparser"] += _format(found, f.granularity) == _norm(g.value)
    return c


def main(argv: list[str]) -> None:
    require_data()
    nlp = load_pipeline("en_core_web_sm")
    print(f"{'split':<10} {'expressions':>11} {'extractor':>9} {'dateparser':>10}")
    for split in argv or ["TimeBank", "AQUAINT"]:
        c = compare(split, nlp)
        print(f"{split:<10} {c['expressions']:>11} {c['extractor']:>9} {c['dateparser']:>10}")


if __name__ == "__main__":
    main(sys.argv[1:])
