"""Entity resolution cost against the parse it runs on (wikinews), one run.

Reference: spaCy nlp.pipe over the texts (the parse extract_entities needs anyway).
Measured: extract_entities over the already parsed Docs. The issue asks resolution
to be cheap relative to the parse; the ratio is the figure to watch.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import best_of, require_data, wikinews_texts  # noqa: E402

from newsgraph.extract.entities import extract_entities  # noqa: E402
from newsgraph.nlp import load_pipeline  # noqa: E402


def main() -> None:
    require_data()
    texts = wikinews_texts()
    nlp = load_pipeline("en_core_web_sm")
    docs = list(nlp.pipe(texts))  # also warms the model up
    tokens = sum(len(d) for d in docs)

    def parse():
        for _ in nlp.pipe(texts):
            pass

    def resolve():
        for d in docs:
            extract_entities(d)

    t_parse = best_of(parse)
    t_ent = best_of(resolve)
    n_ent = sum(len(extract_entities(d)) for d in docs)
    print(f"corpus: wikinews, {len(texts)} articles, {tokens:,} tokens, {n_ent:,} entities, "
          f"model {nlp.meta['name']} {nlp.meta['version']}")
    print(f"{'':30}{'seconds':>9}{'tokens/s':>12}")
    print(f"{'spaCy nlp.pipe (parse)':30}{t_parse:9.2f}{tokens / t_parse:12,.0f}")
    print(f"{'extract_entities on the Docs':30}{t_ent:9.2f}{tokens / t_ent:12,.0f}")
    print(f"entity resolution / parse time: {t_ent / t_parse:.3f}")


if __name__ == "__main__":
    main()
