"""Write src/newsgraph/web/static/world-outlines.json: country outlines for the offline map.

    python scripts/build_world_outlines.py

From the countryinfo package's GeoJSON (Natural Earth-derived, MIT): each country's
rings projected equirectangularly (x = lon + 180, y = 90 - lat, so the map's viewBox
is 0 0 360 180), rounded to 0.2 degrees, repeated points and rings under three points
dropped. One SVG path per country keyed by ISO alpha-2. Run again only to refresh.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/web/static/world-outlines.json"
STEP = 0.2


def ring_path(ring) -> str:
    pts = []
    for lon, lat, *_ in ring:
        p = (round((lon + 180) / STEP) * STEP, round((90 - lat) / STEP) * STEP)
        if not pts or p != pts[-1]:
            pts.append(p)
    if len(pts) < 4:
        return ""
    return "M" + "L".join(f"{round(x, 1):g} {round(y, 1):g}" for x, y in pts) + "Z"


def main() -> None:
    data = Path(importlib.import_module("countryinfo").__file__).parent / "data"
    out = {}
    for f in sorted(data.glob("*.json")):
        try:
            d = json.loads(f.read_text("utf-8"))
        except ValueError:
            continue
        iso = (d.get("ISO") or {}).get("alpha2")
        geo = d.get("geoJSON") or {}
        if not iso or not geo.get("features"):
            continue
        parts = []
        for feat in geo["features"]:
            g = feat.get("geometry") or {}
            polys = g.get("coordinates") or []
            if g.get("type") == "Polygon":
                polys = [polys]
            for poly in polys:
                for ring in poly[:1]:  # outer rings only: holes do not show at this scale
                    parts.append(ring_path(ring))
        path = "".join(p for p in parts if p)
        if path:
            out[iso] = {"name": d.get("name", iso), "d": path}
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", "utf-8")
    print(f"{OUT}: {len(out)} countries, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
