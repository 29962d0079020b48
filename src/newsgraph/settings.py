"""All options in one object, with documented defaults, overridable by environment.

| setting     | env var               | default                 | meaning |
|-------------|-----------------------|-------------------------|---------|
| model       | NEWSGRAPH_MODEL       | en_core_web_sm          | any installed spaCy English pipeline (en_core_web_sm/md/lg/trf) |
| max_bytes   | NEWSGRAPH_MAX_BYTES   | 10000000 (10 MB)        | larger single articles (text/HTML files, JSONL lines) are refused |
| batch_size  | NEWSGRAPH_BATCH_SIZE  | 32                      | articles per nlp.pipe batch |
| db          | NEWSGRAPH_DB          | sqlite:///newsgraph.db  | store URL (sqlite:///PATH or postgresql://...) |
| extractors  | NEWSGRAPH_EXTRACTORS  | (empty: all registered) | comma-separated extractors to run; the ones they need are added |

Archives (WARC, JSONL) are streamed and have no size limit; `max_bytes` applies
to each article inside them.

Each extractor's options are settings too: NEWSGRAPH_<EXTRACTOR>_<OPTION>, with the
defaults and meanings that `newsgraph extractors` lists (docs/extractors.md).
`Settings.options(name)` gives an extractor's values; `Settings.from_env(...,
options={"quotes": {"nested": False}})` overrides them in code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm"
    max_bytes: int = 10_000_000
    batch_size: int = 32
    db: str = "sqlite:///newsgraph.db"
    extractors: str = ""
    # Per-extractor option overrides given in code (env overrides are read by options()).
    extractor_options: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_env(cls, *, options: dict[str, dict[str, Any]] | None = None, **overrides) -> "Settings":
        """Defaults, then NEWSGRAPH_* environment variables, then explicit overrides (None ignored)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extractor_options":
                continue
            raw = os.environ.get(f"NEWSGRAPH_{f.name.upper()}")
            if raw:
                try:
                    values[f.name] = int(raw) if f.type in ("int", int) else raw
                except ValueError:
                    raise ValueError(
                        f"NEWSGRAPH_{f.name.upper()}={raw!r} is not valid: expected an integer"
                    ) from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        if options:
            values["extractor_options"] = options
        return replace(cls(), **values)

    def options(self, extractor: str) -> dict[str, Any]:
        """An extractor's option values: its defaults, NEWSGRAPH_<NAME>_<OPTION>, then code overrides."""
        from newsgraph.extract.registry import get

        return get(extractor).option_values(overrides=self.extractor_options.get(extractor))

    def selected(self) -> list[str] | None:
        """The extractors asked for by NEWSGRAPH_EXTRACTORS / --extractors; None for all."""
        names = [n.strip() for n in self.extractors.split(",") if n.strip()]
        return names or None


# Every setting with its documentation line; a test checks that each field is documented
# here and in the README.
DOCUMENTED = {
    "model": "any installed spaCy English pipeline",
    "max_bytes": "size limit of one article",
    "batch_size": "articles per nlp.pipe batch",
    "db": "store URL",
    "extractors": "extractors to run",
}
