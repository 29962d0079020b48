"""Writing one Article (or one ErrorRecord) inside the caller's transaction.

Entities are made canonical across articles here:
  * every entity matches a stored one of the same type whose normalised name
    (casefolded, accents and punctuation removed, honorifics and a leading
    "the" dropped) is equal;
  * a PERSON known by a single name ("Trump") joins the stored person with
    that surname when exactly one such multi-word person exists ("Donald
    Trump"); with none or several it stays (or becomes) its own entity, since
    guessing between two Smiths would merge people wrongly.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from sqlalchemy import Connection, bindparam, delete, exists, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsgraph import names
from newsgraph.article import Article, Entity, ErrorRecord, Source
from newsgraph.store.facts import fact_tables, rows_of
from newsgraph.store.schema import (
    article_entities, articles, counts, entities, entity_aliases, entity_titles, ingest_errors,
    mentions, quote_speakers, quotes,
)

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def normalise(name: str, type: str) -> str:
    """The matching key of an entity name: 'Dr. José  Núñez' -> 'jose nunez' (newsgraph.names.key)."""
    return names.key(name, type)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def published_day(published: str | None) -> str | None:
    m = _DAY.match(published or "")
    return m.group(1) if m else None


def sentence_text(text: str, sentence, span) -> str:
    """The parse's sentence of a fact (the record carries its span); records written before
    sentences were recorded fall back to a split at line and sentence punctuation."""
    if sentence is not None and 0 <= sentence[0] < sentence[1] <= len(text):
        return text[sentence[0]:sentence[1]].strip()
    return sentence_around(text, span[0], span[1])


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding text[start:end]: the fallback for old records."""
    left, right = 0, len(text)
    for sep in ("\n", ". ", "! ", "? "):
        i = text.rfind(sep, 0, start)
        if i >= 0:
            left = max(left, i + len(sep))
        j = text.find(sep, end)
        if j >= 0:
            right = min(right, j + 1)
    return text[left:right].strip()


def article_exists(conn: Connection, article_id: str) -> bool:
    return conn.execute(select(exists().where(articles.c.id == article_id))).scalar()


def delete_article(conn: Connection, article_id: str) -> None:
    ments = conn.execute(select(article_entities.c.entity_id, func.sum(article_entities.c.n_mentions))
                         .where(article_entities.c.article_id == article_id).group_by(article_entities.c.entity_id))
    quoted = conn.execute(select(quote_speakers.c.entity_id, func.count(quote_speakers.c.quote_id.distinct()))
                          .where(quote_speakers.c.article_id == article_id, quote_speakers.c.entity_id.is_not(None))
                          .group_by(quote_speakers.c.entity_id))
    totals: dict[int, list[int]] = {}
    for eid, n in ments:
        totals[eid] = [-int(n), -1, 0]
    for eid, n in quoted:
        totals.setdefault(eid, [0, 0, 0])[2] = -int(n)
    _add_totals(conn, totals)
    for _, t in fact_tables():
        conn.execute(delete(t).where(t.c.article_id == article_id))
    for t in (quote_speakers, quotes, counts, mentions, article_entities):
        conn.execute(delete(t).where(t.c.article_id == article_id))
    conn.execute(delete(articles).where(articles.c.id == article_id))


