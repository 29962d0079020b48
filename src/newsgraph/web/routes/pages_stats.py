"""The Counts page (chart over time + the sentences) and the Network page."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from newsgraph.web.access import get_store
from newsgraph.web.charts import counts_svg
from newsgraph.web.network import network_svg
from newsgraph.web.routes.api_store import NETWORK_DEFAULT_TYPES
from newsgraph.web.routes.common import Page, Since, Until
from newsgraph.web.routes.lists import COUNT_TYPES, ENTITY_TYPES, Sort, ask
from newsgraph.web.routes.pages_browse import listing, render

router = APIRouter(include_in_schema=False)
Store = Annotated[object, Depends(get_store)]


@router.get("/counts")
def counts(request: Request, store: Store, type: COUNT_TYPES | None = None,
           by: Literal["day", "month", "year"] = "month", since: Since = None, until: Until = None,
           kind: Literal["incident", "total", "statistic", "all"] = "incident", sort: Sort = None, page: Page = 1):
    # Which counts are summed is a choice the page shows: incidents (what happened in the
    # events reported) by default; running totals and general statistics on request.
    filters = {"type": type, "since": since, "until": until, "kind": kind}
    series = ask(store.counts, **filters, by=by)
    params = {**filters, "by": by, "sort": sort}
    view = listing(request, store, "counts", store.counts, page, params, filters, sort=sort, search_param=None)
    rows_api = {k: v for k, v in view["api"].items() if k != "by"}
    return render(request, "counts.html", nav="counts", chart=counts_svg(series), series=series,
                  types=COUNT_TYPES.__args__, kinds=("incident", "total", "statistic", "all"),
                  **{**view, "api": rows_api},
                  series_api={**rows_api, "by": by})


@router.get("/network")
def network(request: Request, store: Store,
            type: Annotated[list[ENTITY_TYPES] | None, Query()] = None,
            since: Since = None, until: Until = None, limit: Annotated[int, Query(ge=2, le=200)] = 60):
    types = list(type or NETWORK_DEFAULT_TYPES)
    graph = ask(store.network, limit=limit, types=types, since=since, until=until)
    params = {"type": types, "since": since, "until": until, "limit": limit}
    return render(request, "network.html", nav="network", svg=network_svg(graph, since=since, until=until),
                  graph=graph, params=params, all_types=ENTITY_TYPES.__args__, types=types)
