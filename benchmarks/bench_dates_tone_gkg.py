"""Dates, tone and the GKG writer vs the spaCy parse they sit on (Wikinews texts).

Reference: nlp.pipe over the texts (en_core_web_sm, n_process=1), CPU time.
Measured on the same parsed docs: extract_dates (with the dateparser fallback on spaCy
DATE entities), extract_tone (quotes given), and GKGWriter.write on the finished
records. Budget: the three together add at most 5% to the parse.

    PYTHONPATH=src python benchmarks/bench_dates_tone_gkg.py [N_ARTICLES]
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import best_of, require_data, wikinews_texts  # noqa: E402

from newsgraph.analyze import build_article, prepare  # noqa: E402
from newsgraph.article import Source  # noqa: E402
from newsgraph.extract.dates import extract_dates  # noqa: E402
from newsgraph.extract.quotes import extract_quotes  # noqa: E402
from newsgraph.extract.entities import extract_entities  # noqa: E402
from newsgraph.extract.tone import extract_tone  # noqa: E402
from newsgraph.nlp import load_pipeline  # noqa: E402
from newsgraph.readers.base import RawArticle  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402
from newsgraph.writers.gkg import GKGWriter  # noqa: E402


def cpu(fn, rounds: int = 2) -> float:
    return best_of(fn, rounds, clock=time.process_time)


def main(argv: list[str]) -> None:
    require_data()
    n = int(argv[0]) if argv else 100
    prepared = [prepare(RawArticle(source=Source(), text=t)) for t in wikinews_texts()[:n]]
    texts = [p.cleaned.body for p in prepared]
    published = [p.cleaned.published for p in prepared]
    nlp = load_pipeline("en_core_web_sm")
    list(nlp.pipe(texts[:4]))  # warm-up
    holder: dict[str, list] = {}

    def parse():
        holder["docs"] = list(nlp.pipe(texts, n_process=1))

    t_parse = cpu(parse, rounds=1)
    docs = holder["docs"]
    quotes = [extract_quotes(d, extract_entities(d)) for d in docs]
    extract_dates(docs[0], published[0])  # dateparser's first-call set-up is not per article

    # as the pipeline calls it: with the article text it already has (builtin._dates)
    t_dates = cpu(lambda: [extract_dates(d, p, text=t) for d, p, t in zip(docs, published, texts)])
    t_tone = cpu(lambda: [extract_tone(d, q) for d, q in zip(docs, quotes)])
    settings = Settings()
    records = [build_article(p, d, settings=settings) for p, d in zip(prepared, docs)]

    def write():
        w = GKGWriter(io.StringIO(), batch="20190101000000")
        for r in records:
            w.write(r)
        w.close()

    t_gkg = cpu(write, rounds=3)
    n_dates = sum(len(r.facts.get("dates") or []) for r in records)
    total = t_dates + t_tone + t_gkg
    print(f"Wikinews: {len(texts)} articles, {sum(len(d) for d in docs)} tokens, {n_dates} temporal expressions")
    print(f"{'step (CPU seconds)':<34} {'seconds':>8} {'x parse':>8}")
    print(f"{'spaCy nlp.pipe (reference)':<34} {t_parse:>8.2f} {1.0:>8.3f}")
    for name, t in (("extract_dates", t_dates), ("extract_tone", t_tone), ("GKGWriter.write", t_gkg),
                    ("dates + tone + GKG", total)):
        print(f"{name:<34} {t:>8.3f} {t / t_parse:>8.3f}")
    verdict = "within" if total / t_parse <= 0.05 else "OVER"
    print(f"dates, tone and GKG add {100 * total / t_parse:.1f}% to the parse ({verdict} the 5% budget)")


if __name__ == "__main__":
    main(sys.argv[1:])
