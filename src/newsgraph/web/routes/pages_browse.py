"""Pages over the store: articles, an article, people and organisations, an entity, quotes,
ingest errors. Every list shows its total, facets, sortable columns and its downloads."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from newsgraph.web.access import get_store
from newsgraph.web.charts import timeline_svg
from newsgraph.web.listing import api_params, facet_panels
from newsgraph.web.render import article_view
from newsgraph.web.routes.common import Page, Search, Since, Until
from newsgraph.web.routes.lists import ENTITY_TYPES, QUOTE_KINDS, Sort, ask

router = APIRouter(include_in_schema=False)
Store = Annotated[object, Depends(get_store)]
SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")
Id = Annotated[int | None, Query(ge=1, le=2**63 - 1)]
Name = Annotated[str | None, Query(max_length=200)]
FACET_TITLES = {"publisher": "Publisher", "language": "Language", "month": "Month", "kind": "Quote kind",
                "speaker": "Speaker", "type": "Type", "format": "Format"}


def render(request: Request, name: str, **context):
    return request.app.state.templates.TemplateResponse(request=request, name=name, context=context)


def paged(request: Request, method, page: int, *, limit_name: str = "limit", **kw) -> tuple[list[dict], bool]:
    """One page of rows, and whether there is a next one (asks for one row more)."""
    size = request.app.state.options.page_size
    rows = ask(method, **kw, **{limit_name: size + 1}, offset=(page - 1) * size)
    return rows[:size], len(rows) > size


def listing(request: Request, store, name: str, method, page: int, params: dict, filters: dict, *,
            limit_name: str = "limit", sort: str | None = None, param_of: dict | None = None,
            search_param: str | None = "q") -> dict:
    """Rows, total, facets and download addresses of one list page."""
    rows, more = paged(request, method, page, limit_name=limit_name, **filters, sort=sort)
    return {
        "rows": rows, "more": more, "page": page, "params": params,
        "total": ask(store.total, list=name, **filters),
        "facets": facet_panels(ask(store.facets, list=name, **filters), params, FACET_TITLES, param_of=param_of),
        "sort": sort, "api": api_params(params, **({search_param: "search"} if search_param else {})),
    }


@router.get("/articles")
def articles(request: Request, store: Store, q: Search = None, since: Since = None, until: Until = None,
             publisher: Name = None, language: Annotated[str | None, Query(max_length=16)] = None,
             entity_id: Id = None, sort: Sort = None, page: Page = 1):
    filters = {"search": q, "since": since, "until": until, "publisher": publisher, "language": language,
               "entity_id": entity_id}
    params = {**filters, "q": q, "sort": sort}
    del params["search"]
    entity = store.entity(entity_id) if entity_id else None
    return render(request, "articles.html", nav="articles", entity=entity,
                  **listing(request, store, "articles", store.articles, page, params, filters, sort=sort))


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
def entities(request: Request, store: Store, q: Search = None, type: ENTITY_TYPES | None = None,
             sort: Sort = None, page: Page = 1):
    filters = {"search": q, "type": type}
    params = {"q": q, "type": type, "sort": sort}
    return render(request, "entities.html", nav="entities", types=ENTITY_TYPES.__args__,
                  **listing(request, store, "entities", store.entities, page, params, filters, limit_name="top",
                            sort=sort))


@router.get("/entities/{entity_id}")
def entity(request: Request, store: Store, entity_id: Annotated[int, Path(ge=1, le=2**63 - 1)], page: Page = 1):
    found = store.entity(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    quotes, more = paged(request, store.quotes, page, entity_id=entity_id)
    size = request.app.state.options.page_size
    articles = ask(store.articles, entity_id=entity_id, limit=size)
    return render(request, "entity.html", nav="entities", entity=found, quotes=quotes, more=more, page=page,
                  params={}, timeline=timeline_svg(found["timeline"]), articles=articles,
                  n_articles=ask(store.total, list="articles", entity_id=entity_id))


@router.get("/quotes")
def quotes(request: Request, store: Store, speaker: Search = None, q: Search = None, since: Since = None,
           until: Until = None, kind: QUOTE_KINDS | None = None, article_id: Annotated[str | None, Query(max_length=64)] = None,
           entity_id: Id = None, publisher: Name = None, sort: Sort = None, page: Page = 1):
    filters = {"speaker": speaker, "search": q, "since": since, "until": until, "kind": kind,
               "article_id": article_id, "entity_id": entity_id, "publisher": publisher}
    params = {**filters, "q": q, "sort": sort}
    del params["search"]
    speaker_entity = store.entity(entity_id) if entity_id else None
    return render(request, "quotes.html", nav="quotes", kinds=QUOTE_KINDS.__args__, article_id=article_id,
                  speaker_entity=speaker_entity,
                  **listing(request, store, "quotes", store.quotes, page, params, filters, sort=sort,
                            param_of={"speaker": "entity_id"}))


@router.get("/errors")
def errors(request: Request, store: Store, q: Search = None, format: Annotated[str | None, Query(max_length=16)] = None,
           sort: Sort = None, page: Page = 1):
    filters = {"search": q, "format": format}
    params = {"q": q, "format": format, "sort": sort}
    return render(request, "errors.html", nav="errors",
                  **listing(request, store, "errors", store.errors, page, params, filters, sort=sort))
