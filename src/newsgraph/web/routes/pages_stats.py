"""The Counts page (chart over time + the sentences) and the Network page."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from newsgraph.web.access import get_store
from newsgraph.web.charts import counts_svg
from newsgraph.web.network import network_svg
from newsgraph.web.routes.api_store import COUNT_TYPES, ask
from newsgraph.web.routes.common import Page, Since, Until
from newsgraph.web.routes.pages_browse import render

router = APIRouter(include_in_schema=False)
Store = Annotated[object, Depends(get_store)]


@router.get("/counts")
def counts(request: Request, store: Store, type: COUNT_TYPES | None = None,
           by: Literal["day", "month", "year"] = "month", since: Since = None, until: Until = None,
           page: Page = 1):
    series = ask(store.counts, type=type, by=by, since=since, until=until)
    size = request.app.state.options.page_size
    # The store's per-count rows have no offset: ask for this page's end plus one.
    rows = ask(store.counts, type=type, since=since, until=until, limit=page * size + 1)
    more = len(rows) > page * size
    return render(request, "counts.html", nav="counts", chart=counts_svg(series), series=series,
                  rows=rows[(page - 1) * size: page * size], more=more, page=page,
                  params={"type": type, "by": by, "since": since, "until": until}, types=COUNT_TYPES.__args__)


@router.get("/network")
def network(request: Request, store: Store, limit: Annotated[int, Query(ge=2, le=200)] = 60):
    graph = ask(store.network, limit=limit)
    return render(request, "network.html", nav="network", svg=network_svg(graph), graph=graph,
                  params={"limit": limit})
