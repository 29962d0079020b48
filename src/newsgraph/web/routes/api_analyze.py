"""POST /api/analyze (the record, not stored) and POST /api/articles (analyse and store)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from newsgraph.article import Article
from newsgraph.web.guard import require_token
from newsgraph.web.routes.common import ANALYZE_BODY, analyze_request

router = APIRouter(prefix="/api", tags=["analyse"])

ERRORS = {
    413: {"description": "the body is over the size limit (NEWSGRAPH_WEB_MAX_BODY)"},
    415: {"description": "the body is not JSON, text/plain or text/html"},
    422: {"description": "unusable input; `detail` says why"},
    503: {"description": "the analysis ran past NEWSGRAPH_WEB_TIMEOUT, or the model/store is unavailable"},
    403: {"description": "a write from another site's page (Origin/Referer not this server's)"},
}


async def _analyze(request: Request) -> Article:
    req = await analyze_request(request)
    try:
        return await request.app.state.analyzer.analyze(
            req.text, url=req.url, title=req.title, published=req.published)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None


@router.post("/analyze", response_model=Article, responses=ERRORS, openapi_extra={"requestBody": ANALYZE_BODY},
             summary="Analyse an article; return its record without storing it")
async def analyze_article(request: Request):
    """Send JSON `{"text": ..., "url"?, "title"?, "published"?}`, or the article itself as
    `text/plain` or `text/html` (then `url`, `title`, `published` may be query parameters).
    Returns the article record: every span indexes into its `text`."""
    article = await _analyze(request)
    return JSONResponse(article.to_dict())


@router.post("/articles", response_model=Article, status_code=201,
             responses={200: {"description": "the article was already stored; its record"},
                        401: {"description": "NEWSGRAPH_API_TOKEN is set and the request lacks it"}, **ERRORS},
             openapi_extra={"requestBody": ANALYZE_BODY}, summary="Analyse an article and store it")
async def store_article(request: Request):
    """Same body as /api/analyze. 201 with the record when it was new, 200 when the same
    text was already stored; `Location` names the stored article."""
    require_token(request)
    article = await _analyze(request)
    store = await run_in_threadpool(request.app.state.stores.get)
    added = await run_in_threadpool(store.add, article)
    return JSONResponse(article.to_dict(), status_code=201 if added else 200,
                        headers={"Location": f"/api/articles/{article.id}"})
