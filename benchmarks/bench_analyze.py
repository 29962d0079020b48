"""newsgraph analyze vs spaCy's own nlp.pipe on the same texts (wikinews), one run.

Reference: nlp.pipe over the raw texts with the same model, the floor cost.
Measured: the CLI path of `newsgraph analyze DIR --format jsonl` (read files, clean,
parse, extract, serialise to a file), in process so model loading is not counted.
"""

from __future__ import annotations

import sys
import tempfile
import time
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
    tokens = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    list(nlp.pipe(texts[:5]))  # warm-up
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

        # One process, so CPU time is what the work cost even when neighbours share the cores.
        c0 = time.process_time()
        t_spacy = best_of(spacy_only, rounds=1)
        c1 = time.process_time()
        t_ng = best_of(newsgraph_jsonl, rounds=1)
        c2 = time.process_time()
        cpu_spacy, cpu_ng = c1 - c0, c2 - c1
    n = len(texts)
    print(f"corpus: wikinews, {n} articles, {tokens:,} tokens, model {nlp.meta['name']} {nlp.meta['version']}")
    print(f"{'':28}{'wall s':>9}{'CPU s':>9}{'articles/s':>12}{'tokens/s':>11}  (per CPU second)")
    for name, wall, cpu in (("spaCy nlp.pipe (floor)", t_spacy, cpu_spacy), ("newsgraph analyze --jsonl", t_ng, cpu_ng)):
        print(f"{name:28}{wall:9.2f}{cpu:9.2f}{n / cpu:12.2f}{tokens / cpu:11,.0f}")
    print(f"throughput ratio newsgraph/spaCy: {cpu_spacy / cpu_ng:.2f} by CPU time, {t_spacy / t_ng:.2f} by wall time")


if __name__ == "__main__":
    main()
