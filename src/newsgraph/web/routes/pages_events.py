"""The events page: filter by type, actor, country and date; a timeline; each event in its sentence;
the same event told by several articles, grouped."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from newsgraph.extract.events_lexicon import PLOVER_TYPES
from newsgraph.web.access import get_store
from newsgraph.web.charts import counts_svg
from newsgraph.web.routes.common import Page, Search, Since, Until
from newsgraph.web.routes.pages_browse import render

router = APIRouter(include_in_schema=False)
Store = Annotated[object, Depends(get_store)]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 (or IGO)")]
By = Annotated[str, Query(pattern=r"^(day|month|year)$")]


@router.get("/events")
def events_page(request: Request, store: Store, type: Annotated[str | None, Query(max_length=16)] = None,
                actor: Search = None, country: Country = None, since: Since = None, until: Until = None,
                by: By = "day", page: Page = 1):
    size = request.app.state.options.page_size
    kw = {"type": type or None, "actor": actor, "country": country, "since": since, "until": until}
    missing = False  # the generic store always has the events table
    rows = store.events(**kw, limit=size + 1, offset=(page - 1) * size)
    series = [{"period": r["period"], "type": r["type"], "total": r["events"], "reports": r["events"]}
              for r in store.event_timeline(**kw, by=by)]
    groups = store.event_groups(**kw, min_sources=2, limit=20)
    # The events on the map: the page's events whose place the places extractor resolved,
    # one marker per place, sized by how many of them happened there.
    spots: dict[tuple, dict] = {}
    for r in rows[:size]:
        if r.get("place_lat") is not None and r.get("place_lon") is not None:
            key = (round(r["place_lat"], 3), round(r["place_lon"], 3))
            m = spots.setdefault(key, {"lat": r["place_lat"], "lon": r["place_lon"], "name": r.get("place_name") or "",
                                       "events": 0, "types": set()})
            m["events"] += 1
            m["types"].add(r["type"])
    markers = [{**m, "types": ", ".join(sorted(m["types"])), "r": round(1.5 + m["events"] ** 0.5, 2)}
               for m in spots.values()]
    return render(request, "events.html", nav="events", rows=rows[:size], more=len(rows) > size, page=page,
                  chart=counts_svg(series), groups=groups, missing=missing, types=PLOVER_TYPES,
                  params={**kw, "by": by}, markers=markers)
