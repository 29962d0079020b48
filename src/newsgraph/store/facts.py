"""Tables derived from the registered extractors' fact dataclasses, and their rows.

Every extractor that is not one of the core three (entities, quotes and counts have
hand-made tables with canonical entities and full-text search) gets a table named
after it, with one row per fact:

    id           integer primary key
    article_id   the article
    seq          the fact's index in the article's list (0 for a one-fact extractor)
    ...          one or more columns per field of the dataclass:
      str/int/float/bool   a column of the same name and type
      Span                 NAME_start, NAME_end
      EntityRef            NAME (the article's local id, "e3") and NAME_id (entities.id)
      nested dataclass     its fields, flattened with the prefix NAME_ ("geo_lat")
      anything else        NAME, as JSON text (lists, dicts, lists of spans)

Each table has a schema version (the extractor's `schema_version`, kept in `meta` as
`extractor.NAME.schema`). Opening a store creates a missing table; a table of an older
version gains the columns its dataclass added (the generic migration: fields are added,
never renamed, like the record's); a table written by a newer version of the extractor
is refused, as a newer core schema is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from types import UnionType
from typing import Any, Iterator, Union, get_args, get_origin, get_type_hints

from sqlalchemy import (
    Boolean, Column, Connection, Float, ForeignKey, Integer, MetaData, String, Table, Text, inspect,
    select,
)

from newsgraph.article import Article, EntityRef, Span
from newsgraph.extract.registry import Extractor, generic
from newsgraph.store.schema import SchemaError, meta

__all__ = ["FactColumn", "columns_of", "table_of", "ensure_tables", "rows_of", "fact_tables", "decode_row"]

metadata = MetaData()  # separate from the core schema: these tables follow the registry


@dataclass(frozen=True)
class FactColumn:
    name: str  # column name
    path: tuple[str, ...]  # attribute path in the fact ("geo", "lat")
    kind: str  # scalar | start | end | ref | ref_id | json
    sql: Any  # SQLAlchemy type
    py: Any = None  # the Python type (for the export's Arrow type)


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """X | None -> (X, True)."""
    if get_origin(tp) in (Union, UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


_SCALARS = {str: Text, int: Integer, float: Float, bool: Boolean}


@lru_cache(maxsize=None)
def columns_of(fact: type, prefix: str = "", path: tuple[str, ...] = ()) -> tuple[FactColumn, ...]:
    hints = get_type_hints(fact)
    out: list[FactColumn] = []
    for f in fields(fact):
        if f.metadata.get("record") is False:
            continue
        tp, _ = _unwrap(hints[f.name])
        name, p = prefix + f.name, path + (f.name,)
        if tp is EntityRef:
            out += [FactColumn(name, p, "ref", String(64), str), FactColumn(name + "_id", p, "ref_id", Integer, int)]
        elif tp == Span:
            out += [FactColumn(name + "_start", p, "start", Integer, int), FactColumn(name + "_end", p, "end", Integer, int)]
        elif is_dataclass(tp):
            out += columns_of(tp, name + "_", p)
        elif tp in _SCALARS:
            out.append(FactColumn(name, p, "scalar", _SCALARS[tp](), tp))
        else:
            out.append(FactColumn(name, p, "json", Text(), tp))
    return tuple(out)


_TABLES: dict[str, Table] = {}


def table_of(ex: Extractor) -> Table:
    """The extractor's table (built once per process)."""
    t = _TABLES.get(ex.name)
    if t is None:
        cols = [Column("id", Integer, primary_key=True, autoincrement=True),
                Column("article_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
                Column("seq", Integer, nullable=False)]
        for c in columns_of(ex.fact):
            if c.kind == "ref_id":
                cols.append(Column(c.name, Integer, ForeignKey("entities.id"), index=True))
            else:
                cols.append(Column(c.name, c.sql))
        t = _TABLES[ex.name] = Table(ex.name, metadata, *cols)
    return t


def fact_tables() -> list[tuple[Extractor, Table]]:
    return [(ex, table_of(ex)) for ex in generic()]


def _version_key(name: str) -> str:
    return f"extractor.{name}.schema"


def ensure_tables(conn: Connection, db_name: str) -> None:
    """Create or migrate every registered extractor's table (inside the caller's transaction)."""
    from newsgraph.store.schema import articles, entities  # noqa: F401  (the foreign keys' targets)

    insp = inspect(conn)
    for ex, table in fact_tables():
        key = _version_key(ex.name)
        stored = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
        if not insp.has_table(table.name):
            _create(conn, table)
            _set_version(conn, key, ex.schema_version, stored is None)
            continue
        found = int(stored) if stored is not None else 0
        if found > ex.schema_version:
            raise SchemaError(
                f"database {db_name} has the {ex.name!r} table at schema version {found}, written by a newer "
                f"version of that extractor; this one ({ex.package}) writes version {ex.schema_version}: upgrade it")
        if found < ex.schema_version:
            have = {c["name"] for c in insp.get_columns(table.name)}
            for col in table.columns:
                if col.name not in have:
                    ddl = col.type.compile(dialect=conn.dialect)
                    conn.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN "{col.name}" {ddl}')
            _set_version(conn, key, ex.schema_version, stored is None)


def _create(conn: Connection, table: Table) -> None:
    # The foreign keys name the core tables, which live in the core MetaData.
    import newsgraph.store.schema as schema

    for t in (schema.articles, schema.entities):
        if t.name not in metadata.tables:
            t.to_metadata(metadata)
    table.create(conn, checkfirst=True)


def _set_version(conn: Connection, key: str, version: int, new: bool) -> None:
    if new:
        conn.execute(meta.insert().values(key=key, value=str(version)))
    else:
        conn.execute(meta.update().where(meta.c.key == key).values(value=str(version)))


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for p in path:
        if obj is None:
            return None
        obj = getattr(obj, p, None) if not isinstance(obj, dict) else obj.get(p)
    return obj


def rows_of(ex: Extractor, article: Article, local: dict[str, int]) -> list[dict]:
    """The table rows of one article's facts; `local` maps the article's entity ids to entities.id."""
    facts = article.facts.get(ex.name)
    if facts is None:
        return []
    items = facts if ex.many else [facts]
    cols = columns_of(ex.fact)
    out = []
    for seq, fact in enumerate(items):
        row: dict[str, Any] = {"article_id": article.id, "seq": seq}
        for c in cols:
            v = _get(fact, c.path)
            if c.kind == "start":
                v = v[0] if v is not None else None
            elif c.kind == "end":
                v = v[1] if v is not None else None
            elif c.kind == "ref_id":
                v = local.get(v) if v is not None else None
            elif c.kind == "json":
                v = json.dumps(_plain(v), ensure_ascii=False) if v is not None else None
            elif c.kind == "scalar" and c.py is str and v is not None:
                v = str(v)
            row[c.name] = v
        out.append(row)
    return out


def _plain(v: Any) -> Any:
    from newsgraph.article import _plain as plain

    return plain(v)


def decode_row(ex: Extractor, row: dict) -> dict:
    """A row as the API gives it: JSON columns decoded."""
    out = dict(row)
    for c in columns_of(ex.fact):
        if c.kind == "json" and out.get(c.name) is not None:
            out[c.name] = json.loads(out[c.name])
        elif c.kind == "scalar" and c.py is bool and out.get(c.name) is not None:
            out[c.name] = bool(out[c.name])
    return out


def filter_columns(ex: Extractor) -> dict[str, FactColumn]:
    """The columns a query may filter on: the declared `filters` (a field name or a flattened
    column name such as geo_country_code)."""
    cols = {c.name: c for c in columns_of(ex.fact) if c.kind in ("scalar", "ref", "ref_id")}
    out = {}
    for f in ex.filters:
        if f in cols:
            out[f] = cols[f]
    return out


def iter_rows(conn: Connection, table: Table, batch: int) -> Iterator[list[dict]]:
    result = conn.execution_options(yield_per=batch).execute(select(table).order_by(table.c.id))
    for part in result.partitions():
        yield [dict(r._mapping) for r in part]
