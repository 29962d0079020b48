"""Jinja helpers the templates share: paging links, short text, thousands."""

from __future__ import annotations

from urllib.parse import urlencode

from jinja2 import Environment
from markupsafe import Markup, escape

from newsgraph.web.render import N_COLOURS


def with_query(params: dict, **changes) -> str:
    """`?a=1&page=2` from the current filters with some changed; empty values dropped."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "", [])}, doseq=True)


def shorten(text: str | None, width: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def http_url(url: str | None) -> bool:
    """Only http(s) addresses become links: a `javascript:` URL in an article's metadata must stay text."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


def highlight(text: str | None, spans: list[list[int]] | None) -> Markup:
    """`text` escaped, with each [start, end] of `spans` in <mark>: a search's matches in a snippet."""
    text, out, at = text or "", [], 0
    for start, end in sorted(spans or []):
        if start < at:
            continue
        out += [escape(text[at:start]), Markup('<mark class="hit">'), escape(text[start:end]), Markup("</mark>")]
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def install(env: Environment) -> None:
    env.globals["with_query"] = with_query
    env.globals["N_COLOURS"] = N_COLOURS
    env.filters["shorten"] = shorten
    env.filters["http_url"] = http_url
    env.filters["highlight"] = highlight
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else (n if n is not None else "")
