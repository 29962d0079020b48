"""Small hand-written SVG charts, rendered on the server: no script, no CDN.

Every label passes through Markup's escaping, like the rest of the page.
"""

from __future__ import annotations

from datetime import date, timedelta

from markupsafe import Markup

from newsgraph.article import COUNT_TYPES  # noqa: E402
BAND = 64  # height of one count type's band
LEFT, RIGHT, TOP, AXIS = 96, 16, 8, 40
MAX_BAR = 48  # one month alone is a bar, not a wall


def counts_svg(rows: list[dict], *, width: int = 880) -> Markup:
    """One band per count type (each with its own scale, so 3 killed is not flattened by
    18,000 arrested), bars per period on a shared time axis. Rows: {period, type, total, reports}."""
    rows = [r for r in rows if r.get("period")]
    if not rows:
        return Markup("")
    periods = fill_periods(sorted({r["period"] for r in rows}))
    types = [t for t in COUNT_TYPES if any(r["type"] == t for r in rows)]
    types += sorted({r["type"] for r in rows} - set(types))
    cell = {(r["period"], r["type"]): r for r in rows}
    plot_w = width - LEFT - RIGHT
    step = plot_w / len(periods)
    bar_w = min(MAX_BAR, max(1.0, step * 0.8))
    height = TOP + BAND * len(types) + AXIS
    out = [Markup('<svg class="chart counts-chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" '
                  'aria-label="counts over time">') % (width, height, width, height)]
    for i, t in enumerate(types):
        y0 = TOP + BAND * i
        top = max((cell[p, t]["total"] for p in periods if (p, t) in cell), default=0) or 1
        out.append(Markup('<g class="band" data-type="%s">') % t)
        out.append(Markup('<text class="band-label" x="%d" y="%d">%s</text>') % (LEFT - 8, y0 + BAND / 2 + 4, t))
        out.append(Markup('<text class="band-max" x="%d" y="%d">%s</text>') % (LEFT - 8, y0 + 14, f"{top:,}"))
        out.append(Markup('<line class="baseline" x1="%d" x2="%d" y1="%d" y2="%d"/>')
                   % (LEFT, width - RIGHT, y0 + BAND - 4, y0 + BAND - 4))
        for j, p in enumerate(periods):
            r = cell.get((p, t))
            if not r:
                continue
            h = max(1.0, (BAND - 12) * r["total"] / top)
            x = LEFT + j * step + (step - bar_w) / 2
            out.append(Markup('<rect class="bar c-%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f">'
                              '<title>%s %s: %s (%d reports)</title></rect>')
                       % (t, x, y0 + BAND - 4 - h, bar_w, h, p, t, f"{r['total']:,}", r["reports"]))
        out.append(Markup("</g>"))
    out.extend(_x_labels(periods, step, TOP + BAND * len(types) + 16))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def timeline_svg(rows: list[dict], *, width: int = 640, height: int = 120) -> Markup:
    """Mentions per period as bars. Rows: {period, mentions}."""
    known = {r["period"]: r["mentions"] for r in rows if r.get("period")}
    if not known:
        return Markup("")
    rows = [{"period": p, "mentions": known.get(p, 0)} for p in fill_periods(sorted(known))]
    plot_w = width - LEFT - RIGHT
    step = plot_w / len(rows)
    bar_w = min(MAX_BAR, max(1.0, step * 0.8))
    top = max(r["mentions"] for r in rows) or 1
    base = height - AXIS + 8
    out = [Markup('<svg class="chart timeline" viewBox="0 0 %d %d" width="%d" height="%d" role="img" '
                  'aria-label="mentions over time">') % (width, height, width, height),
           Markup('<text class="band-max" x="%d" y="14">%s</text>') % (LEFT - 8, f"{top:,}"),
           Markup('<text class="band-label" x="%d" y="%d">mentions</text>') % (LEFT - 8, base - 4)]
    for j, r in enumerate(rows):
        if not r["mentions"]:
            continue
        h = max(1.0, (base - TOP - 4) * r["mentions"] / top)
        out.append(Markup('<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: %d mentions'
                          '</title></rect>') % (LEFT + j * step + (step - bar_w) / 2, base - h, bar_w, h,
                                                 r["period"], r["mentions"]))
    out.extend(_x_labels([r["period"] for r in rows], step, base + 16))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _x_labels(periods: list[str], step: float, y: float) -> list[Markup]:
    every = max(1, -(-len(periods) // 10))  # at most about 10 labels
    return [Markup('<text class="x-label" x="%.1f" y="%.1f">%s</text>') % (LEFT + j * step + step / 2, y, p)
            for j, p in enumerate(periods) if j % every == 0]


MAX_FILLED = 3660  # ten years of days


def fill_periods(periods: list[str]) -> list[str]:
    """Sorted YYYY / YYYY-MM / YYYY-MM-DD periods with the empty ones between them added, so a
    quiet month shows as a gap, not as nothing. Mixed or unparsable periods come back as given."""
    lengths = {len(p) for p in periods}
    if len(periods) < 2 or len(lengths) != 1:
        return periods
    try:
        if lengths == {4}:
            out = [str(y) for y in range(int(periods[0]), int(periods[-1]) + 1)]
        elif lengths == {7}:
            (y0, m0), (y1, m1) = (map(int, p.split("-")) for p in (periods[0], periods[-1]))
            out = [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(y0 * 12 + m0 - 1, y1 * 12 + m1)]
        elif lengths == {10}:
            d0, d1 = date.fromisoformat(periods[0]), date.fromisoformat(periods[-1])
            out = [(d0 + timedelta(days=i)).isoformat() for i in range((d1 - d0).days + 1)]
        else:
            return periods
    except ValueError:
        return periods
    return out if len(out) <= MAX_FILLED else periods
