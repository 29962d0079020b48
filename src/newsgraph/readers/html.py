"""HTML -> main text and metadata (placeholder: trafilatura defaults; issue 5 refines)."""

from __future__ import annotations

from dataclasses import replace

import trafilatura

from newsgraph.readers.base import RawArticle, ReadError


def extract_html(raw: RawArticle) -> RawArticle:
    text = trafilatura.extract(raw.html or "", include_comments=False)
    if not text:
        raise ReadError(f"cannot read {raw.source.path or raw.source.url!r}: no article text found in the HTML")
    return replace(raw, text=text)
