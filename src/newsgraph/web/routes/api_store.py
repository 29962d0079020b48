"""GET /api/articles, /api/quotes, /api/entities, /api/counts, /api/errors, /api/network: the
store's query functions as JSON, nothing added. Every list also answers
`/api/LIST.csv` and `/api/LIST.json` (every matching row, as a download) and
`/api/LIST/facets` (its total and value counts under the same filters); list answers carry
the total in `X-Total-Count`. Plain `def` routes: FastAPI runs them in its thread pool, so a
slow query never blocks the event loop."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from fastapi.responses import JSONResponse

from newsgraph.web.access import get_store
from newsgraph.web.routes.common import Limit, Offset, Since, Until
from newsgraph.web.routes.lists import (
    COUNT_TYPES, ENTITY_TYPES, Facet, Format, Sort, all_rows, article_filters, ask, count_filters, download,
    entity_filters, error_filters, quote_filters,
)

__all__ = ["router", "ask", "ENTITY_TYPES", "COUNT_TYPES", "NETWORK_DEFAULT_TYPES"]

router = APIRouter(prefix="/api", tags=["browse"])

NOT_FOUND = {404: {"description": "no such id"}}
TOTAL = {"X-Total-Count": {"description": "rows matching the filters, over all pages", "schema": {"type": "integer"}}}
LIST_RESPONSES = {200: {"headers": TOTAL}}
Store = Annotated[object, Depends(get_store)]
Articles = Annotated[dict, Depends(article_filters)]
Quotes = Annotated[dict, Depends(quote_filters)]
Entities = Annotated[dict, Depends(entity_filters)]
Counts = Annotated[dict, Depends(count_filters)]
Errors = Annotated[dict, Depends(error_filters)]
Period = Annotated[Literal["day", "month", "year"] | None, Query(description="sum by period; omit for one row per count")]
NETWORK_DEFAULT_TYPES = ("PERSON", "ORG")


def _listed(response: Response, store, name: str, rows: list[dict], filters: dict) -> list[dict]:
    response.headers["X-Total-Count"] = str(ask(store.total, list=name, **filters))
    return rows


def _facets(store, name: str, facet, filters: dict) -> dict:
    return {"count": ask(store.total, list=name, **filters),
            "facets": ask(store.facets, list=name, facets=facet, **filters)}


# -- articles ---------------------------------------------------------------------------

@router.get("/articles", responses=LIST_RESPONSES, summary="Stored articles, newest first")
def list_articles(response: Response, store: Store, filters: Articles, sort: Sort = None,
                  limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    """`search`: every word (or "quoted phrase") in the title or text; each row then has
    `snippet` (text around the first match) and `highlights` ([start, end] of each match in
    it). Each row: id, title, published, publisher, language, url, path, n_quotes,
    n_entities, n_counts. `sort`: published, title, publisher, language, quotes, entities,
    counts (`-published`, newest first, by default)."""
    rows = ask(store.articles, **filters, sort=sort, limit=limit, offset=offset)
    return _listed(response, store, "articles", rows, filters)


@router.get("/articles/facets", summary="How many articles match, by publisher, language and month")
def article_facets(store: Store, filters: Articles, facet: Facet = None) -> dict:
    """`{count, facets: {publisher|language|month: {values: [{value, label, count}], truncated}}}`."""
    return _facets(store, "articles", facet, filters)


@router.get("/articles.{fmt}", summary="Every matching article, as CSV or JSON (a download)")
def download_articles(store: Store, fmt: Format, filters: Articles, sort: Sort = None):
    return download(all_rows(store.articles, **filters, sort=sort), fmt, "articles")


@router.get("/articles/{article_id}", responses=NOT_FOUND, summary="One stored article's record")
def get_article(store: Store, article_id: Annotated[str, Path(max_length=64)]):
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return JSONResponse(article.to_dict())


# -- quotes -----------------------------------------------------------------------------

@router.get("/quotes", responses=LIST_RESPONSES, summary="Quotes, newest first")
def list_quotes(response: Response, store: Store, filters: Quotes, sort: Sort = None,
                limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    """`search` matches all its words in the quote (stemmed; "a phrase" in double quotes).
    Each row: id, article_id, article_title, published, publisher, text, kind, cue,
    cue_span, spans, speaker_name, speaker_entity_id, speaker_span, sentence (the quote with
    its cue and speaker, as it stands in the article). `sort`: published, speaker, kind,
    article, publisher."""
    rows = ask(store.quotes, **filters, sort=sort, limit=limit, offset=offset)
    return _listed(response, store, "quotes", rows, filters)


@router.get("/quotes/facets", summary="How many quotes match, by kind, speaker, publisher and month")
def quote_facets(store: Store, filters: Quotes, facet: Facet = None) -> dict:
    """speaker values are entity ids (filter with `entity_id`), labelled with the name."""
    return _facets(store, "quotes", facet, filters)


@router.get("/quotes.{fmt}", summary="Every matching quote, as CSV or JSON (a download)")
def download_quotes(store: Store, fmt: Format, filters: Quotes, sort: Sort = None):
    return download(all_rows(store.quotes, **filters, sort=sort), fmt, "quotes")


# -- entities ---------------------------------------------------------------------------

@router.get("/entities", responses=LIST_RESPONSES,
            summary="People, organisations, places... ranked by quotes, then mentions")
def list_entities(response: Response, store: Store, filters: Entities, sort: Sort = None,
                  limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    """Each row: id, name, type, mentions, articles, quotes. `sort`: quotes, mentions,
    articles, name, type."""
    rows = ask(store.entities, **filters, sort=sort, top=limit, offset=offset)
    return _listed(response, store, "entities", rows, filters)


@router.get("/entities/facets", summary="How many entities match, by type")
def entity_facets(store: Store, filters: Entities, facet: Facet = None) -> dict:
    return _facets(store, "entities", facet, filters)


@router.get("/entities.{fmt}", summary="Every matching entity, as CSV or JSON (a download)")
def download_entities(store: Store, fmt: Format, filters: Entities, sort: Sort = None):
    return download(all_rows(store.entities, limit_name="top", **filters, sort=sort), fmt, "entities")


@router.get("/entities/{entity_id}", responses=NOT_FOUND, summary="One entity, its quotes and the entities it appears with")
def get_entity(store: Store, entity_id: Annotated[int, Path(ge=1, le=2**63 - 1)]) -> dict:
    """id, name, type, titles, aliases, mentions, articles, n_quotes, quotes (newest 50),
    cooccurring [{id, name, type, articles}], timeline [{period (YYYY-MM), mentions}].
    Every article that mentions it: `/api/articles?entity_id=ID`."""
    found = store.entity(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    return found


# -- counts -----------------------------------------------------------------------------

@router.get("/counts", responses=LIST_RESPONSES, summary="Counts of people killed, wounded, arrested...")
def list_counts(response: Response, store: Store, filters: Counts, by: Period = None, sort: Sort = None,
                limit: Annotated[int, Query(ge=1, le=10_000)] = 1000, offset: Offset = 0) -> list[dict]:
    """With `by`: {period, type, total, reports} per period and type. Without: one row per
    count, {article_id, article_title, published, type, number, approximate, object, span,
    sentence}; `sort`: published, type, number, object. `X-Total-Count` counts the counts."""
    rows = ask(store.counts, **filters, by=by, sort=None if by else sort, limit=limit, offset=offset)
    return _listed(response, store, "counts", rows, filters)


@router.get("/counts/facets", summary="How many counts match, by type and month")
def count_facets(store: Store, filters: Counts, facet: Facet = None) -> dict:
    return _facets(store, "counts", facet, filters)


@router.get("/counts.{fmt}", summary="Every matching count (or, with `by`, every period's sum), as CSV or JSON")
def download_counts(store: Store, fmt: Format, filters: Counts, by: Period = None, sort: Sort = None):
    rows = all_rows(store.counts, **filters, by=by, sort=None if by else sort)
    return download(rows, fmt, f"counts-by-{by}" if by else "counts", columns="periods" if by else "counts")


# -- ingest errors ----------------------------------------------------------------------

@router.get("/errors", responses=LIST_RESPONSES, summary="Inputs that could not be ingested, newest first")
def list_errors(response: Response, store: Store, filters: Errors, sort: Sort = None,
                limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    """Each row: path, url, format, error, created_at. `sort`: created, path, format."""
    rows = ask(store.errors, **filters, sort=sort, limit=limit, offset=offset)
    return _listed(response, store, "errors", rows, filters)


@router.get("/errors/facets", summary="How many ingest errors match, by format")
def error_facets(store: Store, filters: Errors, facet: Facet = None) -> dict:
    return _facets(store, "errors", facet, filters)


@router.get("/errors.{fmt}", summary="Every matching ingest error, as CSV or JSON (a download)")
def download_errors(store: Store, fmt: Format, filters: Errors, sort: Sort = None):
    return download(all_rows(store.errors, **filters, sort=sort), fmt, "errors")


# -- the network ------------------------------------------------------------------------

NetworkTypes = Annotated[list[ENTITY_TYPES] | None, Query(
    description="entity types to draw (repeat for several); default PERSON and ORG")]


def network_filters(type: NetworkTypes = None, since: Since = None, until: Until = None,
                    limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict:
    return {"types": list(type or NETWORK_DEFAULT_TYPES), "since": since, "until": until, "limit": limit}


@router.get("/network", summary="Entities and how many articles each pair shares")
def get_network(store: Store, filters: Annotated[dict, Depends(network_filters)]) -> dict:
    """{nodes: [{id, name, type, weight}], edges: [{source, target, weight}]}: the `limit`
    entities of the types (persons and organisations unless `type` says otherwise) in most
    articles published between `since` and `until`; an edge's weight is the number of those
    articles both appear in."""
    return ask(store.network, **filters)


@router.get("/network.{fmt}", summary="The network's links, as CSV or JSON (a download)")
def download_network(store: Store, fmt: Format, filters: Annotated[dict, Depends(network_filters)]):
    graph = ask(store.network, **filters)
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    rows = ({**e, "source_name": names.get(e["source"]), "target_name": names.get(e["target"])} for e in graph["edges"])
    return download(rows, fmt, "network", columns="edges")


@router.get("/network/link", responses=NOT_FOUND, summary="The evidence for one link: the articles two entities share")
def get_link(store: Store, source: Annotated[int, Query(ge=1, le=2**63 - 1)],
             target: Annotated[int, Query(ge=1, le=2**63 - 1)], since: Since = None, until: Until = None,
             limit: Annotated[int, Query(ge=1, le=50)] = 5) -> dict:
    """{source, target: {id, name, type}, articles (how many), evidence: [{article_id, title,
    published, sentence, span}]}: the newest `limit` shared articles, each with the passage
    where the two stand closest (`span` indexes into the article's text)."""
    found = ask(store.link, source=source, target=target, since=since, until=until, limit=limit)
    if found is None:
        raise HTTPException(404, f"no entity with id {source} or {target}")
    return found
