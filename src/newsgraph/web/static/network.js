// The network page, interactive: pan (drag the background), zoom (wheel, buttons), drag a
// node (its lines follow), hover a node (its neighbours stay lit) or a line (the articles
// the two share, from /api/network/link). Hand-written over the server's SVG: no library,
// nothing fetched from elsewhere; without this script the server's picture stays as it is.
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) return;
  var panel = document.getElementById("network-evidence");
  document.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  svg.classList.add("live");

  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  var MIN_W = home.w / 12, MAX_W = home.w * 4;

  function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(2); }).join(" ")); }

  function toSvg(ev) {
    var pt = svg.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }

  function zoom(factor, cx, cy) {
    var w = Math.min(MAX_W, Math.max(MIN_W, view.w * factor));
    var f = w / view.w;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) * f;
    view.y = cy - (cy - view.y) * f;
    view.w = w; view.h = view.h * f;
    apply();
  }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toSvg(ev);
    zoom(ev.deltaY > 0 ? 1.2 : 1 / 1.2, p.x, p.y);
  }, { passive: false });

  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var how = b.getAttribute("data-zoom");
      if (how === "in") zoom(1 / 1.4);
      else if (how === "out") zoom(1.4);
      else { view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }
    });
  });

  // Nodes and the lines at each end of them.
  var nodes = {};
  svg.querySelectorAll("a.node").forEach(function (a) {
    var c = a.querySelector("circle"), t = a.querySelector("text");
    nodes[a.getAttribute("data-id")] = {
      el: a, circle: c, label: t, weight: +a.getAttribute("data-weight"),
      x: +c.getAttribute("cx"), y: +c.getAttribute("cy"), r: +c.getAttribute("r"), edges: [], near: {}
    };
  });
  var edges = [];
  svg.querySelectorAll("g.edge").forEach(function (g) {
    var e = { el: g, a: nodes[g.getAttribute("data-source")], b: nodes[g.getAttribute("data-target")],
              lines: g.querySelectorAll("line") };
    if (!e.a || !e.b) return;
    edges.push(e);
    e.a.edges.push(e); e.b.edges.push(e);
    e.a.near[g.getAttribute("data-target")] = true; e.b.near[g.getAttribute("data-source")] = true;
  });

  function moveNode(n, x, y) {
    var dx = x - n.x, dy = y - n.y;
    n.x = x; n.y = y;
    n.circle.setAttribute("cx", x.toFixed(1)); n.circle.setAttribute("cy", y.toFixed(1));
    n.label.setAttribute("x", (+n.label.getAttribute("x") + dx).toFixed(1));
    n.label.setAttribute("y", (+n.label.getAttribute("y") + dy).toFixed(1));
    n.edges.forEach(function (e) {
      e.lines.forEach(function (l) {
        l.setAttribute("x1", e.a.x.toFixed(1)); l.setAttribute("y1", e.a.y.toFixed(1));
        l.setAttribute("x2", e.b.x.toFixed(1)); l.setAttribute("y2", e.b.y.toFixed(1));
      });
    });
  }

  // Labels that do not collide, measured as drawn: the heaviest nodes first, each label
  // right, left, above or below its node, else hidden (shown while hovered).
  function placeLabels() {
    var placed = [], list = Object.keys(nodes).map(function (k) { return nodes[k]; });
    list.sort(function (p, q) { return q.weight - p.weight; });
    var circles = list.map(function (n) { return [n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r, n]; });
    function hits(b, own) {
      for (var i = 0; i < placed.length; i++) if (overlap(b, placed[i])) return true;
      for (var j = 0; j < circles.length; j++) if (circles[j][4] !== own && overlap(b, circles[j])) return true;
      return false;
    }
    list.forEach(function (n) {
      var t = n.label;
      t.classList.remove("hidden");
      var w = t.getComputedTextLength(), h = 13;
      var options = [[n.x + n.r + 3, n.y + 4, "start"], [n.x - n.r - 3, n.y + 4, "end"],
                     [n.x, n.y - n.r - 4, "middle"], [n.x, n.y + n.r + h, "middle"]];
      for (var i = 0; i < options.length; i++) {
        var o = options[i], x0 = o[2] === "start" ? o[0] : o[2] === "end" ? o[0] - w : o[0] - w / 2;
        var box = [x0, o[1] - h + 3, x0 + w, o[1] + 3];
        var inside = box[0] >= home.x && box[1] >= home.y && box[2] <= home.x + home.w && box[3] <= home.y + home.h;
        if (inside && !hits(box, n)) {
          t.setAttribute("x", o[0].toFixed(1)); t.setAttribute("y", o[1].toFixed(1)); t.setAttribute("text-anchor", o[2]);
          placed.push(box);
          return;
        }
      }
      t.classList.add("hidden");
    });
  }
  function overlap(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  placeLabels();

  // Dragging: a node moves, the background pans.
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    var a = ev.target.closest("a.node");
    var p = toSvg(ev);
    drag = { node: a ? nodes[a.getAttribute("data-id")] : null, start: p, moved: false,
             sx: ev.clientX, sy: ev.clientY, view: { x: view.x, y: view.y } };
    if (drag.node) { drag.ox = drag.node.x - p.x; drag.oy = drag.node.y - p.y; }
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    if (!drag.moved && Math.abs(ev.clientX - drag.sx) + Math.abs(ev.clientY - drag.sy) > 3) {
      // Captured only once it is a drag: a plain click must still reach the node's link.
      drag.moved = true;
      svg.setPointerCapture(ev.pointerId);
    }
    if (!drag.moved) return;
    if (drag.node) {
      var p = toSvg(ev);
      moveNode(drag.node, p.x + drag.ox, p.y + drag.oy);
    } else {
      var ctm = svg.getScreenCTM();
      view.x = drag.view.x - (ev.clientX - drag.sx) / ctm.a;
      view.y = drag.view.y - (ev.clientY - drag.sy) / ctm.d;
      apply();
    }
    svg.classList.add("dragging");
  });
  var swallowUntil = 0;
  svg.addEventListener("click", function (ev) {
    if (Date.now() < swallowUntil) { ev.preventDefault(); ev.stopPropagation(); swallowUntil = 0; }
  }, true);
  function endDrag() {
    if (drag && drag.moved) {
      if (drag.node) placeLabels();
      swallowUntil = Date.now() + 400;  // the click that ends a drag is not a click on a node
      setTimeout(function () { svg.classList.remove("dragging"); }, 0);
    }
    drag = null;
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  // Hover: a node keeps its neighbours lit; a line shows its evidence.
  svg.addEventListener("mouseover", function (ev) {
    if (drag) return;
    var a = ev.target.closest("a.node");
    if (a) {
      var id = a.getAttribute("data-id"), n = nodes[id];
      svg.classList.add("focus");
      a.classList.add("lit");
      Object.keys(n.near).forEach(function (k) { nodes[k].el.classList.add("lit"); });
      n.edges.forEach(function (e) { e.el.classList.add("lit"); });
      return;
    }
    var g = ev.target.closest("g.edge");
    if (g) showLink(g);
  });
  svg.addEventListener("mouseout", function (ev) {
    var a = ev.target.closest("a.node");
    if (a && !(ev.relatedTarget && a.contains(ev.relatedTarget))) {
      svg.classList.remove("focus");
      svg.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
    }
  });

  var cache = {}, current = null;
  function showLink(g) {
    var key = g.getAttribute("data-source") + "-" + g.getAttribute("data-target");
    if (key === current) return;
    current = key;
    svg.querySelectorAll("g.edge.shown").forEach(function (el) { el.classList.remove("shown"); });
    g.classList.add("shown");
    if (cache[key]) { fill(cache[key]); return; }
    var q = new URLSearchParams({ source: g.getAttribute("data-source"), target: g.getAttribute("data-target") });
    if (svg.getAttribute("data-since")) q.set("since", svg.getAttribute("data-since"));
    if (svg.getAttribute("data-until")) q.set("until", svg.getAttribute("data-until"));
    fetch("/api/network/link?" + q.toString(), { headers: { accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (d) { cache[key] = d; if (current === key) fill(d); })
      .catch(function () { if (current === key) fillError(); });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // Every piece of text goes in through textContent: article titles and sentences are data, never markup.
  function fill(d) {
    panel.replaceChildren();
    var h = el("h3", "link-title");
    var a = el("a", null, d.source.name); a.href = "/entities/" + d.source.id;
    var b = el("a", null, d.target.name); b.href = "/entities/" + d.target.id;
    h.append(a, " — ", b);
    panel.append(h, el("p", "link-count", d.articles + (d.articles === 1 ? " shared article" : " shared articles")));
    var ol = el("ol", "link-evidence");
    d.evidence.forEach(function (ev) {
      var li = el("li");
      var t = el("a", "link-article", ev.title || ev.article_id);
      t.href = "/articles/" + encodeURIComponent(ev.article_id) + (ev.span ? "?at=" + ev.span[0] + "-" + ev.span[1] + "#at-" + ev.span[0] : "");
      li.append(t, " ", el("small", null, ev.published || "undated"));
      if (ev.sentence) li.append(el("p", "link-sentence", ev.sentence));
      ol.append(li);
    });
    panel.append(ol);
    if (d.articles > d.evidence.length) panel.append(el("p", "more", "and " + (d.articles - d.evidence.length) + " more"));
  }
  function fillError() {
    panel.replaceChildren(el("p", "error", "could not load this link's articles"));
  }
})();
