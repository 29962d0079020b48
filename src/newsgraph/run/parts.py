"""Parquet parts: one file per finished shard, written where every worker and the loader can reach.

PARTS_DIR/part-NNNNN-HASH.parquet holds a shard's records in input order, one row
each: `seq`, `kind` ("article" or "error"), `id` (the article id; null for an
error), `path` (the input), `record` (the record's JSON, as `newsgraph analyze` prints
it). A part is written under a dot-named temporary name and renamed when complete:
the rename is the completion marker, so a killed worker leaves no part (only a
temporary file, ignored, and removed when the shard is written again) and a rerun
skips every shard whose part exists.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.article import Article, ErrorRecord, Source
from newsgraph.run.task import Record, Shard

__all__ = ["PartsError", "finished", "iter_parts", "part_path", "write_part", "record_from_json", "part_stats", "SCHEMA"]

from newsgraph.writers.parts import ROWS_PER_GROUP, SCHEMA, PartWriter  # noqa: E402


class PartsError(ValueError):
    pass


def part_path(parts_dir: str | Path, shard: Shard) -> Path:
    return Path(parts_dir) / f"{shard.name}.parquet"


def finished(parts_dir: str | Path, shard: Shard) -> bool:
    return part_path(parts_dir, shard).is_file()


def write_part(parts_dir: str | Path, shard: Shard, records: Iterable[Record]) -> dict[str, int]:
    """Stream a shard's records into its part; returns {"articles": n, "errors": m}."""
    final = part_path(parts_dir, shard)
    final.parent.mkdir(parents=True, exist_ok=True)
    for stale in final.parent.glob(f".{final.stem}.*.tmp"):  # left by a worker killed mid-write
        stale.unlink(missing_ok=True)
    tmp = final.with_name(f".{final.stem}.{uuid.uuid4().hex[:8]}.tmp")
    meta = {b"newsgraph.shard": json.dumps({"index": shard.index, "paths": list(shard.paths)}).encode()}
    writer = PartWriter(tmp, metadata=meta)
    try:
        for record in records:
            writer.write(record)
        writer.close()
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {**writer.counts, "stats": dict(writer.stats)}


def part_stats(part: str | Path) -> dict[str, int]:
    """The per-step statistics a part's writer stored in its footer."""
    kv = pq.ParquetFile(part).metadata.metadata or {}
    raw = kv.get(b"newsgraph.stats")
    return json.loads(raw) if raw else {}


def iter_parts(parts_dir: str | Path) -> Iterator[Record]:
    """Every record of every finished part, parts in shard order, rows in input order."""
    directory = Path(parts_dir)
    if not directory.is_dir():
        raise PartsError(f"cannot load {str(parts_dir)!r}: not a directory; valid: the PARTS_DIR an ingest --dask run wrote")
    parts = sorted(directory.glob("part-*.parquet"))
    if not parts:
        raise PartsError(f"cannot load {str(parts_dir)!r}: no part-*.parquet files in it; valid: the PARTS_DIR an ingest --dask run wrote")
    for part in parts:
        try:
            pf = pq.ParquetFile(part)
        except (pa.ArrowException, OSError) as e:
            raise PartsError(f"cannot load {str(part)!r}: not a readable Parquet part ({e})") from None
        for batch in pf.iter_batches(batch_size=ROWS_PER_GROUP, columns=["kind", "record"]):
            for kind, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
                yield record_from_json(text, kind=kind)


def record_from_json(text: str, *, kind: str = "article") -> Record:
    d = json.loads(text)
    if kind == "error":
        return ErrorRecord.from_dict(d)
    return Article.from_dict(d)
