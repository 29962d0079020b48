"""The web server's limits and address, with documented defaults (docs/web.md).

| option           | env var                    | default   | meaning |
|------------------|----------------------------|-----------|---------|
| host             | NEWSGRAPH_WEB_HOST         | 127.0.0.1 | address to bind; only this machine can connect by default |
| port             | NEWSGRAPH_WEB_PORT         | 8000      | TCP port |
| max_body_bytes   | NEWSGRAPH_WEB_MAX_BODY     | 2000000   | a request body larger than this gets 413 |
| analyze_timeout  | NEWSGRAPH_WEB_TIMEOUT      | 60        | seconds one analysis may take (queue wait included) before the request gets 503 |
| page_size        | NEWSGRAPH_WEB_PAGE_SIZE    | 50        | rows per page in the HTML lists |
| workers          | NEWSGRAPH_WEB_WORKERS      | 1         | analysis worker processes (each loads the model, ~0.5 GB); a timed-out one is killed and replaced |
| queue            | NEWSGRAPH_WEB_QUEUE        | 8         | analyses that may wait for a worker; more get 503 at once |
| allowed_hosts    | NEWSGRAPH_WEB_ALLOWED_HOSTS| (empty)   | comma-separated host names served besides the bound address, localhost and IP literals; `*` for any |
| allowed_origins  | NEWSGRAPH_WEB_ALLOWED_ORIGINS | (empty) | comma-separated origins (https://app.example) allowed to POST besides the server's own |
| api_token        | NEWSGRAPH_API_TOKEN        | (empty)   | when set, storing (POST /api/articles, the Analyse page's store) needs `Authorization: Bearer TOKEN` |
| max_url_bytes    | NEWSGRAPH_WEB_MAX_URL      | 8192      | a longer request line (path and query string) gets 414 |
| max_header_bytes | NEWSGRAPH_WEB_MAX_HEADERS  | 32768     | larger request headers get 431 |

The spaCy model and the store URL come from `newsgraph.settings.Settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace


@dataclass(frozen=True)
class WebOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 2_000_000
    analyze_timeout: int = 60
    page_size: int = 50
    workers: int = 1
    queue: int = 8
    allowed_hosts: str = ""
    allowed_origins: str = ""
    api_token: str = field(default="", repr=False)
    max_url_bytes: int = 8192
    max_header_bytes: int = 32768

    @staticmethod
    def env_var(name: str) -> str:
        """The environment variable of an option (documented in docs/web.md)."""
        if name == "api_token":
            return "NEWSGRAPH_API_TOKEN"
        short = {"max_body_bytes": "MAX_BODY", "analyze_timeout": "TIMEOUT", "max_url_bytes": "MAX_URL",
                 "max_header_bytes": "MAX_HEADERS"}
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
                if value <= 0 and not (f.name == "queue" and value == 0):
                    raise ValueError(f"{var}={raw!r} is not valid: expected a positive integer")
                values[f.name] = value
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    def hosts(self) -> set[str]:
        """The configured extra host names, lower-cased ('*' allows any)."""
        return {h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip()}

    def origins(self) -> set[str]:
        return {o.strip().rstrip("/").lower() for o in self.allowed_origins.split(",") if o.strip()}
