"""GET /api/{name} for every registered extractor without a hand-made route: its stored
facts (Store.facts), filtered by the fields it declares. Built from the registry when the
app is created, so a plug-in's facts are served without a change here."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from newsgraph.web.access import get_store
from newsgraph.web.routes.common import Limit, Offset, Since, Until

Store = Annotated[object, Depends(get_store)]
_COMMON = {"article_id", "since", "until", "limit", "offset"}


def build_router(*, skip: set[str] = frozenset()) -> APIRouter:
    from newsgraph.extract.registry import generic
    from newsgraph.store.facts import columns_of, filter_columns

    router = APIRouter(prefix="/api", tags=["extractors"])
    for ex in generic():
        if f"/api/{ex.name}" in skip:
            continue
        allowed = list(filter_columns(ex))
        cols = ", ".join(c.name for c in columns_of(ex.fact))
        router.add_api_route(
            f"/{ex.name}", _endpoint(ex.name, allowed), methods=["GET"],
            summary=f"Stored {ex.name}" + (f": {ex.doc}" if ex.doc else ""),
            description=(f"One row per fact, newest articles first: id, article_id, seq, {cols}, "
                         f"article_title, published. Filters (equality, case-insensitive): "
                         f"{', '.join(allowed) or 'none'}."),
            openapi_extra={"parameters": [
                {"name": f, "in": "query", "required": False, "schema": {"type": "string"}}
                for f in allowed]},
        )
    return router


def _endpoint(name: str, allowed: list[str]):
    def list_facts(request: Request, store: Store,
                   article_id: Annotated[str | None, Query(max_length=64)] = None,
                   since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0) -> list[dict]:
        filters = {}
        for key, value in request.query_params.items():
            if key in _COMMON:
                continue
            if key not in allowed:
                raise HTTPException(422, f"unknown parameter {key!r} for /api/{name}; valid: "
                                         f"{', '.join(sorted(_COMMON | set(allowed)))}")
            if len(value) > 200:
                raise HTTPException(422, f"{key} is longer than 200 characters")
            filters[key] = value
        try:
            return store.facts(name, article_id=article_id, since=since, until=until, limit=limit,
                               offset=offset, **filters)
        except ValueError as e:
            raise HTTPException(422, str(e)) from None

    list_facts.__name__ = f"list_{name}"
    return list_facts
