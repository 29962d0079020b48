"""The store: analysed articles in SQLite or PostgreSQL, and every query over them.

All of newsgraph's SQL lives in this package; the CLI and the web API call these
methods. `Store.open(url)` creates or migrates the schema; each `add` is one
transaction, so a killed ingest loses nothing it had committed.

    with Store.open("sqlite:///newsgraph.db") as store:
        store.add(article)
        store.quotes(speaker="Obama", search="economy")
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from newsgraph.article import Article, ErrorRecord, Source
from newsgraph.settings import Settings
from newsgraph.store import query, write
from newsgraph.store.engine import URLError, display, make_engine, parse_url
from newsgraph.store.facts import ensure_tables
from newsgraph.store.summary import IngestSummary
from newsgraph.store.schema import SCHEMA_VERSION, SchemaError, articles, current_version, migrate

__all__ = ["Store", "StoreError", "IngestSummary", "SCHEMA_VERSION"]

_RETRIES = 5
COMMIT_EVERY = 16  # records per write transaction in ingest(); analyze_many yields batches of 32


class StoreError(Exception):
    """A database problem, in one line naming the database: bad URL, unreachable, newer schema."""


def _db_errors(method):
    """Database failures surface as one-line StoreErrors naming the database."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DBAPIError as e:
            raise StoreError(f"database {self.name}: {_first_line(e)}") from e
    return wrapper


def _first_line(e: DBAPIError) -> str:
    msg = str(e.orig if e.orig is not None else e).strip()
    return msg.splitlines()[0] if msg else type(e).__name__


def _must_exist(u) -> None:
    if u.get_backend_name() != "sqlite":
        return
    path = Path(u.database).expanduser()
    if not path.is_file():
        raise URLError(f"database {display(u)} does not exist (no file {str(path)!r}); valid: a store "
                       "`newsgraph ingest` wrote (check --db or NEWSGRAPH_DB)")
    if path.stat().st_size == 0:
        raise URLError(f"database {display(u)} is an empty file (0 bytes), not a newsgraph store; valid: a store "
                       "`newsgraph ingest` wrote (check --db or NEWSGRAPH_DB)")


