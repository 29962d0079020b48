"""The Analyse page: paste an article, see it highlighted (optionally store it)."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from newsgraph.web.render import article_view

router = APIRouter(include_in_schema=False)


@router.get("/")
def home():
    return RedirectResponse("/analyze", status_code=307)


@router.get("/analyze")
def analyze_form(request: Request):
    return _page(request, text="", url="")


@router.post("/analyze")
async def analyze_submit(request: Request):
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        return _page(request, text="", url="", status=415,
                     error=f"cannot read a {ctype or 'missing'!r} form; valid: application/x-www-form-urlencoded")
    form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    text = (form.get("text") or [""])[0]
    url = (form.get("url") or [""])[0].strip()
    if not text.strip():
        return _page(request, text=text, url=url, status=422, error="paste an article first: the text is empty")
    try:
        article = await request.app.state.analyzer.analyze(text, url=url or None)
    except ValueError as e:
        return _page(request, text=text, url=url, status=422, error=str(e))
    if (form.get("store") or [""])[0]:
        store = await run_in_threadpool(request.app.state.stores.get)
        await run_in_threadpool(store.add, article)
        return RedirectResponse(f"/articles/{article.id}", status_code=303)
    return _page(request, text=text, url=url, article=article, view=article_view(article))


def _page(request: Request, *, status: int = 200, **context):
    context.setdefault("article", None)
    context.setdefault("view", None)
    context.setdefault("error", None)
    return request.app.state.templates.TemplateResponse(
        request=request, name="analyze.html", context={"nav": "analyze", **context}, status_code=status)
