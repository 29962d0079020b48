"""Records as JSON: one per line (jsonl), or indented (json), as `newsgraph analyze` prints them."""

from __future__ import annotations

from typing import IO

from newsgraph.writers import BaseWriter, Record


class JsonlWriter(BaseWriter):
    suffix = "jsonl"
    filename = "records.jsonl"

    def __init__(self, stream: IO[str], *, flush: bool = True, indent: int | None = None):
        super().__init__()
        self.stream, self.flush, self.indent = stream, flush, indent

    def write(self, record: Record) -> None:
        self.stream.write(record.to_json(indent=self.indent) + "\n")
        if self.flush:
            self.stream.flush()
        self.written += 1


class JsonWriter(JsonlWriter):
    suffix = "json"
    filename = "records.json"

    def __init__(self, stream: IO[str], *, flush: bool = False):
        super().__init__(stream, flush=flush, indent=2)
