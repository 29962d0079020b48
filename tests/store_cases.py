"""Small hand-written articles for the store tests, with every offset computed from the text."""

from __future__ import annotations

from newsgraph.article import Article, Count, Cue, Entity, Mention, Quote, Source, Speaker, article_id


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part))


def make(text: str, *, title: str, published: str | None, path: str | None = None,
         entities=(), quotes=(), counts=()) -> Article:
    """entities: (local id, name, type, titles, [(surface, nth)]); quotes: (text, kind, cue, speaker local id or
    name); counts: (type, number, approximate, object, surface)."""
    ents = [Entity(i, name, type, list(titles), [Mention(s, at(text, s, n)) for s, n in forms])
            for i, name, type, titles, forms in entities]
    by_id = {e.id: e for e in ents}
    qs = []
    for qtext, kind, cue, who in quotes:
        if who in by_id:
            e = by_id[who]
            spk = Speaker(e.name, e.id, e.mentions[-1].span)
        else:
            spk = Speaker(who, None, at(text, who))
        cue, nth = cue if isinstance(cue, tuple) else (cue, 0)
        qs.append(Quote(qtext, [at(text, qtext)], kind, Cue(cue, at(text, cue, nth)), spk))
    cs = [Count(t, n, approx, obj, at(text, surface)) for t, n, approx, obj, surface in counts]
    return Article(id=article_id(text), source=Source(path=path), title=title, published=published,
                   language="en", text=text, entities=ents, quotes=qs, counts=cs)


T1 = ('Barack Obama said the economy was growing. "We are winning the fight for jobs," '
      "President Obama said in Chicago. Police arrested 12 people in Chicago on Monday.")
T2 = ('Obama spoke again on Tuesday. "The recovery is real," Obama told reporters. '
      "Angela Merkel said Germany would help. About 300 people were evacuated from Berlin.")
T3 = ('John Smith and Mary Smith disagreed. "Taxes are too high," Smith said. '
      "A spokesman said the plan was dead. Five people were killed in the blast.")


def corpus() -> list[Article]:
    a1 = make(T1, title="Obama on jobs", published="2016-05-03", path="a1.txt",
              entities=[("e1", "Barack Obama", "PERSON", ["President"], [("Barack Obama", 0), ("Obama", 1)]),
                        ("e2", "Chicago", "PLACE", [], [("Chicago", 0), ("Chicago", 1)])],
              quotes=[("We are winning the fight for jobs,", "direct", ("said", 1), "e1")],
              counts=[("ARREST", 12, False, "people", "arrested 12 people")])
    a2 = make(T2, title="Recovery", published="2016-06-14T10:00:00Z", path="a2.txt",
              entities=[("e1", "Obama", "PERSON", [], [("Obama", 0), ("Obama", 1)]),
                        ("e2", "Angela Merkel", "PERSON", ["Chancellor"], [("Angela Merkel", 0)]),
                        ("e3", "Germany", "PLACE", [], [("Germany", 0)]),
                        ("e4", "Berlin", "PLACE", [], [("Berlin", 0)])],
              quotes=[("The recovery is real,", "direct", "told", "e1"),
                      ("Germany would help", "indirect", "said", "e2")],
              counts=[("EVACUATE", 300, True, "people", "About 300 people were evacuated")])
    a3 = make(T3, title="Smiths", published=None, path="a3.txt",
              entities=[("e1", "John Smith", "PERSON", [], [("John Smith", 0)]),
                        ("e2", "Mary Smith", "PERSON", [], [("Mary Smith", 0)]),
                        ("e3", "Smith", "PERSON", [], [("Smith", 2)])],
              quotes=[("Taxes are too high,", "direct", "said", "e3"),
                      ("the plan was dead", "indirect", ("said", 1), "A spokesman")],
              counts=[("KILL", 5, False, "people", "Five people were killed")])
    return [a1, a2, a3]


def variants(n: int, start: int = 0) -> list[Article]:
    """n copies of the corpus under distinct ids (a numbered suffix keeps every offset valid)."""
    out = []
    for i in range(start, start + n):
        for a in corpus():
            a.text += f" [{i}]"
            a.id = article_id(a.text)
            out.append(a)
    return out
