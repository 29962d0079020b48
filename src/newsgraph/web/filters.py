"""Jinja helpers the templates share: paging links, short text, thousands."""

from __future__ import annotations

from urllib.parse import urlencode

from jinja2 import Environment

from newsgraph.web.render import N_COLOURS


def with_query(params: dict, **changes) -> str:
    """`?a=1&page=2` from the current filters with some changed; empty values dropped."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def shorten(text: str | None, width: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def http_url(url: str | None) -> bool:
    """Only http(s) addresses become links: a `javascript:` URL in an article's metadata must stay text."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


def install(env: Environment) -> None:
    env.globals["with_query"] = with_query
    env.globals["N_COLOURS"] = N_COLOURS
    env.filters["shorten"] = shorten
    env.filters["http_url"] = http_url
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else (n if n is not None else "")
