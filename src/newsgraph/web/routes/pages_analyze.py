"""The Analyse page: paste an article, see it highlighted (optionally store it)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from newsgraph.web.analyzer import AnalysisTimeout
from newsgraph.web.guard import require_token
from newsgraph.web.render import article_view
from newsgraph.web.routes.common import DATE_HELP, ISO_DATE

router = APIRouter(include_in_schema=False)


@router.get("/")
def home():
    return RedirectResponse("/analyze", status_code=307)


@router.get("/analyze")
def analyze_form(request: Request):
    return _page(request, text="", url="", published="")


@router.post("/analyze")
async def analyze_submit(request: Request):
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        return _page(request, text="", url="", published="", status=415,
                     error=f"cannot read a {ctype or 'missing'!r} form; valid: application/x-www-form-urlencoded")
    form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    text = (form.get("text") or [""])[0]
    url = (form.get("url") or [""])[0].strip()
    published = (form.get("published") or [""])[0].strip()
    kept = {"text": text, "url": url, "published": published}
    if (form.get("store") or [""])[0]:
        require_token(request, (form.get("token") or [""])[0])  # before the analysis, not after it
    if not text.strip():
        return _page(request, **kept, status=422, error="paste an article first: the text is empty")
    if published and not re.match(ISO_DATE, published):
        return _page(request, **kept, status=422,
                     error=f"publication date {published!r} is not a date; valid: {DATE_HELP}")
    try:
        article = await request.app.state.analyzer.analyze(text, url=url or None, published=published or None)
    except AnalysisTimeout as e:
        return _page(request, **kept, status=503, error=str(e))
    except ValueError as e:
        return _page(request, **kept, status=422, error=str(e))
    if (form.get("store") or [""])[0]:
        store = await run_in_threadpool(request.app.state.stores.get)
        await run_in_threadpool(store.add, article)
        return RedirectResponse(f"/articles/{article.id}", status_code=303)
    return _page(request, **kept, article=article, view=article_view(article))


def _page(request: Request, *, status: int = 200, **context):
    context.setdefault("article", None)
    context.setdefault("view", None)
    context.setdefault("error", None)
    return request.app.state.templates.TemplateResponse(
        request=request, name="analyze.html", context={"nav": "analyze", **context}, status_code=status)
