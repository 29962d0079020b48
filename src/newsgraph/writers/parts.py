"""Records into one Parquet part: the file a Dask shard leaves (run/parts.py names and
renames it). One row per record: `seq`, `kind` ("article" or "error"), `id` (the article
id; null for an error), `path` (the input), `record` (the record's JSON)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.article import Article
from newsgraph.writers import BaseWriter, Record

SCHEMA = pa.schema([
    ("seq", pa.int64()),
    ("kind", pa.string()),
    ("id", pa.string()),
    ("path", pa.string()),
    ("record", pa.string()),
])
ROWS_PER_GROUP = 256  # a row group per few hundred records: a huge shard never sits in memory


class PartWriter(BaseWriter):
    suffix = "parquet"

    def __init__(self, path: str | Path, *, metadata: dict[bytes, bytes] | None = None):
        super().__init__()
        self.path = Path(path)
        self.metadata = dict(metadata or {})
        self.counts = {"articles": 0, "errors": 0}
        self.stats: Counter = Counter()  # per-step statistics of the part's articles
        self._rows: list[dict] = []
        self._writer: pq.ParquetWriter | None = None

    def _open(self, extra: dict[bytes, bytes] | None = None) -> pq.ParquetWriter:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, SCHEMA.with_metadata({**self.metadata, **(extra or {})}))
        return self._writer

    def write(self, record: Record) -> None:
        is_article = isinstance(record, Article)
        self.counts["articles" if is_article else "errors"] += 1
        if is_article:
            self.stats.update(record.stats)
        else:
            self.stats[f"errors.{record.code or 'E100'}"] += 1
        self._rows.append({"seq": self.written, "kind": "article" if is_article else "error",
                           "id": record.id if is_article else None,
                           "path": record.source.path, "record": record.to_json()})
        self.written += 1
        if len(self._rows) >= ROWS_PER_GROUP:
            self._open().write_table(pa.Table.from_pylist(self._rows, SCHEMA))
            self._rows = []

    def close(self) -> None:
        # The statistics go in the footer; Parquet writes its schema metadata at open, so a
        # part is opened lazily (at the first full row group or here) and the footer-level
        # key-value metadata carries the final statistics.
        w = self._open()
        # An empty table still writes the schema: a shard of unreadable files is finished too.
        w.write_table(pa.Table.from_pylist(self._rows, SCHEMA))
        self._rows = []
        w.add_key_value_metadata({b"newsgraph.stats": json.dumps(dict(self.stats)).encode()})
        w.close()
