"""Small web inputs written by hand for the reader tests: one news page, WARC and JSONL builders."""

from __future__ import annotations

import gzip
import json

PARAGRAPHS = [
    "At least 12 people were killed when the Arno burst its banks on Tuesday, officials in the river town said.",
    "\u201cWe have never seen water like this,\u201d said Mayor Tom Reed, who ordered the lower town evacuated overnight.",
    "Rescue teams worked through the night to reach families trapped on rooftops, the regional fire service said.",
    "Police arrested two men suspected of looting shops in the flooded centre, according to a police statement.",
]
BODY = "\n".join(PARAGRAPHS)


def news_page(*, title: str = "Flood kills 12 in river town", charset: str | None = "utf-8",
              lang: str = "en-GB", paragraphs: list[str] = PARAGRAPHS) -> str:
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head>{meta_charset}
<title>{title} | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe; John Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.com/2024/03/05/flood">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div style="display: none" itemscope itemtype="http://schema.org/NewsArticle"><div itemprop="headline">{title}</div>
<div itemprop="keywords">flood, river, rescue</div></div>
<article><h1>{title}</h1>
{body}
</article>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer>
</body></html>"""


def warc_record(kind: str, uri: str, block: bytes, *, content_type: str, date: str = "2024-03-06T08:30:00Z",
                record_id: str = "<urn:uuid:00000000-0000-0000-0000-000000000000>") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id}\r\nWARC-Date: {date}\r\n"
            + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
            + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode("ascii") + block + b"\r\n\r\n"


def http_response(body: bytes, *, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
            .encode("ascii") + body)


def response(uri: str, body: bytes, n: int, **http) -> bytes:
    return warc_record("response", uri, http_response(body, **http), content_type="application/http; msgtype=response",
                       record_id=f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>")


def sample_warc_records() -> list[bytes]:
    """warcinfo, request, 2 HTML pages, an image, a redirect, metadata: 2 articles, 5 skipped."""
    page_a = news_page().encode("utf-8")
    page_b = news_page(title="Bridge reopens after repairs", charset="windows-1252", paragraphs=[
        "The old bridge reopened to traffic on Friday after nine months of repairs costing \u20ac4 million, the caf\u00e9 owners said.",
        "Engineers replaced 40 steel cables and resurfaced the whole deck, the city council said in a statement.",
    ]).encode("cp1252")
    return [
        warc_record("warcinfo", "", b"software: newsgraph-tests\r\nformat: WARC File Format 1.0\r\n",
                    content_type="application/warc-fields"),
        warc_record("request", "https://news.example.com/a", b"GET /a HTTP/1.1\r\nHost: news.example.com\r\n\r\n",
                    content_type="application/http; msgtype=request"),
        response("https://news.example.com/a", page_a, 1),
        response("https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n0000", 2, content_type="image/png"),
        response("https://news.example.com/old", b"", 3, status="301 Moved Permanently"),
        response("https://news.example.com/b", page_b, 4, content_type="text/html; charset=windows-1252"),
        warc_record("metadata", "https://news.example.com/b", b"fetchTimeMs: 120\r\n",
                    content_type="application/warc-fields"),
    ]


def gzip_members(records: list[bytes]) -> bytes:
    """A .warc.gz as crawlers write it: one gzip member per record."""
    return b"".join(gzip.compress(r, mtime=0) for r in records)


def jsonl(*objects) -> bytes:
    return b"".join((o if isinstance(o, bytes) else json.dumps(o).encode()) + b"\n" for o in objects)
