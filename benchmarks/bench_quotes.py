"""Quote extraction and speaker resolution vs the spaCy parse they sit on (PolNeAR dev texts).

Reference: nlp.pipe over the texts (en_core_web_sm, n_process=1).
Measured on the same parsed docs: extract_quotes alone (entities given), and
extract_entities + extract_quotes (what analyze adds for speakers). Budget: quotes
and speaker resolution add at most 15% to the parse.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import best_of, polnear_texts, require_data  # noqa: E402

from newsgraph.extract.entities import extract_entities  # noqa: E402
from newsgraph.extract.quotes import extract_quotes  # noqa: E402
from newsgraph.nlp import load_pipeline  # noqa: E402


def main() -> None:
    require_data()
    texts = polnear_texts("dev")
    nlp = load_pipeline("en_core_web_sm")
    docs = list(nlp.pipe(texts[:4]))  # warm-up
    holder: dict[str, list] = {}

    def parse():
        holder["docs"] = list(nlp.pipe(texts, n_process=1))

    t_parse = best_of(parse)
    docs = holder["docs"]
    entities = [extract_entities(d) for d in docs]

    def quotes_only():
        for d, e in zip(docs, entities):
            extract_quotes(d, e)

    def entities_and_quotes():
        for d in docs:
            extract_quotes(d, extract_entities(d))

    t_quotes = best_of(quotes_only, rounds=3)
    t_both = best_of(entities_and_quotes)
    n_quotes = sum(len(extract_quotes(d, e)) for d, e in zip(docs, entities))
    words = sum(len(d) for d in docs)
    print(f"PolNeAR dev: {len(texts)} articles, {words} tokens, {n_quotes} quotes")
    print(f"{'step':<34} {'seconds':>8} {'x parse':>8}")
    print(f"{'spaCy nlp.pipe (reference)':<34} {t_parse:>8.2f} {1.0:>8.3f}")
    print(f"{'extract_quotes':<34} {t_quotes:>8.2f} {t_quotes / t_parse:>8.3f}")
    print(f"{'extract_entities + extract_quotes':<34} {t_both:>8.2f} {t_both / t_parse:>8.3f}")
    verdict = "within" if t_quotes / t_parse <= 0.15 else "OVER"
    print(f"quotes add {100 * t_quotes / t_parse:.1f}% to the parse ({verdict} the 15% budget)")


if __name__ == "__main__":
    main()