def insert_article(conn: Connection, a: Article) -> None:
    conn.execute(articles.insert().values(
        id=a.id, path=a.source.path, url=a.source.url, format=a.source.format, title=a.title,
        byline=json.dumps(a.byline, ensure_ascii=False), dateline=a.dateline, publisher=a.publisher,
        published=a.published, published_day=published_day(a.published), language=a.language,
        text=a.text, n_entities=len(a.entities), n_quotes=len(a.quotes), n_counts=len(a.counts),
        record=a.to_json(), ingested_at=now(),
    ))
    local = resolve_entities(conn, a.entities)
    link_rows, mention_rows, seen = [], [], set()
    for e in a.entities:
        if e.id in seen:  # a repeated local id would break the article's primary key
            continue
        seen.add(e.id)
        eid = local[e.id]
        link_rows.append(dict(article_id=a.id, local_id=e.id, entity_id=eid, name=e.name,
                              n_mentions=len(e.mentions)))
        mention_rows += [dict(article_id=a.id, entity_id=eid, text=m.text, start=m.span[0], end=m.span[1])
                         for m in e.mentions]
    if link_rows:
        conn.execute(article_entities.insert(), link_rows)
    totals: dict[int, list[int]] = {}
    for r in link_rows:
        t = totals.setdefault(r["entity_id"], [0, 1, 0])
        t[0] += r["n_mentions"]
    if mention_rows:
        conn.execute(mentions.insert(), mention_rows)
    if a.quotes:
        for eid, n in _insert_quotes(conn, a, local).items():
            totals.setdefault(eid, [0, 0, 0])[2] += n
    _add_totals(conn, totals)
    if a.counts:
        conn.execute(counts.insert(), [
            dict(article_id=a.id, seq=i, type=c.type, number=c.number, approximate=bool(c.approximate),
                 object=c.object, start=c.span[0], end=c.span[1],
                 sentence=sentence_text(a.text, c.sentence, c.span),
                 kind=getattr(c, "kind", "incident") or "incident", part_of=getattr(c, "part_of", None),
                 mentions=json.dumps([list(m) for m in c.mentions]) if getattr(c, "mentions", None) else None)
            for i, c in enumerate(a.counts)
        ])
    for ex, table in fact_tables():
        rows = rows_of(ex, a, local)
        if rows:
            conn.execute(table.insert(), rows)
    # A source that failed before and now analyses cleanly is no longer an error.
    conn.execute(delete(ingest_errors).where(ingest_errors.c.source_key == source_key(a.source)))


def _add_totals(conn: Connection, totals: dict[int, list[int]]) -> None:
    """entity id -> [mentions, articles, quotes] added to its running totals (sorted: no deadlocks)."""
    if totals:
        conn.execute(
            entities.update().where(entities.c.id == bindparam("eid")).values(
                n_mentions=entities.c.n_mentions + bindparam("dm"),
                n_articles=entities.c.n_articles + bindparam("da"),
                n_quotes=entities.c.n_quotes + bindparam("dq"),
            ),
            [dict(eid=i, dm=m, da=n, dq=q) for i, (m, n, q) in sorted(totals.items())],
        )


def _insert_quotes(conn: Connection, a: Article, local: dict[str, int]) -> dict[int, int]:
    """Insert the article's quotes and their speakers; returns entity id -> quotes spoken."""
    rows = []
    for i, q in enumerate(a.quotes):
        sp = q.speaker
        rows.append(dict(
            article_id=a.id, seq=i, text=q.text, kind=q.kind,
            spans=json.dumps([list(s) for s in q.spans]),
            cue=q.cue.text if q.cue else None,
            cue_start=q.cue.span[0] if q.cue else None, cue_end=q.cue.span[1] if q.cue else None,
            speaker_name=sp.name if sp else None,
            speaker_entity_id=local.get(sp.entity) if sp and sp.entity else None,
            speaker_start=sp.span[0] if sp and sp.span else None,
            speaker_end=sp.span[1] if sp and sp.span else None,
            sentence=sentence_text(a.text, q.sentence, q.spans[0]) if q.spans else None,
            speaker_confidence=getattr(sp, "confidence", None) if sp else None,
            speaker_kind=getattr(sp, "kind", None) if sp else None,
        ))
    ids = conn.execute(quotes.insert().returning(quotes.c.id, sort_by_parameter_order=True), rows).scalars().all()
    speaker_rows = []
    for qid, q in zip(ids, a.quotes):
        speakers = q.speakers or ([q.speaker] if q.speaker else [])
        speaker_rows += [dict(quote_id=qid, seq=j, article_id=a.id, name=s.name,
                              entity_id=local.get(s.entity) if s.entity else None)
                         for j, s in enumerate(speakers)]
    if speaker_rows:
        conn.execute(quote_speakers.insert(), speaker_rows)
    spoken: dict[int, set[int]] = {}
    for r in speaker_rows:
        if r["entity_id"] is not None:
            spoken.setdefault(r["entity_id"], set()).add(r["quote_id"])
    return {eid: len(qids) for eid, qids in spoken.items()}


