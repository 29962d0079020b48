"""Pages over the store: articles, an article, people and organisations, an entity, quotes."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from newsgraph.web.access import get_store
from newsgraph.web.charts import timeline_svg
from newsgraph.web.render import article_view
from newsgraph.web.routes.api_store import ENTITY_TYPES, ask
from newsgraph.web.routes.common import Page, Search, Since, Until

router = APIRouter(include_in_schema=False)
Store = Annotated[object, Depends(get_store)]
SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def render(request: Request, name: str, **context):
    return request.app.state.templates.TemplateResponse(request=request, name=name, context=context)


def paged(request: Request, method, page: int, *, limit_name: str = "limit", **kw) -> tuple[list[dict], bool]:
    """One page of rows, and whether there is a next one (asks for one row more)."""
    size = request.app.state.options.page_size
    rows = ask(method, **kw, **{limit_name: size + 1}, offset=(page - 1) * size)
    return rows[:size], len(rows) > size


@router.get("/articles")
def articles(request: Request, store: Store, q: Search = None, since: Since = None, until: Until = None,
             page: Page = 1):
    rows, more = paged(request, store.articles, page, search=q, since=since, until=until)
    return render(request, "articles.html", nav="articles", rows=rows, more=more, page=page,
                  params={"q": q, "since": since, "until": until})


@router.get("/articles/{article_id}")
def article(request: Request, store: Store, article_id: Annotated[str, Path(max_length=64)],
            at: Annotated[str | None, Query(pattern=SPAN.pattern)] = None):
    found = store.get_article(article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    # Speakers link to their store-wide entity pages; the record's own ids (e1, e2) are per article.
    store_ids = {r["speaker_name"]: r["speaker_entity_id"]
                 for r in store.quotes(article_id=article_id, limit=500) if r["speaker_entity_id"]}
    target = tuple(int(x) for x in SPAN.match(at).groups()) if at else None
    view = article_view(found, target=target,
                        entity_href=lambda _id, name: f"/entities/{store_ids[name]}" if name in store_ids else None)
    return render(request, "article.html", nav="articles", article=found, view=view)


@router.get("/entities")
def entities(request: Request, store: Store, q: Search = None, type: ENTITY_TYPES | None = None, page: Page = 1):
    rows, more = paged(request, store.entities, page, limit_name="top", search=q, type=type)
    return render(request, "entities.html", nav="entities", rows=rows, more=more, page=page,
                  params={"q": q, "type": type}, types=ENTITY_TYPES.__args__)


@router.get("/entities/{entity_id}")
def entity(request: Request, store: Store, entity_id: Annotated[int, Path(ge=1)], page: Page = 1):
    found = store.entity(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    quotes, more = paged(request, store.quotes, page, entity_id=entity_id)
    return render(request, "entity.html", nav="entities", entity=found, quotes=quotes, more=more, page=page,
                  params={}, timeline=timeline_svg(found["timeline"]))


@router.get("/quotes")
def quotes(request: Request, store: Store, speaker: Search = None, q: Search = None, since: Since = None,
           until: Until = None, page: Page = 1):
    rows, more = paged(request, store.quotes, page, speaker=speaker, search=q, since=since, until=until)
    return render(request, "quotes.html", nav="quotes", rows=rows, more=more, page=page,
                  params={"speaker": speaker, "q": q, "since": since, "until": until})
