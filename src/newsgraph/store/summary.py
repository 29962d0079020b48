"""What an ingest did: counts, errors and per-step statistics, merged across workers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsgraph.article import ErrorRecord


@dataclass
class IngestSummary:
    ingested: int = 0
    skipped: int = 0  # already stored (same content hash)
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    # Per-step statistics merged over every record (and worker, and shard): lines removed
    # by reason code, facts per extractor, extractor failures, errors by code, ...
    stats: Counter = field(default_factory=Counter)

    def count(self, rec) -> None:
        if isinstance(rec, ErrorRecord):
            self.stats[f"errors.{rec.code or 'E100'}"] += 1
        else:
            self.stats.update(rec.stats)

    @property
    def seen(self) -> int:
        return self.ingested + self.skipped + self.failed
