"""Read queries: each takes a Connection and keyword-only filters and returns plain dicts.

Names match as case-insensitive substrings (of the canonical name, an alias, or the
speaker's words for unnamed sources). Dates filter on the day the article was
published: `since`/`until` take YYYY, YYYY-MM or YYYY-MM-DD and are inclusive.
"""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Connection, and_, column, false, func, or_, select, text
from sqlalchemy.exc import OperationalError

from newsgraph.store.schema import (
    article_entities as ae, articles as a, counts as c, entities as e, entity_aliases, entity_titles, ingest_errors,
    mentions, quote_speakers as qs, quotes as q,
)
from newsgraph.store.write import sentence_around

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# The values the type filters take, for the CLI and the API alike (case-insensitive).
from newsgraph.article import COUNT_TYPES, ENTITY_TYPES  # noqa: E402

# A Count's kind: what happened in the event reported, a running total, or a general statistic.
COUNT_KINDS = ("incident", "total", "statistic")
QUOTE_KINDS = ("direct", "indirect", "mixed")
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


def _paging(limit, offset, *, name="limit"):
    if limit is not None:
        check_range(limit, name, 1)
    check_range(offset, "offset")


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


# -- sorting ---------------------------------------------------------------------------
# Each list's sort keys (a leading "-" sorts descending); the tie-breakers after them keep
# paging stable. Keys are validated here, so no caller's text ever reaches ORDER BY.

SORTS = {
    "articles": {"published": a.c.published_day, "title": func.lower(a.c.title), "publisher": a.c.publisher,
                 "language": a.c.language, "quotes": a.c.n_quotes, "entities": a.c.n_entities,
                 "counts": a.c.n_counts},
    "quotes": {"published": a.c.published_day, "speaker": func.lower(q.c.speaker_name), "kind": q.c.kind,
               "article": func.lower(a.c.title), "publisher": a.c.publisher},
    "entities": {"quotes": e.c.n_quotes, "mentions": e.c.n_mentions, "articles": e.c.n_articles,
                 "name": func.lower(e.c.name), "type": e.c.type},
    "counts": {"published": a.c.published_day, "type": c.c.type, "number": c.c.number,
               "object": func.lower(c.c.object)},
    "errors": {"created": ingest_errors.c.id, "path": ingest_errors.c.path, "format": ingest_errors.c.format},
}
DEFAULT_SORT = {"articles": "-published", "quotes": "-published", "entities": "-quotes", "counts": "-published",
                "errors": "-created"}
_TIES = {
    "articles": (a.c.published_day.desc().nulls_last(), a.c.id),
    "quotes": (a.c.published_day.desc().nulls_last(), a.c.id, q.c.seq),
    "entities": (e.c.n_quotes.desc(), e.c.n_mentions.desc(), e.c.name, e.c.id),
    "counts": (a.c.published_day.desc().nulls_last(), a.c.id, c.c.seq),
    "errors": (ingest_errors.c.id.desc(),),
}


def check_sort(name: str, sort: str | None) -> str:
    """The list's sort key (`-key` for descending), its default when None; ValueError naming the valid ones."""
    sort = sort or DEFAULT_SORT[name]
    if sort.lstrip("-") not in SORTS[name] or sort.startswith("--"):
        keys = ", ".join(SORTS[name])
        raise ValueError(f"sort {sort!r} is not a column of {name}; valid: {keys} (a leading '-' sorts descending)")
    return sort


def order(name: str, sort: str | None) -> list:
    sort = check_sort(name, sort)
    col = SORTS[name][sort.lstrip("-")]
    return [col.desc().nulls_last() if sort.startswith("-") else col.asc().nulls_last(), *_TIES[name]]


# -- articles --------------------------------------------------------------------------

def search_terms(search: str | None) -> list[str]:
    """'"a phrase" word' -> ['a phrase', 'word']: the pieces that must all appear."""
    return [t for phrase, word in re.findall(r'"([^"]*)"|(\S+)', search or "") if (t := (phrase or word).strip())]


