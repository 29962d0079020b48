"""Read queries: each takes a Connection and keyword-only filters and returns plain dicts.

Names match as case-insensitive substrings (of the canonical name, an alias, or the
speaker's words for unnamed sources). Dates filter on the day the article was
published: `since`/`until` take YYYY, YYYY-MM or YYYY-MM-DD and are inclusive.
"""

from __future__ import annotations

import json
import re
from datetime import date

from sqlalchemy import Connection, and_, column, false, func, or_, select, text

from newsgraph.store.schema import (
    article_entities as ae, articles as a, counts as c, entities as e, entity_aliases, entity_titles,
    quote_speakers as qs, quotes as q,
)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# The values the type filters take, for the CLI and the API alike (case-insensitive).
ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "GROUP", "EVENT", "LAW", "WORK", "PRODUCT")
COUNT_TYPES = ("KILL", "WOUND", "ARREST", "KIDNAP", "DISPLACE", "EVACUATE", "PROTEST", "AFFECT")
# A Count's kind: what happened in the event reported, a running total, or a general statistic.
COUNT_KINDS = ("incident", "total", "statistic")
QUOTE_KINDS = ("direct", "indirect", "mixed")
# Orders the list queries take (`sort`), the first of each the default.
SORTS = {
    "articles": ("newest", "oldest", "title"),
    "quotes": ("newest", "oldest", "speaker"),
    "entities": ("quotes", "mentions", "articles", "name"),
    "counts": ("newest", "oldest", "number"),
}
MAX_INT = 2**63 - 1  # SQLite's and PostgreSQL's largest integer: ids, limits and offsets beyond it are refused
PERIODS = {"day": 10, "month": 7, "year": 4}


def check_date(value, name: str) -> str | None:
    """'2016', '2016-05', '2016-05-03' or a date -> the same string; ValueError otherwise."""
    if value is None or value == "":
        return None
    s = value.isoformat() if isinstance(value, date) else str(value)
    ok = bool(_DATE.match(s))
    if ok:
        try:
            date.fromisoformat((s + "-01-01")[:10] if len(s) < 10 else s)
        except ValueError:
            ok = False
    if not ok:
        raise ValueError(f"{name} {value!r} is not a date; valid: YYYY, YYYY-MM or YYYY-MM-DD")
    return s


def check_choice(value, name: str, valid: tuple[str, ...]) -> str | None:
    """`value` matched case-insensitively against `valid` -> its spelling there; ValueError otherwise."""
    if value is None or value == "":
        return None
    for v in valid:
        if str(value).casefold() == v.casefold():
            return v
    raise ValueError(f"{name} {value!r} is not valid; valid: {', '.join(valid)} (any case)")


