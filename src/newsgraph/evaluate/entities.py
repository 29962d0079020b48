"""Entity sanity figures on PolNeAR Source spans (there is no entity gold).

A *source* is a gold Source span of an attribution (the first annotator's `.ann`);
it is *named* when it holds a proper noun (a PROPN token of the parse), so "he",
"officials" and "the campaign" are not named. For spaCy's NER alone (the named
labels newsgraph keeps, the baseline) and for the resolved entities:

- covered: named sources overlapping at least one mention;
- full name: named sources overlapping a PERSON mention whose entity name (NER:
  the mention itself) has two or more words, i.e. "Blinken" known as "Antony Blinken";
- all covered: every source (named or not) overlapping a mention, which counts
  title mentions ("the Secretary of State") but not pronouns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.evaluate.quotes import load_polnear
from newsgraph.extract.entities_build import TYPES

__all__ = ["EntityScores", "evaluate_entities"]


@dataclass
class EntityScores:
    articles: int = 0
    sources: int = 0
    named: int = 0
    covered: dict[str, int] = field(default_factory=lambda: {"ner": 0, "newsgraph": 0})
    full_name: dict[str, int] = field(default_factory=lambda: {"ner": 0, "newsgraph": 0})
    all_covered: dict[str, int] = field(default_factory=lambda: {"ner": 0, "newsgraph": 0})
    mentions: dict[str, int] = field(default_factory=lambda: {"ner": 0, "newsgraph": 0})
    entities: int = 0
    failed: list[str] = field(default_factory=list)

    def rate(self, counts: dict[str, int], key: str, of: int) -> float:
        return counts[key] / of if of else 0.0


def evaluate_entities(split_dir: str | Path, *, nlp, limit: int | None = None) -> EntityScores:
    """Parse a PolNeAR split once and compare NER-only and resolved mentions against its sources."""
    from newsgraph.extract.entities import extract_entities

    articles = load_polnear(split_dir, limit=limit)
    s = EntityScores()
    for art, doc in zip(articles, nlp.pipe((a.text for a in articles), n_process=1)):
        try:
            entities = extract_entities(doc)
        except Exception as e:  # one bad article fails alone, and is counted
            s.failed.append(f"{art.name}: {type(e).__name__}: {e}")
            continue
        s.articles += 1
        s.entities += len(entities)
        ours = [(m.span, e) for e in entities for m in e.mentions]
        ner = [((x.start_char, x.end_char), x) for x in doc.ents if x.label_ in TYPES]
        s.mentions["newsgraph"] += len(ours)
        s.mentions["ner"] += len(ner)
        propn = [t.idx for t in doc if t.pos_ == "PROPN"]
        for g in art.attributions:
            if not g.source:
                continue
            s.sources += 1
            hit_ours = [e for span, e in ours if _overlaps(span, g.source)]
            hit_ner = [x for span, x in ner if _overlaps(span, g.source)]
            s.all_covered["newsgraph"] += bool(hit_ours)
            s.all_covered["ner"] += bool(hit_ner)
            if not any(a <= i < b for i in propn for a, b in g.source):
                continue
            s.named += 1
            s.covered["newsgraph"] += bool(hit_ours)
            s.covered["ner"] += bool(hit_ner)
            s.full_name["newsgraph"] += any(e.type == "PERSON" and len(e.name.split()) > 1 for e in hit_ours)
            s.full_name["ner"] += any(x.label_ == "PERSON" and len(x) > 1 for x in hit_ner)
    return s


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)
