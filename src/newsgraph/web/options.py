"""The web server's limits and address, with documented defaults (docs/web.md).

| option           | env var                    | default   | meaning |
|------------------|----------------------------|-----------|---------|
| host             | NEWSGRAPH_WEB_HOST         | 127.0.0.1 | address to bind; only this machine can connect by default |
| port             | NEWSGRAPH_WEB_PORT         | 8000      | TCP port |
| max_body_bytes   | NEWSGRAPH_WEB_MAX_BODY     | 2000000   | a request body larger than this gets 413 |
| analyze_timeout  | NEWSGRAPH_WEB_TIMEOUT      | 60        | seconds one analysis may take (queue wait included) before the request gets 503 |
| page_size        | NEWSGRAPH_WEB_PAGE_SIZE    | 50        | rows per page in the HTML lists |

The spaCy model and the store URL come from `newsgraph.settings.Settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class WebOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 2_000_000
    analyze_timeout: int = 60
    page_size: int = 50

    @staticmethod
    def env_var(name: str) -> str:
        """The environment variable of an option (documented in docs/web.md)."""
        short = {"max_body_bytes": "MAX_BODY", "analyze_timeout": "TIMEOUT"}
        return f"NEWSGRAPH_WEB_{short.get(name, name.upper())}"

    @classmethod
    def from_env(cls, **overrides) -> "WebOptions":
        """Defaults, then NEWSGRAPH_WEB_* environment variables, then explicit overrides (None ignored)."""
        values: dict[str, object] = {}
        for f in fields(cls):
            var = cls.env_var(f.name)
            raw = os.environ.get(var)
            if not raw:
                continue
            if f.type in ("int", int):
                try:
                    value = int(raw)
                except ValueError:
                    raise ValueError(f"{var}={raw!r} is not valid: expected a positive integer") from None
                if value <= 0:
                    raise ValueError(f"{var}={raw!r} is not valid: expected a positive integer")
                values[f.name] = value
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)
