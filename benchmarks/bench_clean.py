"""clean_text vs its own floor and vs parsing, on the same texts (wikinews), one run.

References, timed in the same run:
- langid: one py3langid classify per article on its first 2,000 characters, what
  clean_text's language decision costs at least;
- spaCy: en_core_web_sm nlp.pipe over the same texts, what every article costs next.
clean_text should stay a small fraction of parsing; the ratios say how small.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import best_of, require_data, wikinews_texts  # noqa: E402

from newsgraph.clean import clean_text  # noqa: E402
from newsgraph.clean.language import BODY_SAMPLE, classify  # noqa: E402
from newsgraph.nlp import load_pipeline  # noqa: E402


def main() -> None:
    require_data()
    texts = wikinews_texts()
    nlp = load_pipeline("en_core_web_sm")
    clean_text(texts[0])  # loads langid and the gazetteer once, as a long run would

    def cleaning():
        for t in texts:
            clean_text(t)

    def langid_only():
        for t in texts:
            classify(t[:BODY_SAMPLE])

    def spacy_only():
        for _ in nlp.pipe(texts, batch_size=32):
            pass

    t_clean = best_of(cleaning, rounds=3)
    t_langid = best_of(langid_only, rounds=3)
    t_spacy = best_of(spacy_only, rounds=1)
    n, mb = len(texts), sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: wikinews, {n} articles, {mb:.1f} MB")
    print(f"{'':34}{'seconds':>9}{'articles/s':>12}{'ms/article':>12}")
    for name, t in (("langid on 2,000 chars (floor)", t_langid), ("clean_text", t_clean),
                    ("spaCy nlp.pipe en_core_web_sm", t_spacy)):
        print(f"{name:34}{t:9.2f}{n / t:12.1f}{1000 * t / n:12.2f}")
    print(f"clean_text / langid time: {t_clean / t_langid:.2f}   clean_text / spaCy time: {t_clean / t_spacy:.3f}")


if __name__ == "__main__":
    main()
