"""The map page: stored places as markers over country outlines, drawn offline.

GET /map[?country=XX]          the page: an SVG (equirectangular, viewBox 0 0 360 180) of the
                               shipped outlines (static/world-outlines.json) and one marker per
                               place, its area by mentions; nothing is fetched from outside
GET /map/mentions/{geonameid}  JSON: the stored mentions of one place with their sentences
                               (static/map.js shows them on click)
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from newsgraph.web.access import get_store

router = APIRouter(include_in_schema=False)
Store = Annotated[object, Depends(get_store)]
STATIC = Path(__file__).resolve().parents[1] / "static"


@lru_cache(maxsize=1)
def outlines() -> dict[str, dict]:
    """ISO alpha-2 -> {"name", "d": SVG path} (built by scripts/build_world_outlines.py)."""
    return json.loads((STATIC / "world-outlines.json").read_text("utf-8"))


def markers(rows: list[dict]) -> list[dict]:
    """Marker positions and radii (area proportional to mentions, 0.6 to 6 map units)."""
    top = max((r["mentions"] for r in rows), default=1) or 1
    out = []
    for r in rows:
        if r.get("lat") is None or r.get("lon") is None:
            continue
        out.append({**r, "x": round(float(r["lon"]) + 180, 2), "y": round(90 - float(r["lat"]), 2),
                    "r": round(0.6 + 5.4 * math.sqrt(r["mentions"] / top), 2)})
    return sorted(out, key=lambda m: -m["r"])  # small ones drawn last, on top


@router.get("/map")
def map_page(request: Request, store: Store,
             country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None):
    rows = store.places(country=country, limit=2000)
    return request.app.state.templates.TemplateResponse(
        request=request, name="map.html",
        context={"nav": "map", "outlines": outlines(), "markers": markers(rows or []),
                 "stored": rows is not None, "params": {"country": country}})


@router.get("/map/mentions/{geonameid}")
def map_mentions(store: Store, geonameid: int):
    return store.place_mentions(geonameid, limit=20)
