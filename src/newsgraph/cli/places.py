"""`newsgraph places [--country XX] [--near LAT,LON,KM]`: stored places, most mentioned first.

`newsgraph gazetteer` builds (or rebuilds) the gazetteer index now, instead of on first use.
"""

from __future__ import annotations

import argparse
import sys

from newsgraph.settings import Settings

_COLUMNS = ["geonameid", "name", "feature_code", "country_code", "adm1_name", "lat", "lon", "mentions", "articles"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("places", help="stored places resolved to GeoNames",
                       description="Stored places, one row per GeoNames entry, most mentioned first "
                                   "(nearest first with --near).")
    p.add_argument("--country", metavar="XX", help="ISO 3166-1 alpha-2 country code, e.g. TR")
    p.add_argument("--near", metavar="LAT,LON,KM", help="within KM kilometres of LAT,LON, e.g. 39.93,32.86,200")
    p.add_argument("--feature-code", metavar="CODE", help="PPL, PPLC, ADM1, ADM2, PCLI, CONT")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N places (default 50)")
    p.add_argument("--db", metavar="URL", default=None, help="store URL (default NEWSGRAPH_DB)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(handler=run_places)

    p = sub.add_parser("gazetteer", help="build the places gazetteer index now",
                       description="Build the GeoNames index the places extractor uses into the cache "
                                   "directory (NEWSGRAPH_CACHE, default the user cache directory); "
                                   "otherwise it is built on first use.")
    p.set_defaults(handler=run_gazetteer)


def run_places(args: argparse.Namespace) -> int:
    from newsgraph.cli.store import _emit
    from newsgraph.store import Store, StoreError
    from newsgraph.store.query_places import parse_near

    try:
        near = parse_near(args.near) if args.near else None
        with Store.open(Settings.from_env(db=args.db).db, create=False) as store:
            rows = store.places(country=args.country, near=near, feature_code=args.feature_code, limit=args.limit)
    except (ValueError, StoreError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    _emit(rows, args.format, _COLUMNS + (["km"] if near else []))
    return 0


def run_gazetteer(args: argparse.Namespace) -> int:
    from newsgraph.geo.gazetteer import build, index_path

    figures = build(index_path())
    print(f"{figures['path']}: {figures['records']:,} places, {figures['names']:,} names, "
          f"{figures['bytes'] / 1e6:.1f} MB, built in {figures['seconds']}s")
    return 0
