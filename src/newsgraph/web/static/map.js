// The map page: click (or Enter on) a place marker to list its stored sentences.
(function () {
  const panel = document.getElementById("map-panel");
  if (!panel) return;
  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  }
  async function show(circle) {
    const title = circle.querySelector("title").textContent;
    panel.innerHTML = "<p>" + esc(title) + "</p><p class='empty'>loading…</p>";
    const rows = await (await fetch("/map/mentions/" + circle.dataset.gid)).json();
    let html = "<h2>" + esc(title) + "</h2><ul>";
    for (const r of rows) {
      const s = r.spans && r.spans[0];
      const href = "/articles/" + encodeURIComponent(r.article_id) + (s ? "?at=" + s[0] + "-" + s[1] + "#at-" + s[0] : "");
      html += "<li><a href='" + href + "'>" + esc(r.title || r.article_id) + "</a>" +
        (r.metonymy ? " <em>(as an actor)</em>" : "") +
        (r.sentences || []).map((t) => "<blockquote>" + esc(t) + "</blockquote>").join("") + "</li>";
    }
    panel.innerHTML = html + "</ul>";
  }
  document.querySelectorAll("circle.place[data-gid]").forEach((c) => {
    c.addEventListener("click", () => show(c));
    c.addEventListener("keydown", (e) => { if (e.key === "Enter") show(c); });
  });
})();
