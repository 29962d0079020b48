"""Queries over the generic `events` table (one row per event; columns by the store's
convention: source_country, source_sector, place_name, span_start, ...).

    events(conn, type=, actor=, country=, since=, until=, limit=, offset=) -> [dict]
    grouped(conn, ...)   -> the same event across articles: same type, source and target
                            codes, place and day, with how many articles report it
    timeline(conn, ..., by="day") -> [{period, type, events}]

The table is reflected from the database, so these follow whatever columns the generic
store derived from the Event dataclass. `actor` is a case-insensitive substring of the
source's or target's name; `country` an alpha-3 code of either; since/until bound the
event's day (its date, else the article's publication day).
"""

from __future__ import annotations

from sqlalchemy import Connection, MetaData, Table, func, literal, or_, select

from newsgraph.store.schema import articles

__all__ = ["events", "grouped", "timeline", "records"]

PERIODS = {"day": 10, "month": 7, "year": 4}


def _table(conn: Connection) -> Table:
    return Table("events", MetaData(), autoload_with=conn)


def _day(ev: Table):
    return func.substr(func.coalesce(ev.c.date, articles.c.published_day), 1, 10)


def _conds(ev: Table, *, type=None, actor=None, country=None, since=None, until=None) -> list:
    out = []
    if type:
        out.append(func.upper(ev.c.type) == type.upper())
    if actor:
        like = f"%{actor.lower()}%"
        out.append(or_(func.lower(ev.c.source_name).like(like), func.lower(ev.c.target_name).like(like)))
    if country:
        out.append(or_(func.upper(ev.c.source_country) == country.upper(),
                       func.upper(ev.c.target_country) == country.upper()))
    day = _day(ev)
    if since:
        out.append(day >= since[:10])
    if until:
        out.append(day <= until[:10])
    return out


def events(conn: Connection, *, type=None, actor=None, country=None, since=None, until=None,
           limit: int | None = 50, offset: int = 0) -> list[dict]:
    """Events, newest day first, each with its sentence and article."""
    ev = _table(conn)
    day = _day(ev).label("day")
    sentence = func.substr(articles.c.text, ev.c.sentence_start + 1, ev.c.sentence_end - ev.c.sentence_start)
    stmt = (select(ev, day, articles.c.title, articles.c.url, articles.c.publisher, sentence.label("sentence_text"))
            .join(articles, articles.c.id == ev.c.article_id)
            .where(*_conds(ev, type=type, actor=actor, country=country, since=since, until=until))
            .order_by(day.desc().nulls_last(), ev.c.article_id, ev.c.seq).limit(limit).offset(offset))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def grouped(conn: Connection, *, type=None, actor=None, country=None, since=None, until=None,
            min_sources: int = 1, limit: int | None = 50) -> list[dict]:
    """One row per event told across articles (same type, source code, target code, place and
    day), with the number of articles and publishers reporting it, most reported first."""
    ev = _table(conn)
    day = _day(ev).label("day")
    src = func.coalesce(ev.c.source_code, literal("")).label("source_code")
    tgt = func.coalesce(ev.c.target_code, literal("")).label("target_code")
    place = func.coalesce(ev.c.place_name, literal("")).label("place")
    n_articles = func.count(ev.c.article_id.distinct()).label("articles")
    n_publishers = func.count(articles.c.publisher.distinct()).label("publishers")
    stmt = (select(ev.c.type, src, tgt, place, day, n_articles, n_publishers,
                   func.min(ev.c.source_name).label("source_name"), func.min(ev.c.target_name).label("target_name"),
                   func.count().label("events"))
            .join(articles, articles.c.id == ev.c.article_id)
            .where(*_conds(ev, type=type, actor=actor, country=country, since=since, until=until))
            .group_by(ev.c.type, src, tgt, place, day)
            .having(n_articles >= min_sources)
            .order_by(n_articles.desc(), day.desc().nulls_last(), ev.c.type).limit(limit))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def timeline(conn: Connection, *, type=None, actor=None, country=None, since=None, until=None,
             by: str = "day") -> list[dict]:
    """Events per period and type, oldest first (for the events page's timeline)."""
    if by not in PERIODS:
        raise ValueError(f"by {by!r} is not a period; valid: {', '.join(PERIODS)}")
    ev = _table(conn)
    period = func.substr(_day(ev), 1, PERIODS[by]).label("period")
    stmt = (select(period, ev.c.type, func.count().label("events"))
            .join(articles, articles.c.id == ev.c.article_id)
            .where(*_conds(ev, type=type, actor=actor, country=country, since=since, until=until),
                   period.is_not(None))
            .group_by(period, ev.c.type).order_by(period, ev.c.type))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def records(conn: Connection, *, since=None, until=None, batch: int = 200):
    """The stored article records (JSON dicts) that have events, oldest first: for the
    gdelt-events export. Stores without an events table give none."""
    import json

    from sqlalchemy import inspect

    if not inspect(conn).has_table("events"):
        return
    ev = _table(conn)
    day = articles.c.published_day
    ids = select(ev.c.article_id).distinct()
    stmt = select(articles.c.record).where(articles.c.id.in_(ids))
    if since:
        stmt = stmt.where(day >= since[:10])
    if until:
        stmt = stmt.where(day <= until[:10])
    for row in conn.execution_options(yield_per=batch).execute(stmt.order_by(day.asc().nulls_first(), articles.c.id)):
        yield json.loads(row.record)
