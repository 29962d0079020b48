"""Database URLs -> SQLAlchemy engines, with the settings each backend needs.

SQLite runs in WAL mode with a busy timeout so one writer (ingest) and any number
of reader processes (the web server) never see "database is locked". Write
transactions start with BEGIN IMMEDIATE so that two writers queue on the busy
timeout instead of failing when a read lock cannot be upgraded.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

VALID_URLS = "sqlite:///PATH or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
BUSY_TIMEOUT_MS = 60_000


class URLError(ValueError):
    pass


def parse_url(url: str) -> URL:
    """A user's database URL -> SQLAlchemy URL with the driver newsgraph ships (psycopg 3)."""
    try:
        u = make_url(url)
    except (ArgumentError, ValueError):
        raise URLError(f"database URL {url!r} is malformed; valid: {VALID_URLS}") from None
    backend = u.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if u.get_driver_name() in ("psycopg2", "postgresql", "postgres") or "+" not in u.drivername:
            u = u.set(drivername="postgresql+psycopg")
        return u
    if backend == "sqlite":
        if not u.database or u.database == ":memory:":
            raise URLError(
                f"database URL {url!r} names no file; valid: {VALID_URLS} (in-memory databases are not shared)"
            )
        return u
    raise URLError(f"database URL {url!r} is not supported; valid: {VALID_URLS}")


def display(u: URL) -> str:
    return repr(u.render_as_string(hide_password=True).replace("+psycopg", ""))


def make_engine(u: URL) -> Engine:
    if u.get_backend_name() == "sqlite":
        parent = Path(u.database).expanduser().resolve().parent
        if not parent.is_dir():
            raise URLError(f"database {display(u)}: directory {str(parent)!r} does not exist")
        # Pooled: closing the last connection to a WAL database checkpoints and deletes the WAL
        # file, which made a connection per operation cost ~20 ms per article.
        engine = create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_events(engine)
        return engine
    return create_engine(u, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        # Take transaction control from pysqlite so BEGIN is ours (deferred or IMMEDIATE).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # WAL: a killed process loses no commit; only power loss may drop the last ones
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        immediate = conn.get_execution_options().get("newsgraph_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