def _article_where(conn, *, search=None, since=None, until=None, publisher=None, language=None, entity_id=None):
    conds = _dates(since, until)
    for t in search_terms(search):
        conds.append(or_(_ilike(a.c.title, t), _ilike(a.c.text, t)))
    if publisher:
        conds.append(a.c.publisher == publisher)
    if language:
        conds.append(a.c.language == language.lower())
    if entity_id is not None:
        conds.append(a.c.id.in_(select(ae.c.article_id).where(ae.c.entity_id == entity_id)))
    return a, conds


ARTICLE_COLUMNS = (a.c.id, a.c.title, a.c.published, a.c.publisher, a.c.language, a.c.url, a.c.path,
                   a.c.n_quotes, a.c.n_entities, a.c.n_counts)


def articles(conn: Connection, *, search=None, since=None, until=None, publisher=None, language=None,
             entity_id=None, sort=None, limit=50, offset=0) -> list[dict]:
    """Every word of `search` (or "quoted phrase") in the title or text; with a search each row
    has `snippet`, a piece of the text around the first match, and `highlights`, the
    [start, end] of every match in the snippet."""
    _paging(limit, offset)
    check_range(entity_id, "entity_id", 1)
    frm, conds = _article_where(conn, search=search, since=since, until=until, publisher=publisher,
                                language=language, entity_id=entity_id)
    terms = search_terms(search)
    cols = ARTICLE_COLUMNS + ((a.c.text,) if terms else ())
    stmt = select(*cols).select_from(frm).where(*conds).order_by(*order("articles", sort)).limit(limit).offset(offset)
    rows = []
    for r in conn.execute(stmt):
        d = dict(r._mapping)
        if terms:
            d["snippet"], d["highlights"] = snippet(d.pop("text"), terms)
        rows.append(d)
    return rows


def snippet(text: str, terms: list[str], *, width: int = 240) -> tuple[str, list[list[int]]]:
    """About `width` characters of `text` around the first match of any term, and the
    [start, end] of every term's matches in that piece (merged, in order)."""
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start = 0
    if first and first.start() > width // 3:
        start = first.start() - width // 3
        space = text.find(" ", start, first.start())
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text) and (space := text.rfind(" ", start + width // 2, end)) > 0:
        end = space
    lead, tail = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    piece = lead + re.sub(r"\s", " ", text[start:end]) + tail  # one for one: offsets stay exact
    found: list[list[int]] = []
    for m in pattern.finditer(piece):
        if found and m.start() <= found[-1][1]:
            found[-1][1] = max(found[-1][1], m.end())
        else:
            found.append([m.start(), m.end()])
    return piece, found


# -- quotes ----------------------------------------------------------------------------

def _quote_where(conn, *, speaker=None, search=None, since=None, until=None, entity_id=None, article_id=None,
                 kind=None, publisher=None):
    conds = _dates(since, until)
    if speaker:
        # Two indexed lookups: named speakers through their entity, unnamed ones ("a spokesman",
        # entity_id NULL) by their words; a LIKE over every speaker row would grow with the store.
        by_speaker = select(qs.c.quote_id).where(qs.c.entity_id.in_(matching_entities(speaker))).union(
            select(qs.c.quote_id).where(qs.c.entity_id.is_(None), _ilike(qs.c.name, speaker))
        )
        conds.append(q.c.id.in_(by_speaker))
    if entity_id is not None:
        conds.append(q.c.id.in_(select(qs.c.quote_id).where(qs.c.entity_id == entity_id)))
    if article_id is not None:
        conds.append(q.c.article_id == article_id)
    if kind:
        conds.append(q.c.kind == check_choice(kind, "kind", QUOTE_KINDS))
    if publisher:
        conds.append(a.c.publisher == publisher)
    if search:
        conds.append(fts_condition(conn, search))
    return q.join(a, a.c.id == q.c.article_id), conds


def quotes(conn: Connection, *, speaker=None, search=None, since=None, until=None, entity_id=None,
           article_id=None, kind=None, publisher=None, sort=None, limit=50, offset=0) -> list[dict]:
    _paging(limit, offset)
    check_range(entity_id, "entity_id", 1)
    frm, conds = _quote_where(conn, speaker=speaker, search=search, since=since, until=until, entity_id=entity_id,
                              article_id=article_id, kind=kind, publisher=publisher)
    stmt = (select(q, a.c.title.label("article_title"), a.c.published, a.c.publisher).select_from(frm)
            .where(*conds).order_by(*order("quotes", sort)).limit(limit).offset(offset))
    rows = [_quote_row(r._mapping) for r in conn.execute(stmt)]
    _add_sentences(conn, rows)
    return rows


def _quote_row(m) -> dict:
    return {
        "id": m["id"], "article_id": m["article_id"], "article_title": m["article_title"],
        "published": m["published"], "publisher": m["publisher"], "text": m["text"], "kind": m["kind"],
        "cue": m["cue"], "cue_span": [m["cue_start"], m["cue_end"]] if m["cue_start"] is not None else None,
        "spans": json.loads(m["spans"]), "speaker_name": m["speaker_name"],
        "speaker_entity_id": m["speaker_entity_id"],
        "speaker_span": [m["speaker_start"], m["speaker_end"]] if m["speaker_start"] is not None else None,
        "sentence": m["sentence"],  # from the parse (schema v2); older rows get one cut below
        "speaker_confidence": m["speaker_confidence"], "speaker_kind": m["speaker_kind"],
    }


NEAR = 200  # a cue or speaker further from the quote than this is not in its sentence


def _add_sentences(conn: Connection, rows: list[dict]) -> None:
    """Quotes stored before sentences were recorded (schema v1): the quote with its cue and
    speaker when they stand next to it, cut from the article's text (one read per article)."""
    rows = [r for r in rows if r["sentence"] is None]
    ids = sorted({r["article_id"] for r in rows})
    if not ids:
        return
    texts = dict(conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(ids))).all())
    for r in rows:
        text_ = texts.get(r["article_id"])
        if not text_ or not r["spans"]:
            continue
        lo, hi = r["spans"][0][0], r["spans"][-1][1]
        for span in (r["cue_span"], r["speaker_span"]):
            if span and span[0] >= lo - NEAR and span[1] <= hi + NEAR:
                lo, hi = min(lo, span[0]), max(hi, span[1])
        r["sentence"] = sentence_around(text_, lo, hi)

