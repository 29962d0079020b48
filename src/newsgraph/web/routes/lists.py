"""The store's lists as the API sees them: each list's filters (one FastAPI dependency per
list, shared by its rows, its facets and its downloads) and the CSV/JSON downloads.

Downloads stream every matching row, read from the store in chunks, up to DOWNLOAD_MAX rows.
"""

from __future__ import annotations

from newsgraph import article

import csv
import io
import json
from typing import Annotated, Callable, Iterator, Literal

from fastapi import HTTPException, Query
from fastapi.responses import StreamingResponse

from newsgraph.web.routes.common import Search, Since, Until

ENTITY_TYPES = Literal[article.ENTITY_TYPES]  # the one list (newsgraph.article)
COUNT_TYPES = Literal[article.COUNT_TYPES]
QUOTE_KINDS = Literal["direct", "indirect", "mixed"]
# The API's type and kind filters are validated by the store, case-insensitively as the
# CLI's are: a bad value is 422 naming the valid ones.
EntityType = Annotated[str | None, Query(max_length=32, description=f"one of {', '.join(article.ENTITY_TYPES)} (any case)")]
CountType = Annotated[str | None, Query(max_length=32, description=f"one of {', '.join(article.COUNT_TYPES)} (any case)")]
QuoteKind = Annotated[str | None, Query(max_length=16, description="direct, indirect or mixed (any case)")]

DOWNLOAD_MAX = 100_000  # rows in one download
CHUNK = 500

Sort = Annotated[str | None, Query(max_length=40, pattern=r"^-?[a-z_]+$",
                                   description="column to sort by; a leading '-' sorts descending")]
EntityId = Annotated[int | None, Query(ge=1, le=2**63 - 1, description="an entity's id")]
ArticleId = Annotated[str | None, Query(max_length=64, description="an article's id")]
Text200 = Annotated[str | None, Query(max_length=200)]
Facet = Annotated[list[str] | None, Query(max_length=40, description="facet(s) to count; default: all of the list's")]


def article_filters(search: Search = None, since: Since = None, until: Until = None,
                    publisher: Annotated[str | None, Query(max_length=200, description="exact publisher")] = None,
                    language: Annotated[str | None, Query(max_length=16, description="language code, e.g. en")] = None,
                    entity_id: Annotated[int | None, Query(ge=1, le=2**63 - 1,
                                                           description="only articles mentioning this entity")] = None
                    ) -> dict:
    return {"search": search, "since": since, "until": until, "publisher": publisher, "language": language,
            "entity_id": entity_id}


def quote_filters(speaker: Annotated[str | None, Query(max_length=200,
                                                       description="part of the speaker's name or alias")] = None,
                  search: Search = None, since: Since = None, until: Until = None,
                  entity_id: Annotated[int | None, Query(ge=1, le=2**63 - 1,
                                                         description="the speaker's entity id")] = None,
                  article_id: ArticleId = None, kind: QuoteKind = None,
                  publisher: Annotated[str | None, Query(max_length=200, description="exact publisher")] = None
                  ) -> dict:
    return {"speaker": speaker, "search": search, "since": since, "until": until, "entity_id": entity_id,
            "article_id": article_id, "kind": kind, "publisher": publisher}


def entity_filters(type: EntityType = None, search: Search = None) -> dict:
    return {"type": type, "search": search}


CountKind = Annotated[str | None, Query(max_length=16, description="incident (default), total, statistic or all")]


def count_filters(type: CountType = None, since: Since = None, until: Until = None,
                  article_id: ArticleId = None, kind: CountKind = None) -> dict:
    return {"type": type, "since": since, "until": until, "article_id": article_id, "kind": kind}


def error_filters(search: Annotated[str | None, Query(max_length=200, description="part of the path, URL or error")] = None,
                  format: Annotated[str | None, Query(max_length=16, description="input format: text, html, warc, jsonl...")] = None
                  ) -> dict:
    return {"search": search, "format": format}


def ask(method, **kw):
    """Run a store query; its ValueErrors (a filter or sort it cannot use) are the caller's bad input."""
    try:
        return method(**kw)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None


# Download columns per list, in order; other fields of a row are left out of CSV (JSON has all).
COLUMNS = {
    "articles": ["id", "title", "published", "publisher", "language", "url", "path", "n_quotes", "n_entities",
                 "n_counts", "snippet"],
    "quotes": ["id", "article_id", "article_title", "published", "publisher", "speaker_name", "speaker_entity_id",
               "kind", "text", "cue", "sentence", "spans", "cue_span", "speaker_span"],
    "entities": ["id", "name", "type", "quotes", "mentions", "articles"],
    "counts": ["article_id", "article_title", "published", "type", "kind", "number", "approximate", "object",
               "span", "sentence"],
    "periods": ["period", "type", "total", "reports"],
    "errors": ["path", "url", "format", "error", "created_at"],
    "edges": ["source", "source_name", "target", "target_name", "weight"],
}


def all_rows(method, *, limit_name: str = "limit", **kw) -> Iterator[dict]:
    """Every row of a list, CHUNK at a time. The first chunk is read now, so a bad filter is a
    422 before the response starts, not a broken download."""
    first = ask(method, **kw, **{limit_name: CHUNK}, offset=0)

    def rest():
        yield from first
        offset, last = CHUNK, len(first)
        while last == CHUNK and offset < DOWNLOAD_MAX:
            rows = method(**kw, **{limit_name: min(CHUNK, DOWNLOAD_MAX - offset)}, offset=offset)
            yield from rows
            offset, last = offset + len(rows), len(rows)
    return rest()


def download(rows: Iterator[dict], fmt: str, name: str, *, columns: str | None = None) -> StreamingResponse:
    """`rows` as a CSV (header row, nested values as JSON) or a JSON array, as an attachment."""
    cols = COLUMNS[columns or name]
    if fmt == "csv":
        body, media = _csv(rows, cols), "text/csv; charset=utf-8"
    else:
        body, media = _json(rows), "application/json"
    return StreamingResponse(body, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def _csv(rows: Iterator[dict], cols: list[str]) -> Iterator[str]:
    buf = io.StringIO()
    out = csv.writer(buf)

    def flush() -> str:
        s = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return s

    out.writerow(cols)
    yield flush()
    for r in rows:
        out.writerow([_cell(r.get(c)) for c in cols])
        if buf.tell() > 64_000:
            yield flush()
    yield flush()


def _cell(v):
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def _json(rows: Iterator[dict]) -> Iterator[str]:
    yield "["
    sep = "\n"
    for r in rows:
        yield sep + json.dumps(r, ensure_ascii=False)
        sep = ",\n"
    yield "\n]\n"


Format = Literal["csv", "json"]
Downloader = Callable[..., StreamingResponse]
