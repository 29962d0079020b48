"""Queries over the stored places (the generic `places` table of the places extractor).

The table follows the store's naming convention for extractor facts: id, article_id,
seq, then the Place fields (entity + entity_id, name, spans as JSON, geo flattened as
geo_geonameid, geo_name, geo_lat, geo_lon, geo_country_code, geo_country_fips, ...,
confidence, metonymy, ...). Both functions take a Connection and return plain dicts.

    places(conn, country="TR", near=(39.9, 32.8, 200), limit=50)
        one row per distinct GeoNames place: its mentions and articles, nearest first
        when `near` is given
    place_mentions(conn, geonameid, limit=20)
        the stored mentions of one place with their article (for the map's sentences)
"""

from __future__ import annotations

import json
import math

from sqlalchemy import Connection, MetaData, Table, and_, func, select

__all__ = ["places", "place_mentions", "parse_near", "places_table"]

EARTH_KM = 6371.0


def places_table(conn: Connection, name: str = "places") -> Table:
    """The places table as it exists in the database (reflected, so this module does not
    depend on how the generic store declares it)."""
    return Table(name, MetaData(), autoload_with=conn)


def parse_near(value: str) -> tuple[float, float, float]:
    """'LAT,LON,KM' -> (lat, lon, km); ValueError naming what is valid."""
    parts = value.split(",")
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"near {value!r} is not valid; valid: LAT,LON,KM such as 39.93,32.86,200") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise ValueError(f"near {value!r} is out of range; valid: -90<=LAT<=90, -180<=LON<=180, KM>0")
    return lat, lon, km


def _box(lat: float, lon: float, km: float):
    """A lat/lon box holding the circle: the SQL prefilter, exact distances after."""
    dlat = math.degrees(km / EARTH_KM)
    coslat = max(math.cos(math.radians(lat)), 1e-6)
    dlon = 180.0 if km / EARTH_KM / coslat > math.pi / 2 else math.degrees(km / EARTH_KM / coslat)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def places(conn: Connection, *, country: str | None = None, near: tuple[float, float, float] | None = None,
           feature_code: str | None = None, article_id: str | None = None, metonymy: bool | None = None,
           limit: int = 50, offset: int = 0, table: Table | None = None) -> list[dict]:
    """Distinct resolved places with how often they are mentioned and in how many articles,
    most mentioned first (nearest first with `near`)."""
    t = table if table is not None else places_table(conn)
    conds = [t.c.geo_geonameid.is_not(None)]
    if country:
        conds.append(func.upper(t.c.geo_country_code) == country.upper())
    if feature_code:
        conds.append(func.upper(t.c.geo_feature_code) == feature_code.upper())
    if article_id:
        conds.append(t.c.article_id == article_id)
    if metonymy is not None:
        conds.append(t.c.metonymy == metonymy)
    if near:
        lat0, lat1, lon0, lon1 = _box(*near)
        conds += [t.c.geo_lat >= lat0, t.c.geo_lat <= lat1]
        if lon1 - lon0 < 360:
            if lon0 < -180 or lon1 > 180:  # the box crosses the antimeridian: no lon filter
                pass
            else:
                conds += [t.c.geo_lon >= lon0, t.c.geo_lon <= lon1]
    mentions = func.sum(func.json_array_length(t.c.spans)) if conn.dialect.name == "sqlite" else \
        func.sum(func.json_array_length(func.cast(t.c.spans, _json_type())))
    q = (select(t.c.geo_geonameid.label("geonameid"), func.max(t.c.geo_name).label("name"),
                func.max(t.c.geo_feature_class).label("feature_class"),
                func.max(t.c.geo_feature_code).label("feature_code"),
                func.max(t.c.geo_country_code).label("country_code"),
                func.max(t.c.geo_country_fips).label("country_fips"),
                func.max(t.c.geo_adm1_name).label("adm1_name"),
                func.max(t.c.geo_lat).label("lat"), func.max(t.c.geo_lon).label("lon"),
                func.max(t.c.geo_population).label("population"),
                mentions.label("mentions"), func.count(func.distinct(t.c.article_id)).label("articles"),
                func.avg(t.c.confidence).label("confidence"))
         .where(and_(*conds)).group_by(t.c.geo_geonameid))
    if near is None:
        q = q.order_by(mentions.desc(), t.c.geo_geonameid).limit(limit).offset(offset)
        return [_row(r) for r in conn.execute(q).mappings()]
    rows = []
    for r in conn.execute(q).mappings():
        d = _row(r)
        d["km"] = round(_km(near[0], near[1], d["lat"], d["lon"]), 1)
        if d["km"] <= near[2]:
            rows.append(d)
    rows.sort(key=lambda d: (d["km"], -d["mentions"], d["geonameid"]))
    return rows[offset: offset + limit]


def _json_type():
    from sqlalchemy.dialects.postgresql import JSON

    return JSON


def _row(r) -> dict:
    d = dict(r)
    d["mentions"] = int(d["mentions"] or 0)
    d["confidence"] = round(float(d["confidence"] or 0.0), 3)
    return d


def place_mentions(conn: Connection, geonameid: int, *, limit: int = 20, table: Table | None = None,
                   articles: Table | None = None) -> list[dict]:
    """Each stored fact for one GeoNames place: article id, the place's name as written, its
    spans (into the article's text) and, when an articles table with `text` and `title` is
    given, the sentence around the first mention."""
    t = table if table is not None else places_table(conn)
    cols = [t.c.article_id, t.c.name, t.c.spans, t.c.metonymy, t.c.confidence]
    q = select(*cols).where(t.c.geo_geonameid == geonameid).order_by(t.c.article_id, t.c.seq).limit(limit)
    if articles is not None:
        q = q.add_columns(articles.c.title, articles.c.text).outerjoin(articles, articles.c.id == t.c.article_id)
    out = []
    for r in conn.execute(q).mappings():
        spans = r["spans"]
        spans = json.loads(spans) if isinstance(spans, str) else spans
        d = {"article_id": r["article_id"], "name": r["name"], "spans": spans,
             "metonymy": bool(r["metonymy"]), "confidence": r["confidence"]}
        if articles is not None:
            d["title"] = r["title"]
            d["sentences"] = [x for x in (_sentence(r["text"] or "", s) for s in spans[:3]) if x]
        out.append(d)
    return out


def _sentence(text: str, span) -> str:
    s, e = span
    lo = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s)) + 1
    hi = min([x for x in (text.find(". ", e), text.find("\n", e)) if x >= 0] or [len(text)])
    return " ".join(text[lo:hi + 1].split())
