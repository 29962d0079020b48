"""The store's tables (SQLAlchemy Core) and numbered schema migrations.

The schema version lives in `meta`; `migrate` brings an older database up to
SCHEMA_VERSION one numbered step at a time and refuses a database written by a
newer newsgraph. docs/store.md documents every table.
"""

from __future__ import annotations

from typing import Callable

from sqlalchemy import (
    Boolean, Column, Connection, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
    UniqueConstraint, inspect, select, text,
)

SCHEMA_VERSION = 2  # 2: error codes; quotes' sentence and speaker confidence/kind; counts.kind, part_of, mentions

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),  # article_id(text): the content hash
    Column("path", Text),
    Column("url", Text),
    Column("format", String(16)),
    Column("title", Text),
    Column("byline", Text),  # JSON list
    Column("dateline", Text),
    Column("publisher", Text),
    Column("published", Text),  # as the input gave it (ISO 8601)
    Column("published_day", String(10), index=True),  # YYYY-MM-DD when `published` starts with a date
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("n_entities", Integer, nullable=False),
    Column("n_quotes", Integer, nullable=False),
    Column("n_counts", Integer, nullable=False),
    Column("record", Text, nullable=False),  # the full Article JSON: `show` returns exactly this
    Column("ingested_at", String(32), nullable=False),
)

# Canonical across articles: one row per (type, normalised name).
entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(32), nullable=False),
    Column("key", String(512), nullable=False),  # normalised canonical name
    Column("surname", String(256)),  # PERSON: last token of key, for surname-only matching
    Column("name", Text, nullable=False),
    # Running totals kept by every insert and delete, so ranking never aggregates the link tables.
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("n_quotes", Integer, nullable=False, default=0),
    UniqueConstraint("type", "key", name="uq_entities_type_key"),
    Index("ix_entities_rank", "n_quotes", "n_mentions"),
    Index("ix_entities_type_surname", "type", "surname"),
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("entity_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("alias", String(512), primary_key=True),
)

entity_titles = Table(
    "entity_titles", metadata,
    Column("entity_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("title", String(512), primary_key=True),
)

# An article's entity (Entity.id, local to the article) -> the canonical entity.
article_entities = Table(
    "article_entities", metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("local_id", String(64), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("n_mentions", Integer, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # position in Article.quotes
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("spans", Text, nullable=False),  # JSON [[start, end], ...]
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker_name", Text),
    Column("speaker_entity_id", Integer, ForeignKey("entities.id"), index=True),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("sentence", Text),  # the sentence(s) around the quote, from the parse (schema v2)
    Column("speaker_confidence", Float),  # the speaker model's calibrated probability (schema v2)
    Column("speaker_kind", String(16)),  # person | organisation | group | document | unnamed (schema v2)
)

# Every speaker of a quote (several for "The U.S. and British diplomats said"), first included.
quote_speakers = Table(
    "quote_speakers", metadata,
    Column("quote_id", Integer, ForeignKey("quotes.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), index=True),
)

counts = Table(
    "counts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("approximate", Boolean, nullable=False),
    Column("object", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),  # the sentence around the count, for display
    # Added in version 2 (issue 12): incident | total | statistic; the count it is part of
    # (its seq); every span of the same figure, as JSON [[start, end], ...] (null when one).
    Column("kind", String(16), nullable=False, server_default="incident", index=True),
    Column("part_of", Integer, nullable=True),
    Column("mentions", Text, nullable=True),
)

ingest_errors = Table(
    "ingest_errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_key", Text, nullable=False, index=True),  # path#url: a rerun replaces the row
    Column("path", Text),
    Column("url", Text),
    Column("format", String(16)),
    Column("error", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("code", String(8), index=True),  # newsgraph.errors.CODES (schema v2)
)

# Export order: parents before children.
TABLES = [articles, entities, entity_aliases, entity_titles, article_entities, mentions,
          quotes, quote_speakers, counts, ingest_errors]


class SchemaError(Exception):
    """The database's schema cannot be used by this newsgraph."""


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=TABLES)
    if conn.dialect.name == "sqlite":
        # External-content FTS5 index over quotes.text, kept in step by triggers.
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN "
            "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN "
            "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
        )
    else:
        conn.exec_driver_sql(
            "ALTER TABLE quotes ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_quotes_tsv ON quotes USING gin (tsv)")


def _v2(conn: Connection) -> None:
    """v2: error codes on ingest errors; sentences and speaker confidence/kind on quotes;
    counts.kind, part_of, mentions. A fresh database got the columns from v1's create_all."""
    cols = {c["name"] for c in inspect(conn).get_columns("ingest_errors")}
    if "code" not in cols:
        conn.exec_driver_sql("ALTER TABLE ingest_errors ADD COLUMN code VARCHAR(8)")
        conn.exec_driver_sql("CREATE INDEX ix_ingest_errors_code ON ingest_errors (code)")
    quote_cols = {c["name"] for c in inspect(conn).get_columns("quotes")}
    for name, ddl in (("sentence", "TEXT"), ("speaker_confidence", "FLOAT"), ("speaker_kind", "VARCHAR(16)")):
        if name not in quote_cols:
            conn.exec_driver_sql(f"ALTER TABLE quotes ADD COLUMN {name} {ddl}")
    have = {c["name"] for c in inspect(conn).get_columns("counts")}
    for name, ddl in (("kind", "VARCHAR(16) NOT NULL DEFAULT 'incident'"), ("part_of", "INTEGER"),
                      ("mentions", "TEXT")):
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE counts ADD COLUMN {name} {ddl}")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_counts_kind ON counts (kind)")


# MIGRATIONS[n] turns a version n-1 database into version n.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1, 2: _v2}


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "meta"):
        return 0
    v = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return int(v) if v is not None else 0


def migrate(conn: Connection, name: str) -> int:
    """Bring the schema up to SCHEMA_VERSION inside the caller's transaction; returns the old version."""
    if conn.dialect.name == "postgresql":
        # Two processes opening a fresh database at once must not both create the tables.
        conn.execute(text("SELECT pg_advisory_xact_lock(7310472)"))
    found = current_version(conn)
    if found > SCHEMA_VERSION:
        raise SchemaError(
            f"database {name} has schema version {found}, written by a newer newsgraph; "
            f"this one reads versions up to {SCHEMA_VERSION}: upgrade newsgraph"
        )
    if found == SCHEMA_VERSION:
        return found
    if found == 0:
        meta.create(conn, checkfirst=True)
    for v in range(found + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[v](conn)
    if found == 0:
        conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
    else:
        conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))
    return found
