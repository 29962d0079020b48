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
import unicodedata
from datetime import datetime, timezone

from sqlalchemy import Connection, delete, exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsgraph.article import Article, Entity, ErrorRecord, Source
from newsgraph.store.schema import (
    article_entities, articles, counts, entities, entity_aliases, entity_titles, ingest_errors,
    mentions, quote_speakers, quotes,
)

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"}
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def normalise(name: str, type: str) -> str:
    """The matching key of an entity name: 'Dr. José  Núñez' -> 'jose nunez'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[’']s\b", "", s)  # possessive: "Obama's" is Obama
    tokens = re.findall(r"\w+", s)
    if type == "PERSON":
        while len(tokens) > 1 and tokens[0] in _HONORIFICS:
            tokens.pop(0)
    elif len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    return " ".join(tokens)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def published_day(published: str | None) -> str | None:
    m = _DAY.match(published or "")
    return m.group(1) if m else None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding text[start:end]: enough context to read a count."""
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
    local: dict[str, int] = {}
    link_rows, mention_rows = [], []
    for e in a.entities:
        eid = resolve_entity(conn, e)
        if e.id in local:  # a repeated local id would break the article's primary key
            continue
        local[e.id] = eid
        link_rows.append(dict(article_id=a.id, local_id=e.id, entity_id=eid, name=e.name,
                              n_mentions=len(e.mentions)))
        mention_rows += [dict(article_id=a.id, entity_id=eid, text=m.text, start=m.span[0], end=m.span[1])
                         for m in e.mentions]
    if link_rows:
        conn.execute(article_entities.insert(), link_rows)
    if mention_rows:
        conn.execute(mentions.insert(), mention_rows)
    if a.quotes:
        _insert_quotes(conn, a, local)
    if a.counts:
        conn.execute(counts.insert(), [
            dict(article_id=a.id, seq=i, type=c.type, number=c.number, approximate=bool(c.approximate),
                 object=c.object, start=c.span[0], end=c.span[1],
                 sentence=sentence_around(a.text, c.span[0], c.span[1]))
            for i, c in enumerate(a.counts)
        ])
    # A source that failed before and now analyses cleanly is no longer an error.
    conn.execute(delete(ingest_errors).where(ingest_errors.c.source_key == source_key(a.source)))


def _insert_quotes(conn: Connection, a: Article, local: dict[str, int]) -> None:
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


def resolve_entity(conn: Connection, e: Entity) -> int:
    """The canonical entity id for an article's entity, created when new; aliases and titles added."""
    key = normalise(e.name, e.type) or e.name.casefold()
    tokens = key.split()
    eid = None
    if e.type == "PERSON" and len(tokens) == 1:
        found = conn.execute(
            select(entities.c.id).where(entities.c.type == "PERSON", entities.c.surname == key,
                                        entities.c.key != key).limit(2)
        ).scalars().all()
        if len(found) == 1:
            eid = found[0]
    if eid is None:
        eid = _get_or_create(conn, e, key, tokens[-1] if e.type == "PERSON" and tokens else None)
    aliases = sorted({m.text for m in e.mentions} | {e.name})
    _insert_ignore(conn, entity_aliases, [dict(entity_id=eid, alias=s[:512]) for s in aliases])
    if e.titles:
        _insert_ignore(conn, entity_titles, [dict(entity_id=eid, title=t[:512]) for t in sorted(set(e.titles))])
    return eid


def _get_or_create(conn: Connection, e: Entity, key: str, surname: str | None) -> int:
    where = (entities.c.type == e.type) & (entities.c.key == key)
    eid = conn.execute(select(entities.c.id).where(where)).scalar()
    if eid is None:
        # ON CONFLICT DO NOTHING: a concurrent ingest may create the same entity first.
        _insert_ignore(conn, entities, [dict(type=e.type, key=key, surname=surname, name=e.name)])
        eid = conn.execute(select(entities.c.id).where(where)).scalar_one()
    return eid


def _insert_ignore(conn: Connection, table, rows: list[dict]) -> None:
    if not rows:
        return
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(ins(table).on_conflict_do_nothing(), rows)


def source_key(source: Source) -> str:
    return f"{source.path or ''}#{source.url or ''}"


def insert_error(conn: Connection, err: ErrorRecord) -> None:
    key = source_key(err.source)
    conn.execute(delete(ingest_errors).where(ingest_errors.c.source_key == key))
    conn.execute(ingest_errors.insert().values(
        source_key=key, path=err.source.path, url=err.source.url, format=err.source.format,
        error=err.error, created_at=now(),
    ))