class Store:
    def __init__(self, engine, name: str):
        self.engine = engine
        self.name = name  # the URL as shown to users, password hidden
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, url: str | None = None, *, create: bool = True) -> Store:
        """Open (creating or migrating) the store at `url`, default Settings.db / NEWSGRAPH_DB.

        With create=False (the query commands) a database that does not exist, or holds no
        newsgraph store (a zero-byte file, an empty PostgreSQL database), is a StoreError
        naming it, instead of a new empty store that answers every query with nothing."""
        url = url or Settings.from_env().db
        try:
            u = parse_url(url)
            if not create:
                _must_exist(u)
            engine = make_engine(u)
        except URLError as e:
            raise StoreError(str(e)) from None
        name = display(u)
        try:
            if not create:
                with engine.connect() as conn:
                    if current_version(conn) == 0:
                        engine.dispose()
                        raise StoreError(f"database {name} holds no newsgraph store; valid: a store "
                                         "`newsgraph ingest` wrote (check --db or NEWSGRAPH_DB)")
            with engine.connect() as conn:
                conn.execution_options(newsgraph_write=True)
                with conn.begin():
                    migrate(conn, name)
                    ensure_tables(conn, name)
        except SchemaError as e:
            engine.dispose()
            raise StoreError(str(e)) from None
        except SQLAlchemyError as e:
            engine.dispose()
            detail = _first_line(e) if isinstance(e, DBAPIError) else str(e).splitlines()[0]
            raise StoreError(f"cannot open database {name}: {detail}") from None
        return cls(engine, name)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(newsgraph_write=True)
            with conn.begin():
                yield conn

    # -- writing -------------------------------------------------------------------------

    @_db_errors
    def add(self, article: Article, *, force: bool = False) -> bool:
        """Store one analysed article; False when its content hash is already stored (unless force)."""
        return self.add_many([article], force=force)[0]

    @_db_errors
    def add_many(self, records: list[Article | ErrorRecord], *, force: bool = False) -> list[bool]:
        """Store records in one transaction: per record, True when stored (errors: always True)."""
        try:
            return self._transaction(records, force)
        except IntegrityError:
            if len(records) > 1:  # one at a time, so the conflict stays with its own record
                return [self.add_many([r], force=force)[0] for r in records]
            # A concurrent writer stored the same article between our check and insert.
            if isinstance(records[0], Article) and self.has(records[0].id):
                return [False]
            raise

    def _transaction(self, records: list[Article | ErrorRecord], force: bool) -> list[bool]:
        for attempt in range(1, _RETRIES + 1):
            try:
                with self._write() as conn:
                    return [self._add_in(conn, r, force) for r in records]
            except DBAPIError as e:
                # PostgreSQL aborts one of two writers waiting on each other's rows (deadlock,
                # serialization failure); the transaction rolled back whole, so redo it.
                if getattr(e.orig, "sqlstate", None) not in ("40P01", "40001") or attempt == _RETRIES:
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    @staticmethod
    def _add_in(conn: Connection, rec: Article | ErrorRecord, force: bool) -> bool:
        if isinstance(rec, ErrorRecord):
            write.insert_error(conn, rec)
            return True
        if write.article_exists(conn, rec.id):
            if not force:
                return False
            write.delete_article(conn, rec.id)
        write.insert_article(conn, rec)
        return True

    @_db_errors
    def add_error(self, source: Source, error: str) -> None:
        with self._write() as conn:
            write.insert_error(conn, ErrorRecord(source, error))

    def ingest(self, records: Iterable[Article | ErrorRecord], *, force: bool = False,
               progress: Callable[[IngestSummary], None] | None = None,
               summary: IngestSummary | None = None, count: bool = True) -> IngestSummary:
        """Store a stream of analysed records; errors are recorded in the store, not raised.

        Records are committed in groups of up to COMMIT_EVERY (a commit per article cost
        about a tenth of the analysis time); a killed run loses at most the uncommitted group,
        which the next run analyses again.
        """
        summary = summary or IngestSummary()
        group: list[Article | ErrorRecord] = []

        def flush():
            for rec, stored in zip(group, self.add_many(group, force=force)):
                if count:
                    summary.count(rec)
                if isinstance(rec, ErrorRecord):
                    summary.failed += 1
                    summary.errors.append((rec.source.path or rec.source.url or "<input>", rec.error))
                elif stored:
                    summary.ingested += 1
                else:
                    summary.skipped += 1
                if progress:
                    progress(summary)
            group.clear()

        for rec in records:
            group.append(rec)
            if len(group) >= COMMIT_EVERY:
                flush()
        if group:
            flush()
        return summary

    def ingest_paths(self, paths: Iterable[str], *, force: bool = False, settings: Settings | None = None,
                     progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        """Read, analyse and store files/directories; inputs already stored are skipped before parsing."""
        from newsgraph.store.ingest import ingest_paths

        return ingest_paths(self, paths, force=force, settings=settings, progress=progress)

    # -- reading -------------------------------------------------------------------------

    @_db_errors
    def has(self, article_id: str) -> bool:
        with self._read() as conn:
            return write.article_exists(conn, article_id)

    @_db_errors
    def empty(self) -> bool:
        """True when no article is stored."""
        with self._read() as conn:
            return conn.execute(select(articles.c.id).limit(1)).first() is None

    @_db_errors
    def get_article(self, article_id: str) -> Article | None:
        """The stored record, exactly as analyze produced it."""
        with self._read() as conn:
            rec = conn.execute(select(articles.c.record).where(articles.c.id == article_id)).scalar()
        return Article.from_json(rec) if rec is not None else None

    # Every list takes keyword-only filters and `sort` (a key of query.SORTS[list], "-key"
    # for descending); `total(list, **filters)` and `facets(list, **filters)` take the same
    # filters, so a page's rows, its count and its facets agree.

    @_db_errors
    def articles(self, *, search=None, since=None, until=None, publisher=None, language=None, entity_id=None,
                 sort=None, limit=50, offset=0) -> list[dict]:
        with self._read() as conn:
            return query.articles(conn, search=search, since=since, until=until, publisher=publisher,
                                  language=language, entity_id=entity_id, sort=sort, limit=limit, offset=offset)

    @_db_errors
    def quotes(self, *, speaker=None, search=None, since=None, until=None, entity_id=None, article_id=None,
               kind=None, publisher=None, sort=None, limit=50, offset=0) -> list[dict]:
        with self._read() as conn:
            return query.quotes(conn, speaker=speaker, search=search, since=since, until=until,
                                entity_id=entity_id, article_id=article_id, kind=kind, publisher=publisher,
                                sort=sort, limit=limit, offset=offset)

    @_db_errors
    def entities(self, *, type=None, search=None, sort=None, top=50, offset=0) -> list[dict]:
        with self._read() as conn:
            return query.entities(conn, type=type, search=search, sort=sort, top=top, offset=offset)

    @_db_errors
    def entity(self, entity_id: int) -> dict | None:
        with self._read() as conn:
            return query.entity(conn, entity_id)

    @_db_errors
    def counts(self, *, type=None, by: str | None = None, since=None, until=None, article_id=None, kind="incident",
               sort=None, limit=None, offset=0) -> list[dict]:
        with self._read() as conn:
            return query.counts(conn, type=type, by=by, since=since, until=until, article_id=article_id,
                                kind=kind, sort=sort, limit=limit, offset=offset)

    @_db_errors
    def article_ids(self, prefix: str, *, limit: int = 10) -> list[str]:
        """Stored article ids starting with `prefix` (for `show` given a short id)."""
        with self._read() as conn:
            return query.article_ids(conn, prefix, limit=limit)

    @_db_errors
    def facts(self, name: str, *, article_id=None, since=None, until=None, limit=50, offset=0,
              **filters) -> list[dict]:
        """One registered extractor's stored facts, newest article first: its table's columns
        (docs/store.md) plus article_title and published. `filters` are the extractor's
        declared filter fields, matched by equality (case-insensitive for text)."""
        with self._read() as conn:
            return query.facts(conn, name, article_id=article_id, since=since, until=until,
                               limit=limit, offset=offset, filters=filters)

    @_db_errors
    def network(self, *, limit=100, types=None, since=None, until=None) -> dict:
        with self._read() as conn:
            return query.network(conn, limit=limit, types=types, since=since, until=until)

    @_db_errors
    def link(self, source: int, target: int, *, since=None, until=None, limit=5) -> dict | None:
        """The articles two entities share, with the passage where they stand closest."""
        with self._read() as conn:
            return query.link(conn, source, target, since=since, until=until, limit=limit)

    @_db_errors
    def errors(self, *, search=None, format=None, sort=None, limit=100, offset=0) -> list[dict]:
        """Inputs that failed, newest first: path, url, format, error, created_at."""
        with self._read() as conn:
            return query.errors(conn, search=search, format=format, sort=sort, limit=limit, offset=offset)

    @_db_errors
    def total(self, list: str, **filters) -> int:
        """Rows of `list` (articles, quotes, entities, counts, errors) under its filters."""
        with self._read() as conn:
            return query.total(conn, list, **filters)

    @_db_errors
    def facets(self, list: str, *, facets=None, limit=30, time_limit_ms=query.FACET_TIME_LIMIT_MS, **filters) -> dict:
        """Value counts of the list's facets under its filters (query.facets)."""
        with self._read() as conn:
            return query.facets(conn, list, facets=facets, limit=limit, time_limit_ms=time_limit_ms, **filters)

    # -- queries of the newer extractors (store/query_NAME.py) ---------------------------

    @_db_errors
    def events(self, *, type=None, actor=None, country=None, since=None, until=None, limit=50, offset=0) -> list[dict]:
        """Events, newest day first, each with its sentence and article (store/query_events.py)."""
        from newsgraph.store import query_events

        with self._read() as conn:
            return query_events.events(conn, type=type, actor=actor, country=country, since=since, until=until,
                                       limit=limit, offset=offset)

    @_db_errors
    def event_groups(self, *, type=None, actor=None, country=None, since=None, until=None, min_sources=1,
                     limit=50) -> list[dict]:
        """One row per event told across articles (same type, actors, place and day), with how
        many articles and publishers report it."""
        from newsgraph.store import query_events

        with self._read() as conn:
            return query_events.grouped(conn, type=type, actor=actor, country=country, since=since, until=until,
                                        min_sources=min_sources, limit=limit)

    @_db_errors
    def event_timeline(self, *, type=None, actor=None, country=None, since=None, until=None, by="day") -> list[dict]:
        from newsgraph.store import query_events

        with self._read() as conn:
            return query_events.timeline(conn, type=type, actor=actor, country=country, since=since, until=until, by=by)

    @_db_errors
    def places(self, *, country=None, near=None, feature_code=None, limit=200) -> list[dict]:
        """Stored places grouped by GeoNames entry with their mentions (store/query_places.py);
        `near` is (lat, lon, km) or "LAT,LON,KM"."""
        from newsgraph.store import query_places

        if isinstance(near, str):
            near = query_places.parse_near(near)
        with self._read() as conn:
            return query_places.places(conn, country=country, near=near, feature_code=feature_code, limit=limit)

    @_db_errors
    def place_mentions(self, geonameid: int, *, limit=20) -> list[dict]:
        """Each stored mention of one GeoNames place, with its article and sentences."""
        from newsgraph.store import query_places
        from newsgraph.store.schema import articles as articles_table

        with self._read() as conn:
            return query_places.place_mentions(conn, geonameid, articles=articles_table, limit=limit)

    @_db_errors
    def speaker_tone(self, *, speaker=None, entity_id=None, by="month") -> list[dict]:
        """A speaker's tone per period, from the tone extractor's per-quote values (store/query_tone.py)."""
        from newsgraph.store import query_tone

        with self._read() as conn:
            return query_tone.speaker_tone(conn, speaker=speaker, entity_id=entity_id, by=by)

    @_db_errors
    def count_dates(self, *, type=None, article_id=None, limit=50, offset=0) -> list[dict]:
        """Counts with the date of their sentence (store/query_dates.py)."""
        from newsgraph.store import query_dates

        with self._read() as conn:
            return query_dates.count_dates(conn, type=type, article_id=article_id, limit=limit, offset=offset)

    @_db_errors
    def records(self, *, batch: int = 200) -> Iterator[Article]:
        """Every stored record, in id order, streamed."""
        with self._read() as conn:
            result = conn.execution_options(yield_per=batch).execute(
                select(articles.c.record).order_by(articles.c.id))
            for part in result.partitions():
                for (rec,) in part:
                    yield Article.from_json(rec)

    @_db_errors
    def export(self, dir: str | Path, *, format: str = "parquet") -> list[Path]:
        """One file per table in `dir` (parquet or jsonl; schema in docs/store.md), or, for a
        record format (newsgraph.writers: records, gkg, ...), one file of every stored record."""
        from newsgraph.store.export import TABLE_FORMATS, export, export_records

        if format not in TABLE_FORMATS:
            return export_records(self.records(), Path(dir), format=format)
        with self._read() as conn:
            return export(conn, Path(dir), format=format)
