"""End-to-end mention errors of the places extractor, by cause (docs/places.md).

    NEWSGRAPH_CACHE=.cache/ng python scripts/places_mention_errors.py \
        ../shared/data/geoparsing/TR-News.xml --cache .cache [--list N]

Run it on the tuning corpus (TR-News) only: dev corpora are read by summary figures.
Lists, by cause, the gold toponyms no resolved mention of ours overlaps (missed) and
our resolved mentions that overlap no gold toponym (spurious):

missed: `ner-missed` (no entity of any type there), `mistyped-LABEL` (an entity of
another type covers it), `boundary` (a mention of ours touches it only in part is not
possible - overlap counts - so: a PLACE entity there that we did not resolve, by its
reason), `unresolved: REASON`.
spurious: by where the mention came from (`PLACE:GPE`, `repair:ORG`, `nested`,
`demonym`) and whether its words are also a person's name in the article.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--cache", default=None)
    ap.add_argument("--list", type=int, default=15, help="examples per class")
    ap.add_argument("--summary", action="store_true",
                    help="only counts of predicted mentions by source (overlapping gold, within 161 km): "
                         "the one view to take of a dev corpus")
    args = ap.parse_args()

    from newsgraph.evaluate.places import EndToEnd, Scores, _parsed, align_offsets, read_corpus
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.places import extract_places
    from newsgraph.geo.resolve import haversine_km
    from newsgraph.nlp import load_pipeline

    docs = read_corpus(args.file)
    align_offsets(docs)  # as the end-to-end evaluation does
    nlp = load_pipeline("en_core_web_sm")
    parsed = _parsed(docs, nlp, args.cache, EndToEnd(Scores()))
    missed: dict[str, list] = defaultdict(list)
    spurious: dict[str, list] = defaultdict(list)
    wrong: Counter = Counter()
    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for d, doc in zip(docs, parsed):
        entities = extract_entities(doc)
        sources: dict = {}
        places = extract_places(doc, entities, url=d.url, sources=sources)
        persons = {w for e in entities if e.type == "PERSON" for w in e.name.split()}
        by_span = {}
        for p in places:
            for s in p.spans:
                by_span[tuple(s)] = p
        resolved = [(s, p) for s, p in by_span.items() if p.geo is not None]
        etype = {}
        for e in entities:
            for m in e.mentions:
                etype[tuple(m.span)] = e
        for g in d.toponyms:
            hit = [p for (s, e), p in resolved if g.start < e and s < g.end]
            if hit:
                if min(haversine_km(g.lat, g.lon, p.geo.lat, p.geo.lon) for p in hit) > 161:
                    wrong[(g.name, hit[0].geo.name, hit[0].geo.country_code)] += 1
                continue
            ctx = d.text[max(0, g.start - 40):g.end + 40].replace("\n", " ")
            un = [p for (s, e), p in by_span.items() if g.start < e and s < g.end]
            if un:
                missed[f"unresolved: {un[0].reason}"].append((g.name, ctx))
                continue
            ents = [e for (s, en), e in etype.items() if g.start < en and s < g.end]
            ner = [x for x in doc.ents if g.start < x.end_char and x.start_char < g.end]
            if ents:
                e = ents[0]
                key = f"mistyped-{e.type}"
                if e.type == "ORG":
                    key += " (org name holding it)" if len(e.name) > len(g.name) + 2 else " (the place itself)"
                missed[key].append((g.name, f"[{e.name}] {ctx}"))
            elif ner:
                missed[f"ner-{ner[0].label_}-not-entity"].append((g.name, f"[{ner[0].text}] {ctx}"))
            else:
                low = g.name[:1].islower()
                missed["ner-missed (lower case)" if low else "ner-missed"].append((g.name, ctx))
        for (s, e), p in resolved:
            ent = etype.get((s, e))
            src = sources.get((s, e), "?")
            hits = [g for g in d.toponyms if g.start < e and s < g.end]
            row = by_source[src]
            row[0] += 1
            row[1] += bool(hits)
            row[2] += any(haversine_km(g.lat, g.lon, p.geo.lat, p.geo.lon) <= 161 for g in hits)
            if hits:
                continue
            ner = [x for x in doc.ents if s < x.end_char and x.start_char < e]
            label = ner[0].label_ if ner else "-"
            src = f"{sources.get((s, e), '?')} (NER {label})"
            text = d.text[s:e]
            if any(w in persons for w in text.split()) and not p.demonym:
                src += " (person's name)"
            ctx = d.text[max(0, s - 40):e + 40].replace("\n", " ")
            spurious[src].append((text, f"-> {p.geo.name} {p.geo.feature_code} {p.geo.country_code} "
                                        f"{p.confidence:.2f} | {ctx}"))
    print("== predicted mentions by source: n, overlapping gold, within 161 km")
    for k, (n, o, c) in sorted(by_source.items(), key=lambda kv: -kv[1][0]):
        print(f"  {n:>5} {o:>5} {c:>5}  {k}")
    if args.summary:
        return 0
    for title, table in (("MISSED gold toponyms", missed), ("SPURIOUS mentions", spurious)):
        total = sum(map(len, table.values()))
        print(f"== {title}: {total}")
        for k, v in sorted(table.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(v):>4}  {k}")
            for name, ctx in v[: args.list]:
                print(f"          {name!r}: {ctx}")
    print(f"== WRONG (overlapping, > 161 km): {sum(wrong.values())}")
    for (n, got, cc), k in wrong.most_common(args.list):
        print(f"  {k:>4}  {n!r} -> {got} {cc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