def _entity_stats():
    """Entities with their totals; only those some stored article still mentions."""
    stmt = (select(e.c.id, e.c.name, e.c.type, e.c.n_mentions.label("mentions"),
                   e.c.n_articles.label("articles"), e.c.n_quotes.label("quotes"))
            .where(e.c.n_articles > 0))
    return stmt


def _entity_where(conn, *, type=None, search=None):
    conds = [e.c.n_articles > 0]  # only entities some stored article still mentions
    if type:
        conds.append(e.c.type == check_choice(type, "type", ENTITY_TYPES))
    if search:
        conds.append(e.c.id.in_(matching_entities(search)))
    return e, conds


def entities(conn: Connection, *, type=None, search=None, sort=None, top=50, offset=0) -> list[dict]:
    _paging(top, offset, name="top")
    frm, conds = _entity_where(conn, type=type, search=search)
    stmt = (_entity_stats().select_from(frm).where(*conds)
            .order_by(*order("entities", sort)).limit(top).offset(offset))
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


def _count_where(conn, *, type=None, since=None, until=None, article_id=None, kind=None):
    conds = _dates(since, until)
    if type:
        conds.append(c.c.type == check_choice(type, "type", COUNT_TYPES))
    if article_id is not None:
        conds.append(c.c.article_id == article_id)
    # incident (the default: what happened in the events reported), total, statistic, or all
    kind = check_choice(kind or "incident", "kind", (*COUNT_KINDS, "all"))
    if kind != "all":
        conds.append(c.c.kind == kind)
    return c.join(a, a.c.id == c.c.article_id), conds


