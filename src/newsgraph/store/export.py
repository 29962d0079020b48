"""Tables -> one Parquet or JSONL file each, typed so DuckDB, pandas and Spark read them as is.

Rows are streamed in batches, so exporting a large store needs little memory.
JSON-in-a-column values (byline, spans) become real lists; `articles.record` (the
full JSON record, which duplicates the other tables) is left out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Boolean, Connection, Float, Integer, select

from newsgraph.store.facts import columns_of, fact_tables
from newsgraph.store.schema import TABLES

TABLE_FORMATS = ("parquet", "jsonl")


def formats() -> list[str]:
    """Every `export --format`: the table dumps, then the record writers (records = JSONL records)."""
    from newsgraph.writers import WRITERS

    return [*TABLE_FORMATS, "records", *(f for f in WRITERS if f not in ("jsonl", "json", "parquet-part"))]


def export_records(records, out: Path, *, format: str) -> list[Path]:
    """Stream records through a writer of newsgraph.writers into one file in `out`."""
    from newsgraph.writers import open_writer, writer_class

    if format not in formats():
        raise ValueError(f"export format {format!r} is not supported; valid: {', '.join(formats())}")
    if out.exists() and not out.is_dir():
        raise ValueError(f"cannot export to {str(out)!r}: not a directory")
    out.mkdir(parents=True, exist_ok=True)
    fmt = "jsonl" if format == "records" else format
    path = out / writer_class(fmt).filename
    with open(path, "w", encoding="utf-8", newline="") as f, open_writer(fmt, f) as w:
        for r in records:
            w.write(r)
    return [path]
BATCH = 5000
_SKIP = {("articles", "record")}
_LISTS = {
    ("articles", "byline"): pa.list_(pa.string()),
    ("quotes", "spans"): pa.list_(pa.list_(pa.int64())),
}


def _fact_lists() -> dict:
    """List-valued fact columns become real Arrow lists: list[str], list[Span]."""
    from newsgraph.article import Span

    out = {}
    for ex, table in fact_tables():
        for c in columns_of(ex.fact):
            if c.kind == "json":
                if c.py == list[str]:
                    out[(table.name, c.name)] = pa.list_(pa.string())
                elif c.py == list[Span]:
                    out[(table.name, c.name)] = pa.list_(pa.list_(pa.int64()))
    return out


def arrow_schema(table) -> pa.Schema:
    lists = {**_LISTS, **_fact_lists()}
    out = []
    for col in table.columns:
        if (table.name, col.name) in _SKIP:
            continue
        t = lists.get((table.name, col.name))
        if t is None:
            t = (pa.int64() if isinstance(col.type, Integer) else pa.bool_() if isinstance(col.type, Boolean)
                 else pa.float64() if isinstance(col.type, Float) else pa.string())
        out.append(pa.field(col.name, t, nullable=bool(col.nullable) and not col.primary_key))
    return pa.schema(out)


def export(conn: Connection, out: Path, *, format: str = "parquet") -> list[Path]:
    if format not in TABLE_FORMATS:
        raise ValueError(f"export format {format!r} is not supported; valid: {', '.join(formats())}")
    if out.exists() and not out.is_dir():
        raise ValueError(f"cannot export to {str(out)!r}: not a directory")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in [*TABLES, *(t for _, t in fact_tables())]:
        schema = arrow_schema(table)
        path = out / f"{table.name}.{format}"
        batches = _batches(conn, table, schema)
        if format == "parquet":
            with pq.ParquetWriter(path, schema) as w:
                wrote = False
                for rows in batches:
                    w.write_table(pa.Table.from_pylist(rows, schema=schema))
                    wrote = True
                if not wrote:
                    w.write_table(schema.empty_table())
        else:
            with open(path, "w", encoding="utf-8") as f:
                for rows in batches:
                    f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        paths.append(path)
    return paths


def _batches(conn: Connection, table, schema: pa.Schema) -> Iterator[list[dict]]:
    names = schema.names
    cols = [table.c[n] for n in names]
    lists = {**_LISTS, **_fact_lists()}
    decode = [n for n in names if (table.name, n) in lists]
    result = conn.execution_options(yield_per=BATCH).execute(select(*cols).order_by(*table.primary_key.columns))
    for part in result.partitions():
        rows = [dict(zip(names, r)) for r in part]
        for r in rows:
            for n in decode:
                r[n] = json.loads(r[n]) if r[n] is not None else None
        yield rows
