"""How many Wikinews articles, read as plain text files, get a publication date from
cleaning, from which line, and whether it is the date the CSV gives.

Two corpora: the CSV `text` column as it is (the 2019 file opens each text with the
Wikinews date line, "Friday, January 4, 2019"; the 2020 file has none), and every text
written as a Wikinews page prints it, with the date line first (the CSV `date` in
Wikinews's "Weekday, Month D, YYYY" form, added where the text lacks it).

    PYTHONPATH=src python benchmarks/bench_published.py
"""

from __future__ import annotations

import csv
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, require_data  # noqa: E402

from newsgraph.analyze import prepare  # noqa: E402
from newsgraph.clean.boilerplate import is_date  # noqa: E402
from newsgraph.readers import read_inputs  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402


def rows() -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    out = []
    for f in sorted((DATA / "wikinews").glob("wikinews_*.csv")):
        with open(f, newline="", encoding="utf-8") as fh:
            out += [r for r in csv.DictReader(fh) if r["text"].strip()]
    return out


def date_line(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


def measure(texts: list[str], expected: list[str], label: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for i, t in enumerate(texts):
            (Path(tmp) / f"{i:06d}.txt").write_text(t, encoding="utf-8")
        sources, right, undated, n = Counter(), 0, [], 0
        for raw in read_inputs([tmp], settings=Settings()):
            if not hasattr(raw, "text"):
                continue
            n += 1
            i = int(Path(raw.source.path).stem)
            c = prepare(raw).cleaned
            if c.published:
                sources[c.published_source] += 1
                right += c.published == expected[i]
            else:
                undated.append(i)
    dated = sum(sources.values())
    print(f"{label}: {dated}/{n} articles dated ({dict(sources)}); "
          f"{right}/{dated} equal to the CSV date; undated: {undated[:8]}{' ...' if len(undated) > 8 else ''}")


def main() -> None:
    require_data()
    rs = rows()
    expected = [r["date"][:10] for r in rs]
    measure([r["text"] for r in rs], expected, "CSV text as it is")
    first = [r["text"] if is_date(r["text"].strip().splitlines()[0].strip()) else f"{date_line(r['date'][:10])}\n\n{r['text']}"
             for r in rs]
    measure(first, expected, "date line first")


if __name__ == "__main__":
    main()