def counts(conn: Connection, *, type=None, by=None, since=None, until=None, article_id=None, kind=None,
           sort=None, limit=None, offset=0) -> list[dict]:
    _paging(limit, offset)
    frm, conds = _count_where(conn, type=type, since=since, until=until, article_id=article_id, kind=kind)
    if by is not None:
        if by not in PERIODS:
            raise ValueError(f"by {by!r} is not a period; valid: {', '.join(PERIODS)}")
        period = func.substr(a.c.published_day, 1, PERIODS[by]).label("period")
        stmt = (select(period, c.c.type, func.sum(c.c.number).label("total"), func.count().label("reports"))
                .select_from(frm).where(*conds, c.c.part_of.is_(None))  # a part of a larger count is not summed
                .group_by(period, c.c.type).order_by(period.asc().nulls_last(), c.c.type).limit(limit).offset(offset))
        return [{"period": r.period, "type": r.type, "total": int(r.total), "reports": int(r.reports)}
                for r in conn.execute(stmt)]
    stmt = (select(c, a.c.published, a.c.title.label("article_title")).select_from(frm).where(*conds)
            .order_by(*order("counts", sort)).limit(limit).offset(offset))
    rows = []
    for r in conn.execute(stmt):
        m = r._mapping
        row = {"article_id": r.article_id, "article_title": r.article_title, "published": r.published,
               "type": r.type, "number": r.number, "approximate": bool(r.approximate), "object": r.object,
               "span": [r.start, r.end], "sentence": r.sentence, "kind": m["kind"], "part_of": m["part_of"],
               "mentions": json.loads(m["mentions"]) if m["mentions"] else []}
        rows.append(row)
    return rows


def article_ids(conn: Connection, prefix: str, *, limit=10) -> list[str]:
    """Ids starting with `prefix` (ids are lower-case hex), at most `limit`, sorted."""
    prefix = prefix.strip().lower()
    if not prefix or not re.fullmatch(r"[0-9a-f]+", prefix):
        return []
    stmt = select(a.c.id).where(a.c.id.like(prefix + "%")).order_by(a.c.id).limit(limit)
    return list(conn.execute(stmt).scalars())


# -- the network -------------------------------------------------------------------------

def _network_articles(since, until):
    """Article-entity links of articles published in the range (all of them without one)."""
    conds = _dates(since, until)
    if not conds:
        return ae, []
    return ae.join(a, a.c.id == ae.c.article_id), conds


def network(conn: Connection, *, limit=100, types=None, since=None, until=None) -> dict:
    """The `limit` entities (of `types`, default all) in most articles published in the date
    range, and how many of those articles each pair shares."""
    frm, conds = _network_articles(since, until)
    if types:
        conds = [*conds, e.c.type.in_([t.upper() for t in types])]
    weight = func.count(ae.c.article_id.distinct()).label("weight")
    top = conn.execute(
        select(e.c.id, e.c.name, e.c.type, weight).select_from(frm.join(e, e.c.id == ae.c.entity_id))
        .where(*conds).group_by(e.c.id, e.c.name, e.c.type).order_by(weight.desc(), e.c.name, e.c.id).limit(limit)
    ).all()
    ids = [r.id for r in top]
    other = ae.alias("other")
    pair_weight = func.count(ae.c.article_id.distinct()).label("weight")
    pair_frm, date_conds = _network_articles(since, until)
    edges = conn.execute(
        select(ae.c.entity_id.label("source"), other.c.entity_id.label("target"), pair_weight)
        .select_from(pair_frm.join(other, and_(other.c.article_id == ae.c.article_id,
                                               other.c.entity_id > ae.c.entity_id)))
        .where(ae.c.entity_id.in_(ids), other.c.entity_id.in_(ids), *date_conds)
        .group_by(ae.c.entity_id, other.c.entity_id).order_by(pair_weight.desc(), "source", "target")
    ).all() if ids else []
    return {"nodes": [_ints(r._mapping) for r in top], "edges": [_ints(r._mapping) for r in edges]}


