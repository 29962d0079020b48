"""Counts with the date their sentence states: the `counts` table joined to the `dates`
extractor's table (columns as the generic fact tables derive them from DateFact:
type, value, granularity, sentence_start, sentence_end, seq).

The rule is extract.dates.sentence_date's: of the article's DATE facts whose sentence
holds the count's start, the first of day, week or month granularity, else the first
other one with a resolved value (a digit first: never PRESENT_REF).
"""

from __future__ import annotations

from sqlalchemy import Connection, MetaData, Table, and_, case, func, select

from newsgraph.store.schema import articles as a, counts as c

__all__ = ["count_dates"]

_FINE = ("day", "week", "weekend", "month")


def count_dates(conn: Connection, *, type: str | None = None, article_id: str | None = None,
                limit: int = 50, offset: int = 0) -> list[dict]:
    """Counts (newest articles first) with `date`: the date of their sentence, or None."""
    d = Table("dates", MetaData(), autoload_with=conn)
    first = func.substr(d.c.value, 1, 1)
    sentence_date = (
        select(d.c.value)
        .where(d.c.article_id == c.c.article_id, d.c.type == "DATE",
               d.c.sentence_start <= c.c.start, c.c.start < d.c.sentence_end,
               and_(first >= "0", first <= "9"))
        .order_by(case((d.c.granularity.in_(_FINE), 0), else_=1), d.c.seq)
        .limit(1)
        .correlate(c)
        .scalar_subquery()
    )
    conds = []
    if type:
        conds.append(func.upper(c.c.type) == type.upper())
    if article_id:
        conds.append(c.c.article_id == article_id)
    stmt = (select(c.c.article_id, c.c.seq, c.c.type, c.c.number, c.c.object, c.c.start, c.c.end,
                   a.c.published, sentence_date.label("date"))
            .join(a, a.c.id == c.c.article_id).where(*conds)
            .order_by(a.c.published_day.desc().nulls_last(), c.c.article_id, c.c.seq)
            .limit(limit).offset(offset))
    return [dict(r._mapping) for r in conn.execute(stmt)]