def resolve_entities(conn: Connection, ents: list[Entity]) -> dict[str, int]:
    """Article entity id -> canonical entity id, creating new ones; aliases and titles added.

    A handful of statements per article, however many entities it has.
    """
    keyed = [(e, normalise(e.name, e.type)[:512] or e.name.casefold()[:512]) for e in ents]
    single = {k for e, k in keyed if e.type == "PERSON" and " " not in k}
    found: dict[tuple[str, str], int] = {}
    if keyed:
        found = _ids_by_key(conn, {k for _, k in keyed})
    # Full names first, so a surname-only mention can join a person created by this very article.
    _create(conn, {(e.type, k): e for e, k in keyed
                   if (e.type, k) not in found and not (e.type == "PERSON" and k in single)}, found)
    by_surname: dict[str, set[int]] = {}
    if single:
        rows = conn.execute(select(entities.c.id, entities.c.surname).where(
            entities.c.type == "PERSON", entities.c.surname.in_(single), entities.c.key != entities.c.surname))
        for eid, surname in rows:
            by_surname.setdefault(surname, set()).add(eid)
    out: dict[str, int] = {}
    lone: dict[tuple[str, str], Entity] = {}
    for e, k in keyed:
        if e.type == "PERSON" and k in single and len(by_surname.get(k, ())) == 1:
            out.setdefault(e.id, next(iter(by_surname[k])))
        elif (e.type, k) in found:
            out.setdefault(e.id, found[(e.type, k)])
        else:
            lone[(e.type, k)] = e
    if lone:
        _create(conn, lone, found)
        for e, k in keyed:
            out.setdefault(e.id, found.get((e.type, k)))
    # A mention that is only the entity's title ("the President") names the office, not the
    # person: it is listed among the titles, never the aliases.
    aliases = {(out[e.id], s[:512]) for e in ents for s in [e.name, *(m.text for m in e.mentions)]
               if not _is_title_only(s, e.titles)}
    titles = {(out[e.id], t[:512]) for e in ents for t in e.titles}
    _insert_ignore(conn, entity_aliases, [dict(entity_id=i, alias=s) for i, s in sorted(aliases)])
    _insert_ignore(conn, entity_titles, [dict(entity_id=i, title=t) for i, t in sorted(titles)])
    return out


def _is_title_only(alias: str, titles: list[str]) -> bool:
    words = re.sub(r"^(?:the|a|an)\s+", "", alias.strip(), flags=re.I).casefold()
    return any(words == t.strip().casefold() for t in titles)


def _ids_by_key(conn: Connection, keys: set[str]) -> dict[tuple[str, str], int]:
    rows = conn.execute(select(entities.c.id, entities.c.type, entities.c.key).where(entities.c.key.in_(keys)))
    return {(t, k): i for i, t, k in rows}


def _create(conn: Connection, new: dict[tuple[str, str], Entity], found: dict[tuple[str, str], int]) -> None:
    if not new:
        return
    # ON CONFLICT DO NOTHING: a concurrent ingest may create the same entity first; then we use its row.
    # Sorted, so two transactions lock the same keys in the same order and cannot deadlock.
    _insert_ignore(conn, entities, [
        dict(type=t, key=k, surname=k.rsplit(" ", 1)[-1] if t == "PERSON" else None, name=e.name,
             n_mentions=0, n_articles=0, n_quotes=0)
        for (t, k), e in sorted(new.items())
    ])
    found.update(_ids_by_key(conn, {k for _, k in new}))


def _insert_ignore(conn: Connection, table, rows: list[dict]) -> None:
    if not rows:
        return
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(ins(table).on_conflict_do_nothing(), rows)


def source_key(source: Source) -> str:
    """Which input a record came from: path#url, or path#line=N for a JSONL line,
    so each failed JSONL line (by number) or WARC record (by URL) keeps its own error row until it succeeds."""
    if source.line is not None:  # a JSONL line: its url may be unreadable when the line fails
        return f"{source.path or ''}#line={source.line}"
    return f"{source.path or ''}#{source.url or ''}"


def insert_error(conn: Connection, err: ErrorRecord) -> None:
    key = source_key(err.source)
    conn.execute(delete(ingest_errors).where(ingest_errors.c.source_key == key))
    conn.execute(ingest_errors.insert().values(
        source_key=key, path=err.source.path, url=err.source.url, format=err.source.format,
        error=err.error, created_at=now(), code=err.code,
    ))
