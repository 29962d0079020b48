"""The co-occurrence network as SVG: a deterministic force-directed layout (numpy), drawn
on the server, each node a link to its entity's page."""

from __future__ import annotations

import math

import numpy as np
from markupsafe import Markup

TYPE_CLASSES = {"PERSON", "ORG", "PLACE", "GROUP"}


GRAVITY = 1.0  # pulls separate clusters together: weaker, and they fly to the corners, each a clump


def layout(n: int, edges: list[tuple[int, int, float]], *, iterations: int = 300, seed: int = 7) -> np.ndarray:
    """Fruchterman-Reingold positions in the unit square; same input, same picture."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = math.sqrt(1.0 / n)
    adj = np.zeros((n, n))
    for a, b, w in edges:
        adj[a, b] = adj[b, a] = 1.0 + math.log(w)
    temp = 0.1
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    for _ in range(iterations):
        # Two 2-D arrays rather than one 3-D one: the same sums at a third of the cost.
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist = np.maximum(np.sqrt(dx * dx + dy * dy), 1e-3)
        force = k * k / (dist * dist) - adj * dist / k  # repulsion minus spring attraction, per unit vector
        fx = (dx * force).sum(axis=1) + (0.5 - x) * GRAVITY
        fy = (dy * force).sum(axis=1) + (0.5 - y) * GRAVITY
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, temp) / length
        x += fx * step
        y += fy * step
        temp *= 0.985
    pos = np.stack([x, y], axis=1)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    return (pos - lo) / np.where(hi - lo > 0, hi - lo, 1)


MAX_EDGES_PER_NODE = 3  # more lines than this per node is a hairball, not a picture
CHAR_W, LINE_H = 6.3, 13  # an 11px label's average character width and its line, in SVG units


def separate(xy: list[tuple[float, float]], radii: list[float], *, box: tuple[float, float, float, float],
             gap: float = 6, rounds: int = 60) -> list[tuple[float, float]]:
    """Nodes pushed apart until no two circles are closer than `gap` (or `rounds` are spent),
    kept inside `box`: the layout places clusters, this keeps a cluster's nodes readable."""
    p = np.array(xy, dtype=float)
    r = np.array(radii, dtype=float)
    for _ in range(rounds):
        d = p[:, None, :] - p[None, :, :]
        dist = np.sqrt((d ** 2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        need = r[:, None] + r[None, :] + gap
        push = np.where(dist < need, (need - dist) / 2, 0.0)
        if not push.any():
            break
        unit = d / np.maximum(dist, 1e-6)[:, :, None]
        unit[~np.isfinite(unit)] = 0
        p += (unit * push[:, :, None]).sum(axis=1)
        p[:, 0] = p[:, 0].clip(box[0], box[2])
        p[:, 1] = p[:, 1].clip(box[1], box[3])
    return [(float(x), float(y)) for x, y in p]


def label_box(x: float, y: float, anchor: str, text: str) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) a label drawn at baseline (x, y) with this text-anchor covers."""
    w = CHAR_W * len(text)
    x0 = {"start": x, "end": x - w, "middle": x - w / 2}[anchor]
    return (x0, y - LINE_H + 3, x0 + w, y + 3)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(xy: list[tuple[float, float]], radii: list[float], names: list[str], *,
                 width: float, height: float) -> list[tuple[float, float, str] | None]:
    """Where each node's label goes (x, y, text-anchor), or None when it fits nowhere: the
    nodes in order (the heaviest first) take the first of right, left, above, below that
    stays on the canvas and clear of every label placed before and of every node."""
    circles = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(xy, radii)]
    placed: list[tuple[float, float, float, float]] = []
    out: list[tuple[float, float, str] | None] = []
    for i, ((x, y), r, name) in enumerate(zip(xy, radii, names)):
        choice = None
        for cx, cy, anchor in ((x + r + 3, y + 4, "start"), (x - r - 3, y + 4, "end"),
                               (x, y - r - 4, "middle"), (x, y + r + LINE_H, "middle")):
            box = label_box(cx, cy, anchor, name)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if any(_overlap(box, p) for p in placed):
                continue
            if any(_overlap(box, c) for j, c in enumerate(circles) if j != i):
                continue
            choice = (cx, cy, anchor)
            placed.append(box)
            break
        out.append(choice)
    return out


def network_svg(graph: dict, *, width: int = 900, height: int = 640, since: str | None = None,
                until: str | None = None) -> Markup:
    """graph: {nodes: [{id, name, type, weight}], edges: [{source, target, weight}]}. All
    edges shape the layout; only the strongest (3 per node) are drawn. Labels that would
    collide are left out (shown on hover). The data-* attributes feed static/network.js,
    which makes the picture interactive; without it this is the whole picture."""
    nodes = graph["nodes"]
    if not nodes:
        return Markup("")
    index = {nd["id"]: i for i, nd in enumerate(nodes)}
    edges = [(index[e["source"]], index[e["target"]], e["weight"]) for e in graph["edges"]
             if e["source"] in index and e["target"] in index]
    pos = layout(len(nodes), edges)
    edges = sorted(edges, key=lambda e: -e[2])[: MAX_EDGES_PER_NODE * len(nodes)]
    pad_x, pad_y = 80, 30  # room for labels left and right of the outermost nodes
    top_w = max(nd["weight"] for nd in nodes) or 1
    top_e = max((w for _, _, w in edges), default=1)
    radii = [4 + 14 * math.sqrt(nd["weight"] / top_w) for nd in nodes]
    xy = separate([(pad_x + x * (width - 2 * pad_x), pad_y + y * (height - 2 * pad_y)) for x, y in pos], radii,
                  box=(pad_x, pad_y, width - pad_x, height - pad_y))
    labels = place_labels(xy, radii, [nd["name"] for nd in nodes], width=width, height=height)
    out = [Markup('<svg class="network" id="network" viewBox="0 0 %d %d" width="100%%" role="img" '
                  'aria-label="entity network" data-since="%s" data-until="%s">')
           % (width, height, since or "", until or ""), Markup('<g class="edges">')]
    for a, b, w in edges:
        ends = (*xy[a], *xy[b])
        out.append(Markup('<g class="edge" data-source="%d" data-target="%d" data-weight="%d">'
                          '<line class="vis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke-width="%.2f"/>'
                          '<line class="hit" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>'
                          '<title>%s — %s: %d shared articles</title></g>')
                   % (nodes[a]["id"], nodes[b]["id"], w, *ends, 0.5 + 3.5 * w / top_e, *ends,
                      nodes[a]["name"], nodes[b]["name"], w))
    out.append(Markup('</g><g class="nodes">'))
    for i, nd in enumerate(nodes):
        cls = nd["type"] if nd["type"] in TYPE_CLASSES else "OTHER"
        x, y = xy[i]
        lx, ly, anchor = labels[i] or (x + radii[i] + 3, y + 4, "start")
        out.append(Markup('<a href="/entities/%d" class="node t-%s" data-id="%d" data-weight="%d">'
                          '<circle cx="%.1f" cy="%.1f" r="%.1f"><title>%s (%s): in %d articles</title></circle>'
                          '<text class="label%s" x="%.1f" y="%.1f" text-anchor="%s">%s</text></a>')
                   % (nd["id"], cls, nd["id"], nd["weight"], x, y, radii[i], nd["name"], nd["type"], nd["weight"],
                      "" if labels[i] else " hidden", lx, ly, anchor, nd["name"]))
    out.append(Markup("</g></svg>"))
    return Markup("").join(out)
