"""The hand-made API routes of the newer extractors' own queries (events across articles,
a speaker's tone over time, counts with their dates); each calls one Store method. Their
plain fact lists are GET /api/{name} (api_facts.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from newsgraph.web.access import get_store
from newsgraph.web.routes.common import MAX_INT, Limit, Offset, Since, Until
from newsgraph.web.routes.lists import ask

router = APIRouter(prefix="/api", tags=["extractors"])
Store = Annotated[object, Depends(get_store)]
Text = Annotated[str | None, Query(max_length=200)]
Period = Annotated[Literal["day", "month", "year"], Query(description="the period to sum by")]


@router.get("/events", summary="Events (who did what to whom), newest day first")
def list_events(store: Store, type: Annotated[str | None, Query(max_length=16, description="PLOVER type")] = None,
                actor: Text = None,
                country: Annotated[str | None, Query(max_length=8, description="source or target country, ISO alpha-3")] = None,
                since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    """Each row: the events table's columns (docs/store.md), day, title, url, publisher and
    sentence_text."""
    return ask(store.events, type=type, actor=actor, country=country, since=since, until=until,
               limit=limit, offset=offset)


@router.get("/events/grouped", summary="Events told across articles, most reported first")
def grouped_events(store: Store, type: Annotated[str | None, Query(max_length=16)] = None, actor: Text = None,
                   country: Annotated[str | None, Query(max_length=8)] = None, since: Since = None,
                   until: Until = None, min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
                   limit: Limit = 50) -> list[dict]:
    """One row per (type, source, target, place, day): articles, publishers and events reporting it."""
    return ask(store.event_groups, type=type, actor=actor, country=country, since=since, until=until,
               min_sources=min_sources, limit=limit)


@router.get("/places", summary="Stored places by GeoNames entry, with their mentions")
def list_places(store: Store,
                country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")] = None,
                near: Annotated[str | None, Query(max_length=60, description="LAT,LON,KM: within KM of the point")] = None,
                feature_code: Annotated[str | None, Query(max_length=10, description="GeoNames feature code, e.g. PPLC")] = None,
                limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> list[dict]:
    """One row per GeoNames place: geonameid, name, feature class and code, country, division,
    lat, lon, mentions, articles (and km from the point with `near`)."""
    return ask(store.places, country=country, near=near, feature_code=feature_code, limit=limit)


@router.get("/tone/speaker", summary="A speaker's tone over time")
def speaker_tone(store: Store, name: Text = None,
                 entity_id: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None, by: Period = "month") -> list[dict]:
    """Per period: quotes, words and GDELT's tone values over the words the speaker said."""
    return ask(store.speaker_tone, speaker=name, entity_id=entity_id, by=by)


@router.get("/counts/dated", summary="Counts with the date of their sentence")
def dated_counts(store: Store, type: Annotated[str | None, Query(max_length=32)] = None,
                 article_id: Annotated[str | None, Query(max_length=64)] = None,
                 limit: Limit = 50, offset: Offset = 0) -> list[dict]:
    return ask(store.count_dates, type=type, article_id=article_id, limit=limit, offset=offset)