def link(conn: Connection, source: int, target: int, *, since=None, until=None, limit: int = 5) -> dict | None:
    """The evidence for one edge of the network: how many articles (in the date range) name
    both entities, and for the newest `limit` of them the passage where the two stand closest."""
    ends = {r.id: _ints(r._mapping) for r in conn.execute(
        select(e.c.id, e.c.name, e.c.type).where(e.c.id.in_([source, target])))}
    if source not in ends or target not in ends:
        return None
    both = and_(a.c.id.in_(select(ae.c.article_id).where(ae.c.entity_id == source)),
                a.c.id.in_(select(ae.c.article_id).where(ae.c.entity_id == target)), *_dates(since, until))
    n = conn.execute(select(func.count()).select_from(a).where(both)).scalar()
    shared = conn.execute(select(a.c.id, a.c.title, a.c.published, a.c.text).where(both)
                          .order_by(*_TIES["articles"]).limit(limit)).all()
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    if shared:
        for m in conn.execute(select(mentions.c.article_id, mentions.c.entity_id, mentions.c.start, mentions.c.end)
                              .where(mentions.c.article_id.in_([r.id for r in shared]),
                                     mentions.c.entity_id.in_([source, target]))):
            spans.setdefault((m.article_id, m.entity_id), []).append((m.start, m.end))
    evidence = []
    for r in shared:
        pairs = [(abs(x[0] - y[0]), x, y) for x in spans.get((r.id, source), ()) for y in spans.get((r.id, target), ())]
        item = {"article_id": r.id, "title": r.title, "published": r.published, "sentence": None, "span": None}
        if pairs:
            _, x, y = min(pairs)
            lo, hi = min(x[0], y[0]), max(x[1], y[1])
            if hi - lo > 2 * NEAR:  # too far apart for one passage: the first one's sentence
                lo, hi = x if x[0] < y[0] else y
            item["sentence"], item["span"] = sentence_around(r.text, lo, hi), [lo, hi]
        evidence.append(item)
    return {"source": ends[source], "target": ends[target], "articles": int(n), "evidence": evidence}


# -- ingest errors -----------------------------------------------------------------------

def _error_where(conn, *, search=None, format=None):
    t = ingest_errors
    conds = []
    if search:
        conds.append(or_(_ilike(t.c.path, search), _ilike(t.c.url, search), _ilike(t.c.error, search)))
    if format:
        conds.append(t.c.format == format.lower())
    return t, conds


def errors(conn: Connection, *, search=None, format=None, sort=None, limit=100, offset=0) -> list[dict]:
    """Inputs that failed, newest first: path, url, format, error, created_at."""
    _paging(limit, offset)
    t = ingest_errors
    frm, conds = _error_where(conn, search=search, format=format)
    stmt = (select(t.c.path, t.c.url, t.c.format, t.c.code, t.c.error, t.c.created_at).select_from(frm).where(*conds)
            .order_by(*order("errors", sort)).limit(limit).offset(offset))
    return [dict(r._mapping) for r in conn.execute(stmt)]


# -- totals and facets -------------------------------------------------------------------
# One WHERE per list (the _*_where builders above) serves its rows, its total and its facets,
# so the three always agree.

_WHERE = {"articles": _article_where, "quotes": _quote_where, "entities": _entity_where,
          "counts": _count_where, "errors": _error_where}
_KEY = {"articles": a.c.id, "quotes": q.c.id, "entities": e.c.id, "counts": c.c.id, "errors": ingest_errors.c.id}
_MONTH = func.substr(a.c.published_day, 1, 7)


def _facet_columns(name: str) -> dict:
    """facet -> (value, label, extra join or None, newest first?)"""
    if name == "articles":
        return {"publisher": (a.c.publisher, a.c.publisher, None, False),
                "language": (a.c.language, a.c.language, None, False),
                "month": (_MONTH, _MONTH, None, True)}
    if name == "quotes":
        speakers = (lambda frm: frm.join(qs, qs.c.quote_id == q.c.id).join(e, e.c.id == qs.c.entity_id))
        return {"kind": (q.c.kind, q.c.kind, None, False),
                "speaker": (e.c.id, e.c.name, speakers, False),
                "publisher": (a.c.publisher, a.c.publisher, None, False),
                "month": (_MONTH, _MONTH, None, True)}
    if name == "entities":
        return {"type": (e.c.type, e.c.type, None, False)}
    if name == "counts":
        cols = {"type": (c.c.type, c.c.type, None, False), "month": (_MONTH, _MONTH, None, True)}
        if "kind" in c.c:
            cols["kind"] = (c.c.kind, c.c.kind, None, False)
        return cols
    if name == "errors":
        return {"format": (ingest_errors.c.format, ingest_errors.c.format, None, False)}
    raise ValueError(f"{name!r} is not a list; valid: {', '.join(_WHERE)}")


def facet_names(name: str) -> list[str]:
    return list(_facet_columns(name))


