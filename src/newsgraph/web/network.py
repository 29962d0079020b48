"""The co-occurrence network as SVG: a deterministic force-directed layout (numpy), drawn
on the server, each node a link to its entity's page."""

from __future__ import annotations

import math

import numpy as np
from markupsafe import Markup

TYPE_CLASSES = {"PERSON", "ORG", "PLACE", "GROUP"}


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
        fx = (dx * force).sum(axis=1) + (0.5 - x) * 0.05  # a little gravity keeps loners on the canvas
        fy = (dy * force).sum(axis=1) + (0.5 - y) * 0.05
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, temp) / length
        x += fx * step
        y += fy * step
        temp *= 0.985
    pos = np.stack([x, y], axis=1)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    return (pos - lo) / np.where(hi - lo > 0, hi - lo, 1)


MAX_EDGES_PER_NODE = 3  # more lines than this per node is a hairball, not a picture


def network_svg(graph: dict, *, width: int = 900, height: int = 640) -> Markup:
    """graph: {nodes: [{id, name, type, weight}], edges: [{source, target, weight}]}. All
    edges shape the layout; only the strongest (3 per node) are drawn."""
    nodes = graph["nodes"]
    if not nodes:
        return Markup("")
    index = {nd["id"]: i for i, nd in enumerate(nodes)}
    edges = [(index[e["source"]], index[e["target"]], e["weight"]) for e in graph["edges"]
             if e["source"] in index and e["target"] in index]
    pos = layout(len(nodes), edges)
    edges = sorted(edges, key=lambda e: -e[2])[: MAX_EDGES_PER_NODE * len(nodes)]
    pad, label_room = 30, 150  # labels sit right of their node
    xy = [(pad + x * (width - 2 * pad - label_room), pad + y * (height - 2 * pad)) for x, y in pos]
    top_w = max(nd["weight"] for nd in nodes) or 1
    top_e = max((w for _, _, w in edges), default=1)
    out = [Markup('<svg class="network" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="entity network">')
           % (width, height), Markup('<g class="edges">')]
    for a, b, w in edges:
        out.append(Markup('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke-width="%.2f"><title>%s — %s: '
                          '%d shared articles</title></line>')
                   % (*xy[a], *xy[b], 0.5 + 3.5 * w / top_e, nodes[a]["name"], nodes[b]["name"], w))
    out.append(Markup('</g><g class="nodes">'))
    for i, nd in enumerate(nodes):
        r = 4 + 14 * math.sqrt(nd["weight"] / top_w)
        cls = nd["type"] if nd["type"] in TYPE_CLASSES else "OTHER"
        out.append(Markup('<a href="/entities/%d" class="node t-%s"><circle cx="%.1f" cy="%.1f" r="%.1f">'
                          '<title>%s (%s): in %d articles</title></circle>'
                          '<text x="%.1f" y="%.1f">%s</text></a>')
                   % (nd["id"], cls, *xy[i], r, nd["name"], nd["type"], nd["weight"],
                      xy[i][0] + r + 2, xy[i][1] + 4, nd["name"]))
    out.append(Markup("</g></svg>"))
    return Markup("").join(out)
