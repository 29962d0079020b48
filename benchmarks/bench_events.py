"""Cost of the events extractor relative to the spaCy parse, on Wikinews articles.

    python benchmarks/bench_events.py [N]

Parses N articles (default 100) with nlp.pipe, runs entities, quotes and counts (the
extractor's inputs, not timed), then the events extractor alone, and prints CPU seconds of
each and their ratio (CPU time: the machine is shared). The lexicons and GeoNames tables are
loaded before timing and their one-off load is printed on its own.
"""

from __future__ import annotations

import sys
import time

from common import wikinews_texts

from newsgraph.extract.counts import extract_counts
from newsgraph.extract.entities import EntityIndex, extract_entities
from newsgraph.extract.events import extract_events
from newsgraph.extract.events_lexicon import capitals, city_countries, country_codes, triggers
from newsgraph.extract.quotes import extract_quotes
from newsgraph.nlp import load_pipeline


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    texts = wikinews_texts()[:n]
    nlp = load_pipeline("en_core_web_sm")
    t = time.process_time()
    triggers(), country_codes(), capitals(), city_countries()
    load = time.process_time() - t
    t = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - t
    inputs = []
    for d in docs:
        ents = extract_entities(d)
        inputs.append((d, ents, extract_quotes(d, ents), extract_counts(d)))
    t = time.process_time()
    n_events = 0
    for d, ents, quotes, counts in inputs:
        n_events += len(extract_events(d, entities=ents, quotes=quotes, counts=counts, index=EntityIndex(ents)))
    events = time.process_time() - t
    chars = sum(len(x) for x in texts)
    print(f"{len(texts)} Wikinews articles, {chars:,} characters, {n_events} events")
    print(f"parse (nlp.pipe)   {parse:7.2f} s CPU")
    print(f"events extractor   {events:7.2f} s CPU   = {100 * events / parse:.1f}% of the parse")
    print(f"one-off lexicon and GeoNames load {load:.2f} s CPU (once per process)")


if __name__ == "__main__":
    main()
