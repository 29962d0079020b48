"""A speaker's tone over time: the tone extractor's per-quote values (the `tone` table's
`quotes` JSON column, keyed by the quote's index) joined to the quotes the speaker said
and the articles' publication days.

    speaker_tone(conn, speaker="Blinken", by="month")
    -> [{"period": "2023-11", "quotes": 4, "words": 120, "tone": -1.6667, "positive": ..., "negative": ...}, ...]

Values per period are weighted by the quotes' word counts (the tone of all the words the
speaker said in that period, as if one text). Quotes of undated articles are left out.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import Connection, MetaData, Table, func, or_, select

from newsgraph.store.schema import articles as a, quotes as q

__all__ = ["speaker_tone"]

PERIODS = {"day": 10, "month": 7, "year": 4}


def speaker_tone(conn: Connection, *, speaker: str | None = None, entity_id: int | None = None,
                 by: str = "month") -> list[dict]:
    if by not in PERIODS:
        raise ValueError(f"by={by!r} is not valid; valid: {', '.join(PERIODS)}")
    if speaker is None and entity_id is None:
        raise ValueError("give a speaker name (or part of one) or an entity id")
    conds = []
    if speaker:
        conds.append(func.lower(q.c.speaker_name).contains(speaker.lower(), autoescape=True))
    if entity_id is not None:
        conds.append(q.c.speaker_entity_id == entity_id)
    rows = conn.execute(
        select(q.c.article_id, q.c.seq, a.c.published_day)
        .join(a, a.c.id == q.c.article_id)
        .where(or_(*conds), a.c.published_day.is_not(None))
    ).all()
    if not rows:
        return []
    wanted = defaultdict(set)
    day = {}
    for r in rows:
        wanted[r.article_id].add(r.seq)
        day[r.article_id] = r.published_day
    t = Table("tone", MetaData(), autoload_with=conn)
    sums: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0, 0.0])  # quotes, words, tone, pos, neg (x words)
    ids = list(wanted)
    for i in range(0, len(ids), 500):
        for article_id, quotes in conn.execute(select(t.c.article_id, t.c.quotes).where(t.c.article_id.in_(ids[i:i + 500]))):
            for qt in json.loads(quotes or "[]"):
                if qt["quote"] not in wanted[article_id] or not qt["word_count"]:
                    continue
                s = sums[day[article_id][:PERIODS[by]]]
                w = qt["word_count"]
                s[0] += 1
                s[1] += w
                s[2] += qt["tone"] * w
                s[3] += qt["positive"] * w
                s[4] += qt["negative"] * w
    return [{"period": p, "quotes": s[0], "words": s[1], "tone": round(s[2] / s[1], 4),
             "positive": round(s[3] / s[1], 4), "negative": round(s[4] / s[1], 4)}
            for p, s in sorted(sums.items()) if s[1]]
