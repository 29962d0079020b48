"""All options in one object, with documented defaults, overridable by environment.

| setting     | env var               | default                 | meaning |
|-------------|-----------------------|-------------------------|---------|
| model       | NEWSGRAPH_MODEL       | en_core_web_sm          | any installed spaCy English pipeline (en_core_web_sm/md/lg/trf) |
| max_bytes   | NEWSGRAPH_MAX_BYTES   | 10000000 (10 MB)        | larger single articles (text/HTML files, JSONL lines) are refused |
| batch_size  | NEWSGRAPH_BATCH_SIZE  | 32                      | articles per nlp.pipe batch |
| db          | NEWSGRAPH_DB          | sqlite:///newsgraph.db  | store URL (sqlite:///PATH or postgresql://...) |

Archives (WARC, JSONL) are streamed and have no size limit; `max_bytes` applies
to each article inside them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm"
    max_bytes: int = 10_000_000
    batch_size: int = 32
    db: str = "sqlite:///newsgraph.db"

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Defaults, then NEWSGRAPH_* environment variables, then explicit overrides (None ignored)."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"NEWSGRAPH_{f.name.upper()}")
            if raw:
                try:
                    values[f.name] = int(raw) if f.type in ("int", int) else raw
                except ValueError:
                    raise ValueError(
                        f"NEWSGRAPH_{f.name.upper()}={raw!r} is not valid: expected an integer"
                    ) from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)
