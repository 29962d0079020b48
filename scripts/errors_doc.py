"""Write docs/errors.md from newsgraph.errors.CODES: `python scripts/errors_doc.py`.
tests/test_registry.py fails when the file is not what this script writes."""

from __future__ import annotations

import sys
from pathlib import Path

GROUPS = [("E1", "Reading inputs (error records, `ingest_errors.code`)"), ("W1", "Reading inputs (warnings)"),
          ("R2", "Cleaning: removed lines (`removed[].code`)"), ("W2", "Cleaning (warnings)"),
          ("E3", "Extraction (raised errors, error records)"), ("W3", "Extraction (warnings, log lines)"),
          ("E4", "Store"), ("W4", "Store (warnings)"), ("E5", "Web")]

INTRO = """# Error, warning and removal codes

Every failure newsgraph reports carries a code (`src/newsgraph/errors.py`), in the spirit of
spaCy's errors module, so drops can be counted by code across a whole run:

- error records (`{source, error, code}`) and the store's `ingest_errors.code` column;
- warnings in a record start with the code in brackets: `"[W302] extractor 'places' failed on this article: ..."`;
- removed lines carry `code` beside `reason` (`{"text": "Follow us", "reason": "social prompt", "code": "R203"}`);
- raised errors (`newsgraph.errors.NewsgraphError` and its subclasses `ReadError`,
  `ExtractorError`, ...) have a `.code` attribute; the message is one line naming the input and what
  would be valid.

`newsgraph ingest` and `newsgraph load` end with the per-step statistics merged over every
worker and shard, by code: `clean: removed R201 photo caption 3, ...`, `errors: E102 ... 1`,
`quotes: facts 120, unattributed 4`, `places: failed 1`.

This file is written by `python scripts/errors_doc.py`; a test fails when a code is used in
the source but not in `CODES`, or when this file is stale.
"""


def render() -> str:
    from newsgraph.errors import CODES

    out = [INTRO]
    for prefix, title in GROUPS:
        rows = [f"| {c} | {m} |" for c, m in CODES.items() if c.startswith(prefix)]
        if rows:
            out += [f"## {title}", "", "| code | meaning |", "|---|---|", *rows, ""]
    return "\n".join(out)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    (Path(__file__).resolve().parents[1] / "docs" / "errors.md").write_text(render())
