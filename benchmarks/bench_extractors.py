"""Each registered extractor's CPU time against spaCy's parse of the same texts.

The cleaned bodies of Wikinews articles are parsed once (the reference: the parse's CPU
seconds); then every extractor of the pipeline runs over the parsed Docs, in dependency
order, twice: the second round (warm: lexicons and the gazetteer loaded) is timed, per
extractor. `python benchmarks/bench_extractors.py [N]` (default 80 articles).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import require_data, wikinews_texts  # noqa: E402

from newsgraph.clean import clean_text  # noqa: E402
from newsgraph.extract.entities import EntityIndex  # noqa: E402
from newsgraph.extract.pipeline import plan  # noqa: E402
from newsgraph.extract.registry import Context  # noqa: E402
from newsgraph.nlp import load_pipeline  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402


def main() -> None:
    require_data()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    texts = [clean_text(t).body for t in wikinews_texts()[:n]]
    nlp = load_pipeline("en_core_web_sm")
    list(nlp.pipe(texts[:3]))  # warm-up
    t0 = time.process_time()
    docs = list(nlp.pipe(texts))
    parse = time.process_time() - t0
    settings = Settings.from_env()
    extractors = plan(settings)
    spent: dict[str, float] = defaultdict(float)
    for timed in (False, True):
        for doc, text in zip(docs, texts):
            results: dict = {}
            index = None
            for ex in extractors:
                ctx = Context(text=text, published=None, language="en", options=settings.options(ex.name),
                              results={k: results[k] for k in ex.needs}, entities=index, _name=ex.name)
                t = time.process_time()
                results[ex.name] = ex.func(doc, ctx)
                if timed:
                    spent[ex.name] += time.process_time() - t
                if ex.name == "entities":
                    index = EntityIndex(results[ex.name])
    print(f"{n} Wikinews articles, {sum(len(d) for d in docs):,} tokens; spaCy parse {parse:.2f} CPU s")
    print(f"{'extractor':<12} {'CPU s':>7} {'of parse':>9}")
    for name, secs in spent.items():
        print(f"{name:<12} {secs:>7.2f} {100 * secs / parse:>8.1f}%")
    total = sum(spent.values())
    print(f"{'all':<12} {total:>7.2f} {100 * total / parse:>8.1f}%")


if __name__ == "__main__":
    main()
