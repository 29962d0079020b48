"""newsgraph analyze vs spaCy's own nlp.pipe on the same texts (wikinews), one run.

Reference: nlp.pipe over the raw texts with the same model, the floor cost.
Measured: the CLI path of `newsgraph analyze DIR --format jsonl` (read files, clean,
parse, extract, serialise to a file), in process so model loading is not counted.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import best_of, require_data, wikinews_texts, write_corpus  # noqa: E402

from newsgraph.analyze import analyze_many  # noqa: E402
from newsgraph.nlp import load_pipeline  # noqa: E402
from newsgraph.readers import read_inputs  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402


def main() -> None:
    require_data()
    texts = wikinews_texts()
    nlp = load_pipeline("en_core_web_sm")
    settings = Settings.from_env()
    tokens = sum(len(d) for d in nlp.pipe(texts))  # also warms the model up
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(texts, Path(tmp) / "in")
        out = Path(tmp) / "out.jsonl"

        def spacy_only():
            for _ in nlp.pipe(texts, batch_size=settings.batch_size):
                pass

        def newsgraph_jsonl():
            with open(out, "w", encoding="utf-8") as fh:
                for rec in analyze_many(read_inputs([str(corpus)], settings=settings), settings=settings, nlp=nlp):
                    fh.write(rec.to_json() + "\n")

        t_spacy = best_of(spacy_only)
        t_ng = best_of(newsgraph_jsonl)
    n = len(texts)
    print(f"corpus: wikinews, {n} articles, {tokens:,} tokens, model {nlp.meta['name']} {nlp.meta['version']}")
    print(f"{'':28}{'seconds':>9}{'articles/s':>12}{'tokens/s':>11}")
    print(f"{'spaCy nlp.pipe (floor)':28}{t_spacy:9.2f}{n / t_spacy:12.1f}{tokens / t_spacy:11,.0f}")
    print(f"{'newsgraph analyze --jsonl':28}{t_ng:9.2f}{n / t_ng:12.1f}{tokens / t_ng:11,.0f}")
    print(f"ratio newsgraph/spaCy throughput: {t_spacy / t_ng:.2f}")


if __name__ == "__main__":
    main()
