"""What several routes share: query-parameter rules, body reading, paging."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError


ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DATE_HELP = "ISO date: YYYY, YYYY-MM or YYYY-MM-DD"

Since = Annotated[str | None, Query(pattern=ISO_DATE, description=f"earliest publication date, {DATE_HELP}")]
Until = Annotated[str | None, Query(pattern=ISO_DATE, description=f"latest publication date, {DATE_HELP}")]
Limit = Annotated[int, Query(ge=1, le=500, description="rows to return (1-500)")]
MAX_INT = 2**63 - 1  # the databases' largest integer (store.query.MAX_INT)
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description=f"rows to skip, for paging (0-{MAX_INT})")]
Search = Annotated[str | None, Query(max_length=200, description="words to look for")]
Page = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]

class AnalyzeRequest(BaseModel):
    """An article to analyse. `text` may be plain text or a whole HTML page."""

    text: str = Field(min_length=1, description="the article, as plain text or HTML")
    url: str | None = Field(None, max_length=2000, description="where it was published")
    title: str | None = Field(None, max_length=1000, description="its headline, if known")
    published: str | None = Field(None, pattern=ISO_DATE, description=f"publication date, {DATE_HELP}")


ANALYZE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": AnalyzeRequest.model_json_schema()},
        "text/plain": {"schema": {"type": "string"}, "example": '"We will stand with Ukraine," Blinken said.'},
        "text/html": {"schema": {"type": "string"}},
    },
}


async def analyze_request(request: Request) -> AnalyzeRequest:
    """JSON {text, url?, title?, published?}, or the article itself as text/plain or text/html
    (then url, title and published come from the query string)."""
    body = await request.body()  # BodyLimitMiddleware has counted it against the cap
    ctype = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    try:
        if ctype == "application/json":
            return AnalyzeRequest.model_validate_json(body)
        if ctype in ("text/plain", "text/html", ""):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as e:
                raise HTTPException(422, f"request body is not UTF-8 text (byte {e.start}); send UTF-8") from None
            q = request.query_params
            return AnalyzeRequest(text=text, url=q.get("url"), title=q.get("title"), published=q.get("published"))
    except ValidationError as e:
        raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in e.errors()]) from None
    raise HTTPException(415, f"cannot read a {ctype!r} body; valid: application/json, text/plain, text/html")
