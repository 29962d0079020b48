"""The pages in a real browser: Playwright driving Debian's headless Chromium against a
real server (uvicorn on a free port) over a real SQLite file and the real pipeline.

Screenshots go to screenshots/web/ (gitignored). Without /usr/bin/chromium these tests
skip with the reason; under CI=true they fail instead (scripts/setup.d/chromium.sh
installs it).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "screenshots" / "web"
EXAMPLE = (ROOT / "examples" / "turan-blinken-cleverly.txt").read_text("utf-8")
# The machine has no internet: keep Chromium from trying to reach it.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

pytestmark = [pytest.mark.browser, pytest.mark.model]


def _need_chromium() -> None:
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"{CHROMIUM} not found: install Debian's chromium (scripts/setup.d/chromium.sh does, as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " -- required under CI=true")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    """`create_app` served by uvicorn in a thread, as `newsgraph serve` does."""
    _need_chromium()
    import uvicorn

    from newsgraph.settings import Settings
    from newsgraph.web import WebOptions, create_app

    db = tmp_path_factory.mktemp("browser") / "web.db"
    app = create_app(settings=Settings.from_env(db=f"sqlite:///{db}"), options=WebOptions())
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


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # Anything fetched from outside the app (a CDN) would fail offline: record it.
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1:", "data:")) else None)
    yield pg
    context.close()
    assert errors == [], f"script errors on the page: {errors}"
    assert outside == [], f"requests outside the app: {outside}"


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _paste(pg, server: str, text: str, *, store: bool = False, published: str = "") -> None:
    pg.goto(f"{server}/analyze")
    pg.fill("textarea[name=text]", text)
    pg.fill("input[name=published]", published)
    if store:
        pg.check("input[name=store]")
    pg.click("#analyze-button")
    pg.wait_for_load_state()


def test_paste_an_article_and_see_quotes_in_their_speakers_colours(page, server):
    _paste(page, server, EXAMPLE)
    blinken = page.locator('mark.q[data-speaker="Antony Blinken"]')
    assert blinken.count() >= 2
    first = blinken.first.inner_text()
    assert first == '"We will stand with Ukraine for as long as it takes,"'
    # The speaker's name stands beside the quote, in the quote's colour.
    tag = page.locator(".speaker-tag", has_text="Antony Blinken").first
    assert tag.is_visible()
    mark_class = blinken.first.get_attribute("class").split()[1]
    assert mark_class in tag.get_attribute("class").split()
    cleverly = page.locator('mark.q[data-speaker="James Cleverly"]')
    assert cleverly.first.inner_text() == '"Britain will not waver. Our commitment is absolute."'
    assert cleverly.first.get_attribute("class") != blinken.first.get_attribute("class")
    tag_bg = page.evaluate("el => getComputedStyle(el).backgroundColor", tag.element_handle())
    mark_bg = page.evaluate("el => getComputedStyle(el).backgroundColor", blinken.first.element_handle())
    assert tag_bg != mark_bg != "rgba(0, 0, 0, 0)"
    # Side panel: quotes grouped by speaker; entities with counts; removed lines with reasons.
    groups = page.locator(".speaker-group .name").all_inner_texts()
    assert "Antony Blinken" in groups and "James Cleverly" in groups
    assert page.locator(".ent.ent-PERSON", has_text="Blinken").count() >= 1
    assert page.locator('.count[data-type="KILL"]').count() >= 1
    removed = page.locator(".removed tbody tr").all_inner_texts()
    assert any("Foto açıq mənbələrdən götürülüb" in r and "photo caption" in r for r in removed)
    _shot(page, "analyze")


def test_script_in_a_pasted_article_does_not_run(page, server):
    text = ('Officials met on Monday.\n\n"<script>document.title = \'pwned\'</script><img src=x '
            'onerror="document.title=\'pwned\'"> is fine," Mr Hale said.')
    _paste(page, server, text)
    assert page.title() == "Analyse · newsgraph"
    assert "<script>document.title = 'pwned'</script>" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text img, #article-text script").count() == 0


def test_store_then_open_a_speakers_page_and_search_quotes(page, server):
    _paste(page, server, EXAMPLE, store=True, published="2023-11-08")
    assert "/articles/" in page.url
    assert page.locator('mark.q[data-speaker="Antony Blinken"]').count() >= 2
    _shot(page, "article")
    page.locator("a.speaker-tag", has_text="Antony Blinken").first.click()
    page.wait_for_load_state()
    assert page.locator("h1.entity-name").inner_text().startswith("Antony Blinken")
    quotes = page.locator(".entity-quotes blockquote").all_inner_texts()
    assert any("We will stand with Ukraine" in q for q in quotes)
    assert "James Cleverly" in page.locator(".cooccurring").inner_text()
    _shot(page, "entity")
    # The link from a quote goes back to its sentence in the article.
    page.locator(".entity-quotes a.in-article").first.click()
    page.wait_for_load_state()
    assert "#at-" in page.url and page.locator(".target").count() >= 1

    page.goto(f"{server}/quotes")
    page.fill("input[name=speaker]", "Cleverly")
    page.fill("input[name=q]", "waver")
    page.click("#quote-search button")
    page.wait_for_load_state()
    rows = page.locator(".quote-row")
    assert rows.count() == 1
    assert rows.first.locator("blockquote").inner_text() == '"Britain will not waver. Our commitment is absolute."'
    assert rows.first.locator(".speaker").inner_text() == "James Cleverly"
    _shot(page, "quotes")


def test_people_counts_and_network_pages_draw(page, server):
    _paste(page, server, EXAMPLE, store=True, published="2023-11-08")
    page.goto(f"{server}/entities?type=PERSON")
    assert page.locator(".entities-list tbody tr").first.locator("td:first-child a").inner_text() == "Antony Blinken"
    _shot(page, "entities")
    page.goto(f"{server}/counts")
    assert page.locator('svg.counts-chart g.band[data-type="KILL"] rect').count() >= 1
    assert any("aid workers" in t for t in page.locator(".counts-list tbody tr").all_inner_texts())
    _shot(page, "counts")
    page.goto(f"{server}/network")
    assert page.locator("svg.network a.node").count() >= 2
    assert page.locator("svg.network line").count() >= 1
    _shot(page, "network")


def test_api_docs_render_offline(page, server):
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/analyze" in paths and "/api/entities/{entity_id}" in paths
    _shot(page, "docs")