def total(conn: Connection, name: str, **filters) -> int:
    """How many rows the list `name` has under these filters (the same ones its query takes)."""
    if name not in _WHERE:
        raise ValueError(f"{name!r} is not a list; valid: {', '.join(_WHERE)}")
    frm, conds = _WHERE[name](conn, **filters)
    return int(conn.execute(select(func.count()).select_from(frm).where(*conds)).scalar())


FACET_TIME_LIMIT_MS = 1000  # per facet, as datasette's facet_time_limit_ms: a page never waits longer


@contextmanager
def time_limit(conn: Connection, ms: int):
    """Statements inside stop with an OperationalError after `ms` milliseconds."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        deadline = time.monotonic() + ms / 1000
        raw.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 1000 if ms > 0 else 1)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
    else:
        with conn.begin_nested():  # a cancelled statement rolls back to here, not the whole read
            conn.execute(text(f"SET LOCAL statement_timeout = {max(1, int(ms))}"))  # 0 would be none
            yield


def facets(conn: Connection, name: str, *, facets=None, limit: int = 30, time_limit_ms: int = FACET_TIME_LIMIT_MS,
           **filters) -> dict:
    """{facet: {"values": [{"value", "label", "count"}], "truncated": bool}} under the filters:
    the `limit` most frequent values (months newest first). `facets` defaults to all of the list's.
    A facet that takes longer than `time_limit_ms` comes back empty with `"timed_out": true`."""
    columns = _facet_columns(name)
    wanted = list(facets) if facets else list(columns)
    for f in wanted:
        if f not in columns:
            raise ValueError(f"facet {f!r} is not one of {name}'s; valid: {', '.join(columns)}")
    frm, conds = _WHERE[name](conn, **filters)
    out = {}
    for f in wanted:
        value, label, join, by_value = columns[f]
        n = func.count(_KEY[name].distinct()).label("n")
        stmt = (select(value.label("value"), label.label("label"), n)
                .select_from(join(frm) if join else frm).where(*conds).group_by(value, label)
                .order_by(*((value.desc().nulls_last(),) if by_value else (n.desc(), value.asc().nulls_last())))
                .limit(limit + 1))
        try:
            with time_limit(conn, time_limit_ms):
                rows = conn.execute(stmt).all()
        except OperationalError:
            out[f] = {"values": [], "truncated": True, "timed_out": True}
            continue
        out[f] = {"values": [{"value": r.value, "label": r.label, "count": int(r.n)} for r in rows[:limit]],
                  "truncated": len(rows) > limit}
    return out


def facts(conn: Connection, name: str, *, article_id=None, since=None, until=None, limit=50, offset=0,
          filters: dict | None = None) -> list[dict]:
    """A registered extractor's facts (its generic table), newest articles first."""
    _paging(limit, offset)
    from newsgraph.extract.registry import get
    from newsgraph.store.facts import decode_row, filter_columns, table_of

    ex = get(name)
    if ex.core:
        raise ValueError(f"{name!r} has its own query; valid for facts(): "
                         f"{', '.join(e.name for e in _generic())}")
    t = table_of(ex)
    allowed = filter_columns(ex)
    conds = _dates(since, until)
    for key, value in (filters or {}).items():
        if value is None or value == "":
            continue
        col = allowed.get(key)
        if col is None:
            raise ValueError(f"{name} cannot be filtered by {key!r}; valid: {', '.join(allowed) or 'none'}")
        if col.py is str:
            conds.append(func.lower(t.c[key]) == str(value).lower())
        elif col.py is bool:
            conds.append(t.c[key] == (str(value).lower() in ("1", "true", "yes")))
        else:
            try:
                conds.append(t.c[key] == col.py(value))
            except (TypeError, ValueError):
                raise ValueError(f"{key} {value!r} is not valid; valid: a {col.py.__name__}") from None
    if article_id is not None:
        conds.append(t.c.article_id == article_id)
    stmt = (select(t, a.c.title.label("article_title"), a.c.published).join(a, a.c.id == t.c.article_id)
            .where(*conds).order_by(a.c.published_day.desc().nulls_last(), a.c.id, t.c.seq)
            .limit(limit).offset(offset))
    return [decode_row(ex, dict(r._mapping)) for r in conn.execute(stmt)]


def _generic():
    from newsgraph.extract.registry import generic

    return generic()
