"""The explorer in a real browser (Debian's headless Chromium, as tests/test_web_browser.py):
facets, sortable columns, result counts, downloads, the errors page, an entity's articles, and
the interactive network (pan, zoom, drag, hover for a link's evidence, labels that do not collide).

The store holds the hand-made store_cases corpus (with publishers) and the example article
analysed by the real pipeline. Screenshots go to screenshots/web/.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time

import pytest

from newsgraph.article import Source
from store_cases import corpus
from test_web_browser import CHROMIUM_ARGS, EXAMPLE, _need_chromium, _shot, browser, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture(scope="module")
def site(tmp_path_factory, nlp):
    _need_chromium()
    import uvicorn

    from newsgraph.analyze import analyze
    from newsgraph.settings import Settings
    from newsgraph.store import Store
    from newsgraph.web import WebOptions, create_app

    db = tmp_path_factory.mktemp("explorer") / "web.db"
    url = f"sqlite:///{db}"
    with Store.open(url) as store:
        for a, publisher in zip(corpus(), ("Daily Planet", "Daily Planet", "The Courier")):
            a.publisher = publisher
            store.add(a)
        store.add(analyze(EXAMPLE, published="2023-11-08"))
        store.add_error(Source(path="inbox/report.pdf", format="pdf"),
                        "cannot read 'inbox/report.pdf': a PDF document, not text, HTML, WARC or JSONL")
    app = create_app(settings=Settings.from_env(db=url), options=WebOptions(), warm=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def _total(pg) -> int:
    return int(pg.locator("#result-count").inner_text().replace(",", ""))


def _facet(pg, facet: str, label: str):
    return pg.locator(f'.facet[data-facet="{facet}"] li', has=pg.locator("a", has_text=label)).first


def test_facets_filter_the_list_and_count_it(page, site):
    page.goto(f"{site}/quotes")
    everything = _total(page)
    assert everything == page.locator(".quote-row").count() > 5
    indirect = _facet(page, "kind", "indirect")
    n = int(indirect.locator(".n").inner_text())
    assert 0 < n < everything
    indirect.locator("a").first.click()
    page.wait_for_load_state()
    assert "kind=indirect" in page.url and _total(page) == n == page.locator(".quote-row").count()
    assert set(page.locator(".quote-row").evaluate_all("els => els.map(e => e.dataset.kind)")) == {"indirect"}
    assert page.locator('.facet[data-facet="kind"] li.selected').count() == 1
    # Facets combine: the speaker facet now counts only indirect quotes.
    merkel = _facet(page, "speaker", "Angela Merkel")
    assert merkel.locator(".n").inner_text() == "1"
    merkel.locator("a").first.click()
    page.wait_for_load_state()
    assert _total(page) == 1 and page.locator(".quote-row blockquote").inner_text() == "Germany would help"
    assert page.locator(".quote-row .sentence").inner_text() == "Angela Merkel said Germany would help."
    assert page.locator(".chip", has_text="by Angela Merkel").count() == 1
    _shot(page, "quotes-facets")
    # Clicking the selected value removes that filter again.
    page.locator('.facet[data-facet="kind"] li.selected a').first.click()
    page.wait_for_load_state()
    assert "kind=" not in page.url and "entity_id=" in page.url


def test_publisher_and_month_facets_and_sortable_columns(page, site):
    page.goto(f"{site}/articles")
    assert _total(page) == 4
    assert int(_facet(page, "publisher", "Daily Planet").locator(".n").inner_text()) == 2
    _facet(page, "month", "2016-06").locator("a").first.click()
    page.wait_for_load_state()
    assert "since=2016-06" in page.url and "until=2016-06" in page.url
    assert page.locator(".articles-list tbody td:first-child a").all_inner_texts() == ["Recovery"]
    page.goto(f"{site}/articles")
    page.locator('th[data-sort="title"] a').click()
    page.wait_for_load_state()
    titles = page.locator(".articles-list tbody td:first-child > a").all_inner_texts()
    assert titles == sorted(titles, key=str.lower) and page.locator('th[data-sort="title"]').get_attribute("aria-sort") == "ascending"
    page.locator('th[data-sort="title"] a').click()
    page.wait_for_load_state()
    assert page.locator(".articles-list tbody td:first-child > a").all_inner_texts() == titles[::-1]
    _shot(page, "articles-sorted")


def test_article_search_highlights_the_words(page, site):
    page.goto(f"{site}/articles")
    page.fill("input[name=q]", "merkel berlin")
    page.locator("form.filters button").click()
    page.wait_for_load_state()
    assert _total(page) == 1
    assert page.locator(".snippet mark.hit").all_inner_texts() == ["Merkel", "Berlin"]
    _shot(page, "articles-search")


def test_downloads_hold_every_row_of_the_filtered_list(page, site):
    page.goto(f"{site}/quotes?kind=direct")
    total = _total(page)
    with page.expect_download() as dl:
        page.locator("a.dl-csv").first.click()
    rows = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    assert dl.value.suggested_filename == "quotes.csv" and len(rows) == total
    assert {r["kind"] for r in rows} == {"direct"}
    row = next(r for r in rows if r["text"] == "We are winning the fight for jobs,")
    assert (row["article_title"], row["speaker_name"]) == ("Obama on jobs", "Barack Obama")
    assert row["article_id"] and row["sentence"] == '"We are winning the fight for jobs," President Obama said in Chicago.'
    with page.expect_download() as dl:
        page.locator("a.dl-json").first.click()
    data = json.loads(open(dl.value.path(), encoding="utf-8").read())
    assert len(data) == total and {q["id"] for q in data} == {int(r["id"]) for r in rows}
    page.goto(f"{site}/entities?type=PLACE")
    with page.expect_download() as dl:
        page.locator("a.dl-csv").first.click()
    places = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    assert len(places) == _total(page) and {p["type"] for p in places} == {"PLACE"}


def test_entity_page_lists_its_articles_and_errors_are_visible(page, site):
    page.goto(f"{site}/entities?q=barack")
    page.locator(".entities-list tbody a").first.click()
    page.wait_for_load_state()
    assert page.locator(".entity-articles li a").all_inner_texts() == ["Recovery", "Obama on jobs"]
    _shot(page, "entity-articles")
    page.locator(".entity-articles a", has_text="with facets").click()
    page.wait_for_load_state()
    assert _total(page) == 2 and page.locator(".chip", has_text="mentioning Barack Obama").count() == 1
    page.goto(f"{site}/errors")
    assert _total(page) == 1
    assert "a PDF document" in page.locator(".errors-list tbody").inner_text()
    _shot(page, "errors")


def _view(pg):
    return [float(v) for v in pg.locator("svg#network").get_attribute("viewBox").split()]


def test_the_network_pans_zooms_drags_and_shows_a_links_evidence(page, site):
    page.goto(f"{site}/network")
    types = page.locator("input[name=type]:checked").evaluate_all("els => els.map(e => e.value)")
    assert types == ["PERSON", "ORG"]
    classes = set(page.locator("svg#network a.node").evaluate_all("els => els.map(e => e.classList[1])"))
    assert classes <= {"t-PERSON", "t-ORG"} and page.locator("svg#network a.node").count() >= 4
    # Labels do not collide: no two shown labels' boxes overlap.
    boxes = page.locator("svg#network text.label").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => { const b = e.getBBox(); "
        "return [b.x, b.y, b.x + b.width, b.y + b.height]; })")
    assert len(boxes) >= 4
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]
    svg = page.locator("svg#network").bounding_box()

    # Zoom: the wheel over the picture narrows the view around the pointer.
    before = _view(page)
    page.mouse.move(svg["x"] + svg["width"] / 2, svg["y"] + svg["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_function("w => document.getElementById('network').viewBox.baseVal.width < w", arg=before[2])
    zoomed = _view(page)
    assert zoomed[2] < before[2] and zoomed[3] < before[3]
    page.locator("[data-zoom=reset]").click()
    assert _view(page) == before

    # Pan: dragging the background moves the view, not the page. The point must be on
    # screen (elementFromPoint is null outside the viewport): the picture's visible bottom.
    page.locator("svg#network").scroll_into_view_if_needed()
    svg = page.locator("svg#network").bounding_box()
    height = page.evaluate("() => window.innerHeight")
    x0, y0 = svg["x"] + 10, min(svg["y"] + svg["height"], height) - 10
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).id", [x0, y0]) == "network"
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + 120, y0 - 60, steps=6)
    page.mouse.up()
    panned = _view(page)
    assert panned[0] < before[0] - 50 and panned[1] > before[1] + 20 and panned[2] == before[2]
    page.locator("[data-zoom=reset]").click()

    # Drag: a node follows the pointer and its lines follow it; the click does not navigate.
    node = page.evaluate("""() => {
        for (const a of document.querySelectorAll('svg#network a.node')) {
            const id = a.dataset.id;
            if (!document.querySelector(`g.edge[data-source="${id}"], g.edge[data-target="${id}"]`)) continue;
            const r = a.querySelector('circle').getBoundingClientRect();
            const x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (a.contains(document.elementFromPoint(x, y))) return {id, x, y};
        }
    }""")
    assert node, "no node with a link could be grabbed"
    cx0 = float(page.locator(f'a.node[data-id="{node["id"]}"] circle').get_attribute("cx"))
    page.mouse.move(node["x"], node["y"])
    page.mouse.down()
    page.mouse.move(node["x"] + 80, node["y"] + 40, steps=8)
    page.mouse.up()
    assert page.url.endswith("/network")
    circle = page.locator(f'a.node[data-id="{node["id"]}"] circle')
    cx1, cy1 = float(circle.get_attribute("cx")), float(circle.get_attribute("cy"))
    assert cx1 - cx0 > 40
    line = page.locator(f'g.edge[data-source="{node["id"]}"] line.vis, g.edge[data-target="{node["id"]}"] line.vis').first
    ends = [(float(line.get_attribute("x1")), float(line.get_attribute("y1"))),
            (float(line.get_attribute("x2")), float(line.get_attribute("y2")))]
    assert (round(cx1, 1), round(cy1, 1)) in [(round(x, 1), round(y, 1)) for x, y in ends]

    # Hover: a line shows the articles its two entities share, with the passage.
    edge = page.evaluate("""() => {
        for (const g of document.querySelectorAll('svg#network g.edge')) {
            const l = g.querySelector('line.hit');
            const x = (+l.getAttribute('x1') + +l.getAttribute('x2')) / 2, y = (+l.getAttribute('y1') + +l.getAttribute('y2')) / 2;
            const p = new DOMPoint(x, y).matrixTransform(document.getElementById('network').getScreenCTM());
            if (document.elementFromPoint(p.x, p.y) === l) return {x: p.x, y: p.y, source: g.dataset.source, target: g.dataset.target};
        }
    }""")
    assert edge, "no line could be hovered"
    page.mouse.move(edge["x"], edge["y"])
    page.wait_for_selector("#network-evidence .link-article")
    panel = page.locator("#network-evidence")
    names = panel.locator(".link-title a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert names == [f"/entities/{edge['source']}", f"/entities/{edge['target']}"]
    assert "shared article" in panel.locator(".link-count").inner_text()
    assert panel.locator(".link-sentence").count() >= 1
    _shot(page, "network-interactive")

    # A plain click on a node still opens its page.
    page.mouse.click(node["x"] + 80, node["y"] + 40)
    page.wait_for_url(f"**/entities/{node['id']}")


def test_the_network_filters_by_type_and_date(page, site):
    page.goto(f"{site}/network")
    page.check("input[name=type][value=PLACE]")
    page.uncheck("input[name=type][value=PERSON]")
    page.uncheck("input[name=type][value=ORG]")
    page.fill("input[name=since]", "2016")
    page.fill("input[name=until]", "2016-12")
    page.locator("form.network-filters button").click()
    page.wait_for_load_state()
    names = page.locator("svg#network a.node text").all_text_contents()
    assert sorted(names) == ["Berlin", "Chicago", "Germany"]
    _shot(page, "network-places")