def check_range(value, name: str, low: int = 0, high: int = MAX_INT) -> int | None:
    """An integer filter within [low, high]; ValueError naming the valid range otherwise."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} {value!r} is out of range; valid: an integer from {low} to {high}")
    return value


def _like(s: str) -> str:
    return "%" + s.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _ilike(col, s: str):
    return func.lower(col).like(_like(s), escape="\\")


def _dates(since, until):
    conds = []
    if (s := check_date(since, "since")) is not None:
        conds.append(a.c.published_day >= s)
    if (u := check_date(until, "until")) is not None:
        conds.append(func.substr(a.c.published_day, 1, len(u)) <= u)
    return conds


def _newest_first():
    return (a.c.published_day.desc().nulls_last(), a.c.id)


def _by_date(sort: str):
    """newest (default) or oldest first by publication day; undated articles last."""
    if sort == "oldest":
        return (a.c.published_day.asc().nulls_last(), a.c.id)
    return _newest_first()


def _sort(sort, what: str) -> str:
    return check_choice(sort or SORTS[what][0], "sort", SORTS[what])


def fts_condition(conn: Connection, search: str):
    """Quotes whose text matches `search`: words all present (stemmed), "quoted phrases" as phrases."""
    if conn.dialect.name == "postgresql":
        return text("quotes.tsv @@ websearch_to_tsquery('english', :fts)").bindparams(fts=search)
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', search):
        words = re.findall(r"\w+", phrase or word)
        if words:
            terms.append('"' + " ".join(words) + '"')
    if not terms:
        return false()
    sub = text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts").bindparams(fts=" ".join(terms))
    return q.c.id.in_(sub.columns(column("rowid")))


def matching_entities(name: str):
    """Ids of entities whose canonical name or any alias contains `name`."""
    return select(e.c.id).where(_ilike(e.c.name, name)).union(
        select(entity_aliases.c.entity_id).where(_ilike(entity_aliases.c.alias, name))
    )


def _paging(limit, offset, *, name="limit"):
    check_range(limit, name, 1)
    check_range(offset, "offset")


def articles(conn: Connection, *, search=None, since=None, until=None, limit=50, offset=0,
             sort=None) -> list[dict]:
    _paging(limit, offset)
    sort = _sort(sort, "articles")
    stmt = select(a.c.id, a.c.title, a.c.published, a.c.publisher, a.c.url, a.c.path, a.c.n_quotes,
                  a.c.n_entities).where(*_dates(since, until))
    if search:
        stmt = stmt.where(or_(_ilike(a.c.title, search), _ilike(a.c.text, search)))
    order = (a.c.title.asc().nulls_last(), a.c.id) if sort == "title" else _by_date(sort)
    stmt = stmt.order_by(*order).limit(limit).offset(offset)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def quotes(conn: Connection, *, speaker=None, search=None, since=None, until=None, entity_id=None,
           article_id=None, limit=50, offset=0, kind=None, sort=None) -> list[dict]:
    _paging(limit, offset)
    check_range(entity_id, "entity_id", 1)
    sort = _sort(sort, "quotes")
    kind = check_choice(kind, "kind", QUOTE_KINDS)
    stmt = (
        select(q, a.c.title.label("article_title"), a.c.published)
        .join(a, a.c.id == q.c.article_id)
        .where(*_dates(since, until))
    )
    if speaker:
        # Two indexed lookups: named speakers through their entity, unnamed ones ("a spokesman",
        # entity_id NULL) by their words; a LIKE over every speaker row would grow with the store.
        by_speaker = select(qs.c.quote_id).where(qs.c.entity_id.in_(matching_entities(speaker))).union(
            select(qs.c.quote_id).where(qs.c.entity_id.is_(None), _ilike(qs.c.name, speaker))
        )
        stmt = stmt.where(q.c.id.in_(by_speaker))
    if entity_id is not None:
        stmt = stmt.where(q.c.id.in_(select(qs.c.quote_id).where(qs.c.entity_id == entity_id)))
    if article_id is not None:
        stmt = stmt.where(q.c.article_id == article_id)
    if kind is not None:
        stmt = stmt.where(q.c.kind == kind)
    if search:
        stmt = stmt.where(fts_condition(conn, search))
    order = ((func.lower(q.c.speaker_name).asc().nulls_last(), *_newest_first()) if sort == "speaker"
             else _by_date(sort))
    stmt = stmt.order_by(*order, q.c.seq).limit(limit).offset(offset)
    return [_quote_row(r._mapping) for r in conn.execute(stmt)]


def _quote_row(m) -> dict:
    return {
        "id": m["id"], "article_id": m["article_id"], "article_title": m["article_title"],
        "published": m["published"], "text": m["text"], "kind": m["kind"], "cue": m["cue"],
        "cue_span": [m["cue_start"], m["cue_end"]] if m["cue_start"] is not None else None,
        "spans": json.loads(m["spans"]), "speaker_name": m["speaker_name"],
        "speaker_entity_id": m["speaker_entity_id"],
        "speaker_span": [m["speaker_start"], m["speaker_end"]] if m["speaker_start"] is not None else None,
    }


def _entity_stats():
    """Entities with their totals; only those some stored article still mentions."""
    stmt = (select(e.c.id, e.c.name, e.c.type, e.c.n_mentions.label("mentions"),
                   e.c.n_articles.label("articles"), e.c.n_quotes.label("quotes"))
            .where(e.c.n_articles > 0))
    return stmt


def entities(conn: Connection, *, type=None, search=None, top=50, offset=0, sort=None) -> list[dict]:
    _paging(top, offset, name="top")
    sort = _sort(sort, "entities")
    stmt = _entity_stats()
    if type := check_choice(type, "type", ENTITY_TYPES):
        stmt = stmt.where(e.c.type == type)
    if search:
        stmt = stmt.where(e.c.id.in_(matching_entities(search)))
    order = {
        "quotes": (e.c.n_quotes.desc(), e.c.n_mentions.desc()),
        "mentions": (e.c.n_mentions.desc(), e.c.n_quotes.desc()),
        "articles": (e.c.n_articles.desc(), e.c.n_mentions.desc()),
        "name": (func.lower(e.c.name),),
    }[sort]
    stmt = stmt.order_by(*order, e.c.name, e.c.id).limit(top).offset(offset)
    return [_ints(r._mapping) for r in conn.execute(stmt)]


def _ints(m) -> dict:
    d = dict(m)
    for k in ("mentions", "articles", "quotes", "weight"):
        if k in d and d[k] is not None:
            d[k] = int(d[k])
    return d


def entity(conn: Connection, entity_id: int, *, quotes_limit=50, related=20) -> dict | None:
    check_range(entity_id, "entity id", 1)
    row = conn.execute(_entity_stats().where(e.c.id == entity_id)).first()
    if row is None:
        return None
    d = _ints(row._mapping)
    d["titles"] = conn.execute(select(entity_titles.c.title).where(entity_titles.c.entity_id == entity_id)
                               .order_by(entity_titles.c.title)).scalars().all()
    d["aliases"] = conn.execute(select(entity_aliases.c.alias).where(entity_aliases.c.entity_id == entity_id)
                                .order_by(entity_aliases.c.alias)).scalars().all()
    d["n_quotes"] = d["quotes"]  # "quotes" becomes the list; the count stays as n_quotes
    d["quotes"] = quotes(conn, entity_id=entity_id, limit=quotes_limit)
    other = ae.alias("other")
    shared = func.count(ae.c.article_id.distinct()).label("articles")
    d["cooccurring"] = [_ints(r._mapping) for r in conn.execute(
        select(e.c.id, e.c.name, e.c.type, shared)
        .select_from(ae.join(other, other.c.article_id == ae.c.article_id).join(e, e.c.id == other.c.entity_id))
        .where(ae.c.entity_id == entity_id, other.c.entity_id != entity_id)
        .group_by(e.c.id, e.c.name, e.c.type).order_by(shared.desc(), e.c.name, e.c.id).limit(related)
    )]
    period = func.substr(a.c.published_day, 1, 7).label("period")
    d["timeline"] = [{"period": p, "mentions": int(n)} for p, n in conn.execute(
        select(period, func.sum(ae.c.n_mentions)).join(a, a.c.id == ae.c.article_id)
        .where(ae.c.entity_id == entity_id, a.c.published_day.is_not(None))
        .group_by(period).order_by(period)
    )]
    return d


def counts(conn: Connection, *, type=None, by=None, since=None, until=None, limit=None,
           kind: str | None = "incident", offset=0, sort=None) -> list[dict]:
    """Counts, one row each or (`by`) summed per period and type. `kind` chooses which are
    listed and summed: incident (the default: what happened in the events reported),
    total, statistic, or all. A count that is part of a larger one ("seven, including four
    children") is listed but never summed."""
    conds = _dates(since, until)
    if type := check_choice(type, "type", COUNT_TYPES):
        conds.append(c.c.type == type)
    kind = check_choice(kind or "incident", "kind", (*COUNT_KINDS, "all"))
    if kind != "all":
        conds.append(c.c.kind == kind)
    if limit is not None:
        check_range(limit, "limit", 1)
    check_range(offset, "offset")
    sort = _sort(sort, "counts")
    if by is not None:
        if by not in PERIODS:
            raise ValueError(f"by {by!r} is not a period; valid: {', '.join(PERIODS)}")
        period = func.substr(a.c.published_day, 1, PERIODS[by]).label("period")
        stmt = (select(period, c.c.type, func.sum(c.c.number).label("total"), func.count().label("reports"))
                .join(a, a.c.id == c.c.article_id).where(*conds, c.c.part_of.is_(None))
                .group_by(period, c.c.type).order_by(period.asc().nulls_last(), c.c.type).limit(limit).offset(offset))
        return [{"period": r.period, "type": r.type, "total": int(r.total), "reports": int(r.reports)}
                for r in conn.execute(stmt)]
    order = (c.c.number.desc(), *_newest_first()) if sort == "number" else _by_date(sort)
    stmt = (select(c, a.c.published).join(a, a.c.id == c.c.article_id).where(*conds)
            .order_by(*order, c.c.seq).limit(limit).offset(offset))
    return [{"article_id": r.article_id, "published": r.published, "type": r.type, "number": r.number,
             "approximate": bool(r.approximate), "object": r.object, "span": [r.start, r.end],
             "sentence": r.sentence, "kind": r.kind, "part_of": r.part_of,
             "mentions": json.loads(r.mentions) if r.mentions else []} for r in conn.execute(stmt)]


def article_ids(conn: Connection, prefix: str, *, limit=10) -> list[str]:
    """Ids starting with `prefix` (ids are lower-case hex), at most `limit`, sorted."""
    prefix = prefix.strip().lower()
    if not prefix or not re.fullmatch(r"[0-9a-f]+", prefix):
        return []
    stmt = select(a.c.id).where(a.c.id.like(prefix + "%")).order_by(a.c.id).limit(limit)
    return list(conn.execute(stmt).scalars())


def network(conn: Connection, *, limit=100) -> dict:
    """The `limit` entities in most articles, and how many articles each pair shares."""
    weight = func.count(ae.c.article_id.distinct()).label("weight")
    top = conn.execute(
        select(e.c.id, e.c.name, e.c.type, weight).join(ae, ae.c.entity_id == e.c.id)
        .group_by(e.c.id, e.c.name, e.c.type).order_by(weight.desc(), e.c.name, e.c.id).limit(limit)
    ).all()
    ids = [r.id for r in top]
    other = ae.alias("other")
    pair_weight = func.count(ae.c.article_id.distinct()).label("weight")
    edges = conn.execute(
        select(ae.c.entity_id.label("source"), other.c.entity_id.label("target"), pair_weight)
        .join(other, and_(other.c.article_id == ae.c.article_id, other.c.entity_id > ae.c.entity_id))
        .where(ae.c.entity_id.in_(ids), other.c.entity_id.in_(ids))
        .group_by(ae.c.entity_id, other.c.entity_id).order_by(pair_weight.desc(), "source", "target")
    ).all() if ids else []
    return {"nodes": [_ints(r._mapping) for r in top], "edges": [_ints(r._mapping) for r in edges]}
