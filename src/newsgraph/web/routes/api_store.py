"""GET /api/articles, /api/quotes, /api/entities, /api/counts, /api/network: the store's
query functions as JSON, nothing added. Plain `def` routes: FastAPI runs them in its
thread pool, so a slow query never blocks the event loop."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import JSONResponse

from newsgraph.web.access import get_store
from newsgraph.store.query import COUNT_TYPES as _COUNT_TYPES
from newsgraph.store.query import ENTITY_TYPES as _ENTITY_TYPES
from newsgraph.web.routes.common import MAX_INT, Limit, Offset, Search, Since, Until

router = APIRouter(prefix="/api", tags=["browse"])

NOT_FOUND = {404: {"description": "no such id"}}
ENTITY_TYPES = Literal[_ENTITY_TYPES]  # the pages' choice lists
COUNT_TYPES = Literal[_COUNT_TYPES]
# The API's filters are validated by the store, case-insensitively as the CLI's are: a bad
# value is 422 naming the valid ones.
EntityType = Annotated[str | None, Query(max_length=32, description=f"one of {', '.join(_ENTITY_TYPES)} (any case)")]
CountType = Annotated[str | None, Query(max_length=32, description=f"one of {', '.join(_COUNT_TYPES)} (any case)")]
Store = Annotated[object, Depends(get_store)]


def ask(method, **kw):
    """Run a store query; its ValueErrors (a filter it cannot use) are the caller's bad input."""
    try:
        return method(**kw)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None


@router.get("/articles", summary="Stored articles, newest first")
def list_articles(store: Store, search: Search = None, since: Since = None, until: Until = None,
                  limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    """`search` matches words in the title or text. Each row: id, title, published,
    publisher, url, path, n_quotes, n_entities."""
    return ask(store.articles, search=search, since=since, until=until, limit=limit, offset=offset)


@router.get("/articles/{article_id}", responses=NOT_FOUND, summary="One stored article's record")
def get_article(store: Store, article_id: Annotated[str, Path(max_length=64)]):
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return JSONResponse(article.to_dict())


@router.get("/quotes", summary="Quotes, newest first")
def list_quotes(store: Store,
                speaker: Annotated[str | None, Query(max_length=200, description="part of the speaker's name or alias")] = None,
                search: Search = None, since: Since = None, until: Until = None,
                entity_id: Annotated[int | None, Query(ge=1, le=MAX_INT, description="the speaker's entity id")] = None,
                article_id: Annotated[str | None, Query(max_length=64)] = None,
                limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    """`search` matches all its words in the quote (stemmed; "a phrase" in double quotes).
    Each row: id, article_id, article_title, published, text, kind, cue, spans,
    speaker_name, speaker_entity_id, speaker_span."""
    return ask(store.quotes, speaker=speaker, search=search, since=since, until=until,
               entity_id=entity_id, article_id=article_id, limit=limit, offset=offset)


@router.get("/entities", summary="People, organisations, places... ranked by quotes, then mentions")
def list_entities(store: Store, type: EntityType = None, search: Search = None,
                  limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    """Each row: id, name, type, mentions, articles, quotes."""
    return ask(store.entities, type=type, search=search, top=limit, offset=offset)


@router.get("/entities/{entity_id}", responses=NOT_FOUND, summary="One entity, its quotes and the entities it appears with")
def get_entity(store: Store, entity_id: Annotated[int, Path(ge=1, le=MAX_INT)]) -> dict:
    """id, name, type, titles, aliases, mentions, articles, n_quotes, quotes (newest 50),
    cooccurring [{id, name, type, articles}], timeline [{period (YYYY-MM), mentions}]."""
    found = store.entity(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    return found


@router.get("/counts", summary="Counts of people killed, wounded, arrested...")
def list_counts(store: Store, type: CountType = None,
                by: Annotated[Literal["day", "month", "year"] | None,
                              Query(description="sum by period; omit for one row per count")] = None,
                since: Since = None, until: Until = None,
                kind: Annotated[str, Query(max_length=16, description=(
                    "incident (default: what happened in the events reported), total (running or past "
                    "totals), statistic (general figures), or all; sums never add a count that is part of another"))] = "incident",
                limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> list[dict]:
    """With `by`: {period, type, total, reports, kind} per period and type, summing counts of
    `kind` only. Without: one row per count, {article_id, published, type, number,
    approximate, object, span, sentence, kind, part_of, mentions}."""
    return ask(store.counts, type=type, by=by, since=since, until=until, limit=limit, kind=kind)


@router.get("/network", summary="Entities and how many articles each pair shares")
def get_network(store: Store, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict:
    """{nodes: [{id, name, type, weight}], edges: [{source, target, weight}]}: the `limit`
    entities in most articles; an edge's weight is the number of articles both appear in."""
    return ask(store.network, limit=limit)
