"""The HTTP API and pages, called in-process over a real SQLite file and the real pipeline."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from newsgraph.settings import Settings
from newsgraph.web import WebOptions, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.model
EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "turan-blinken-cleverly.txt").read_text("utf-8")


def _client(tmp: Path, **options) -> TestClient:
    settings = Settings.from_env(db=f"sqlite:///{tmp / 'web.db'}")
    return TestClient(create_app(settings=settings, options=WebOptions(**options), warm=False))


@pytest.fixture(scope="module")
def client(tmp_path_factory, nlp):
    with _client(tmp_path_factory.mktemp("web")) as c:
        r = c.post("/api/articles?published=2023-11-08&url=https://turan.az/x", content=EXAMPLE.encode(),
                   headers={"content-type": "text/plain"})
        assert r.status_code == 201, r.text
        c.example_id = r.json()["id"]
        yield c


def _by(rows, key, value):
    return [r for r in rows if r[key] == value]


def test_analyze_returns_the_record_without_storing_it(client):
    r = client.post("/api/analyze", json={"text": '"Zebras are fine," said Ms Okafor, a keeper.'})
    assert r.status_code == 200
    rec = r.json()
    assert rec["text"] == '"Zebras are fine," said Ms Okafor, a keeper.'
    assert [q["text"] for q in rec["quotes"]] == ['"Zebras are fine,"']
    assert client.get("/api/articles", params={"search": "Zebras"}).json() == []


def test_analyze_takes_plain_text_and_html_bodies(client):
    r = client.post("/api/analyze?published=2023-11-08&title=T", content=EXAMPLE.encode(),
                    headers={"content-type": "text/plain; charset=utf-8"})
    rec = r.json()
    assert (r.status_code, rec["published"], rec["title"]) == (200, "2023-11-08", "T")
    blinken = [q for q in rec["quotes"] if q["speaker"] and q["speaker"]["name"] == "Antony Blinken"]
    assert any("We will stand with Ukraine" in q["text"] for q in blinken)
    html = "<html><body><article><h1>Head</h1><p>" + "<p>".join(EXAMPLE.split("\n\n")) + "</article></body></html>"
    r = client.post("/api/analyze", content=html.encode(), headers={"content-type": "text/html"})
    assert r.status_code == 200 and r.json()["source"]["format"] == "html"
    assert "Britain will not waver" in r.json()["text"]


def test_storing_again_answers_200_with_the_same_record(client):
    r = client.post("/api/articles?published=2023-11-08", content=EXAMPLE.encode(),
                    headers={"content-type": "text/plain"})
    assert r.status_code == 200
    assert r.headers["location"] == f"/api/articles/{client.example_id}"
    stored = client.get(f"/api/articles/{client.example_id}").json()
    assert stored["quotes"] == r.json()["quotes"] and stored["published"] == "2023-11-08"


@pytest.mark.parametrize("url, detail", [
    ("/api/articles/0123456789abcdef", "no article with id '0123456789abcdef'"),
    ("/api/entities/999999", "no entity with id 999999"),
])
def test_unknown_ids_are_404(client, url, detail):
    r = client.get(url)
    assert (r.status_code, r.json()["detail"]) == (404, detail)


@pytest.mark.parametrize("method, url, kw, detail", [
    ("post", "/api/analyze", {"json": {"text": ""}}, "body field 'text': String should have at least 1 character"),
    ("post", "/api/analyze", {"json": {"txt": "a"}}, "body field 'text': Field required"),
    ("post", "/api/analyze", {"json": {"text": "a", "published": "Nov 8"}},
     "body field 'published': String should match pattern '^\\d{4}(-\\d{2}(-\\d{2})?)?$'"),
    ("post", "/api/analyze", {"content": b"   \n ", "headers": {"content-type": "text/plain"}},
     "cannot read '<input>': no text; valid: a news article as text, HTML, WARC or JSONL"),
    ("post", "/api/analyze", {"content": b"caf\xe9", "headers": {"content-type": "text/plain"}},
     "request body is not UTF-8 text (byte 3); send UTF-8"),
    ("get", "/api/quotes?limit=0", {}, "query parameter 'limit': Input should be greater than or equal to 1"),
    ("get", "/api/quotes?since=2023-13", {}, "since '2023-13' is not a date; valid: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("get", "/api/counts?by=week", {}, "query parameter 'by': Input should be 'day', 'month' or 'year'"),
])
def test_bad_input_is_422_with_the_reason(client, method, url, kw, detail):
    r = getattr(client, method)(url, **kw)
    assert (r.status_code, r.json()["detail"]) == (422, detail)


def test_unknown_body_type_is_415(client):
    r = client.post("/api/analyze", content=b"<a/>", headers={"content-type": "application/xml"})
    assert (r.status_code, r.json()["detail"]) == (
        415, "cannot read a 'application/xml' body; valid: application/json, text/plain, text/html")


def test_bodies_over_the_limit_are_413_declared_or_streamed(tmp_path):
    with _client(tmp_path, max_body_bytes=1000) as c:
        r = c.post("/api/analyze", content=b"x" * 1001, headers={"content-type": "text/plain"})
        assert (r.status_code, r.json()["detail"]) == (
            413, "request body is larger than 1000 bytes (the limit, NEWSGRAPH_WEB_MAX_BODY)")
        chunks = (b"y" * 400 for _ in range(3))  # no Content-Length: counted as it streams
        r = c.post("/api/analyze", content=chunks, headers={"content-type": "text/plain"})
        assert r.status_code == 413
        r = c.post("/analyze", data={"text": "z" * 2000})
        assert r.status_code == 413 and "larger than 1000 bytes" in r.text


def test_analysis_past_the_time_cap_is_503(tmp_path, nlp):
    with _client(tmp_path, analyze_timeout=0.000001) as c:
        r = c.post("/api/analyze", json={"text": EXAMPLE})
        assert r.status_code == 503
        assert r.json()["detail"].startswith("analysis took longer than 1e-06 s (the limit, NEWSGRAPH_WEB_TIMEOUT)")


def test_quotes_by_speaker_and_words(client):
    rows = client.get("/api/quotes", params={"speaker": "blinken"}).json()
    assert rows and {r["speaker_name"] for r in rows} == {"Antony Blinken"}
    assert any("We will stand with Ukraine" in r["text"] for r in rows)
    rows = client.get("/api/quotes", params={"search": "waver"}).json()
    assert [(r["speaker_name"], r["text"]) for r in rows] == [
        ("James Cleverly", '"Britain will not waver. Our commitment is absolute."')]
    assert client.get("/api/quotes", params={"speaker": "Blinken", "until": "2023-10"}).json() == []
    page = client.get("/api/quotes", params={"limit": 1, "offset": 1}).json()
    assert len(page) == 1 and page[0] == client.get("/api/quotes", params={"limit": 2}).json()[1]


def test_entities_ranked_and_one_entity_with_quotes_and_company(client):
    people = client.get("/api/entities", params={"type": "PERSON"}).json()
    assert people[0]["name"] == "Antony Blinken" and people[0]["quotes"] >= 2
    blinken = client.get(f"/api/entities/{people[0]['id']}").json()
    assert (blinken["name"], blinken["type"], blinken["articles"]) == ("Antony Blinken", "PERSON", 1)
    assert blinken["timeline"] == [{"period": "2023-11", "mentions": blinken["mentions"]}]
    assert {q["speaker_name"] for q in blinken["quotes"]} == {"Antony Blinken"}
    assert "James Cleverly" in [o["name"] for o in blinken["cooccurring"]]


def test_counts_by_month_and_their_sentences(client):
    monthly = client.get("/api/counts", params={"by": "month", "type": "ARREST"}).json()
    assert monthly and {r["period"] for r in monthly} == {"2023-11"}
    rows = client.get("/api/counts", params={"type": "KILL"}).json()
    killed = [r for r in rows if r["number"] == 3]
    assert killed and "three aid workers were killed" in killed[0]["sentence"]


def test_network_links_people_in_the_same_article(client):
    graph = client.get("/api/network").json()
    ids = {n["name"]: n["id"] for n in graph["nodes"]}
    pair = {ids["Antony Blinken"], ids["James Cleverly"]}
    assert any({e["source"], e["target"]} == pair and e["weight"] == 1 for e in graph["edges"])


def test_every_page_renders_with_a_strict_content_security_policy(client):
    person = client.get("/api/entities", params={"type": "PERSON"}).json()[0]["id"]
    for url in ["/analyze", "/articles", f"/articles/{client.example_id}", "/entities", f"/entities/{person}",
                "/quotes?speaker=Blinken", "/counts", "/counts?by=day&type=KILL", "/network"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "script-src 'self'" in r.headers["content-security-policy"], url
    assert client.get("/", follow_redirects=False).headers["location"] == "/analyze"


def test_article_page_links_speakers_to_their_entity_pages(client):
    blinken = client.get("/api/entities", params={"search": "Blinken"}).json()[0]["id"]
    html = client.get(f"/articles/{client.example_id}").text
    assert f'href="/entities/{blinken}" data-q="' in html and ">Antony Blinken</a>" in html
    assert "photo caption" in html  # the removed boilerplate, with its reason


def test_pages_answer_errors_as_pages(client):
    r = client.get("/articles/0123456789abcdef")
    assert r.status_code == 404 and "no article with id &#39;0123456789abcdef&#39;" in r.text
    r = client.get("/quotes?since=yesterday")
    assert r.status_code == 422 and "<!doctype html>" in r.text


def test_script_in_an_article_is_shown_as_text(client):
    text = 'Officials met. "<script>document.title = \'pwned\'</script> is fine," Mr Hale said.'
    r = client.post("/analyze", data={"text": text})
    assert r.status_code == 200
    assert "<script>document.title" not in r.text
    assert "&lt;script&gt;document.title = &#39;pwned&#39;&lt;/script&gt;" in r.text


def test_docs_are_served_from_the_package_not_a_cdn(client):
    html = client.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in html and "cdn" not in html
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/analyze", "/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/entities",
            "/api/entities/{entity_id}", "/api/counts", "/api/network", "/api/errors", "/api/quotes/facets",
            "/api/quotes.{fmt}", "/api/network/link"} <= set(paths)
    assert set(paths["/api/analyze"]["post"]["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}


def test_a_full_queue_refuses_instead_of_waiting():
    import asyncio

    from newsgraph.web.analyzer import Analyzer, AnalyzerBusy

    analyzer = Analyzer(Settings.from_env(), 10, max_waiting=0, workers=0)
    with pytest.raises(AnalyzerBusy, match=r"^0 analyses are already waiting \(the limit, NEWSGRAPH_WEB_QUEUE\); try again in a minute$"):
        asyncio.run(analyzer.analyze("text"))
    analyzer.close()


def test_every_web_option_is_documented():
    from dataclasses import fields

    doc = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text("utf-8")
    for f in fields(WebOptions):
        assert f"| `{f.name}` |" in doc, f"WebOptions.{f.name} is not in docs/web.md"


# -- the explorer (issue 12, items 12 and 13) -------------------------------------------------

def test_lists_carry_their_total_and_sort_by_validated_keys(client):
    r = client.get("/api/entities", params={"type": "PERSON", "sort": "name", "limit": 2})
    names = [e["name"] for e in r.json()]
    assert int(r.headers["x-total-count"]) >= 2 and names == sorted(names, key=str.lower)
    assert int(client.get("/api/quotes").headers["x-total-count"]) == len(client.get("/api/quotes").json())
    r = client.get("/api/quotes", params={"sort": "colour"})
    assert r.status_code == 422 and r.json()["detail"] == (
        "sort 'colour' is not a column of quotes; valid: published, speaker, kind, article, publisher "
        "(a leading '-' sorts descending)")
    assert client.get("/api/articles", params={"sort": "title;--"}).status_code == 422


def test_quote_rows_carry_sentence_title_and_id_and_filter_by_kind_and_article(client):
    rows = client.get("/api/quotes", params={"kind": "direct", "article_id": client.example_id}).json()
    assert rows and {r["kind"] for r in rows} == {"direct"} and {r["article_id"] for r in rows} == {client.example_id}
    waver = next(r for r in rows if "waver" in r["text"])
    assert waver["article_title"] and waver["text"] in waver["sentence"] and "Cleverly" in waver["sentence"]
    assert client.get("/api/quotes", params={"kind": "shouted"}).status_code == 422


def test_facets_count_under_the_lists_filters(client):
    f = client.get("/api/quotes/facets", params={"speaker": "Blinken"}).json()
    assert f["count"] == sum(v["count"] for v in f["facets"]["kind"]["values"])
    assert [v["label"] for v in f["facets"]["speaker"]["values"]] == ["Antony Blinken"]
    assert f["facets"]["month"]["values"] == [{"value": "2023-11", "label": "2023-11", "count": f["count"]}]
    types = client.get("/api/entities/facets").json()["facets"]["type"]["values"]
    assert {"PERSON", "ORG"} <= {v["value"] for v in types}
    art = client.get("/api/articles/facets", params={"facet": ["language"]}).json()
    assert list(art["facets"]) == ["language"] and art["facets"]["language"]["values"][0]["value"] == "en"
    r = client.get("/api/counts/facets", params={"facet": "colour"})
    assert r.status_code == 422 and r.json()["detail"].startswith("facet 'colour' is not one of counts's; valid: type, month")


def test_every_list_downloads_as_csv_and_json(client):
    import csv
    import io

    for path, n in [("quotes", "quotes"), ("articles", "articles"), ("entities", "entities"), ("counts", "counts"),
                    ("errors", "errors"), ("network", "network")]:
        r = client.get(f"/api/{path}.csv")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), path
        assert r.headers["content-disposition"] == f'attachment; filename="{n}.csv"'
        rows = list(csv.DictReader(io.StringIO(r.text)))
        j = client.get(f"/api/{path}.json")
        assert j.headers["content-disposition"] == f'attachment; filename="{n}.json"'
        assert len(j.json()) == len(rows), path
    quotes = list(csv.DictReader(io.StringIO(client.get("/api/quotes.csv", params={"speaker": "Cleverly"}).text)))
    assert quotes and {q["speaker_name"] for q in quotes} == {"James Cleverly"}
    assert all(q["sentence"] and q["article_id"] == client.example_id and q["article_title"] for q in quotes)
    monthly = client.get("/api/counts.csv", params={"by": "month"})
    assert monthly.text.splitlines()[0] == "period,type,total,reports"
    assert client.get("/api/quotes.xml").status_code == 422
    assert client.get("/api/quotes.csv", params={"sort": "nope"}).status_code == 422  # before the download starts


def test_article_search_snippets_and_an_entitys_articles(client):
    (row,) = client.get("/api/articles", params={"search": "blinken ukraine"}).json()
    marked = [row["snippet"][s:e].lower() for s, e in row["highlights"]]
    assert "blinken" in marked or "ukraine" in marked
    blinken = client.get("/api/entities", params={"search": "Blinken"}).json()[0]["id"]
    r = client.get("/api/articles", params={"entity_id": blinken})
    assert [a["id"] for a in r.json()] == [client.example_id] and r.headers["x-total-count"] == "1"
    html = client.get(f"/entities/{blinken}").text
    assert f'href="/articles/{client.example_id}"' in html and f"/articles?entity_id={blinken}" in html


def test_network_defaults_to_people_and_organisations_and_explains_its_links(client):
    graph = client.get("/api/network").json()
    assert graph["nodes"] and {n["type"] for n in graph["nodes"]} <= {"PERSON", "ORG"}
    places = client.get("/api/network", params={"type": ["PLACE", "GROUP"]}).json()
    assert places["nodes"] and {n["type"] for n in places["nodes"]} <= {"PLACE", "GROUP"}
    assert client.get("/api/network", params={"until": "2023-10"}).json() == {"nodes": [], "edges": []}
    ids = {n["name"]: n["id"] for n in graph["nodes"]}
    link = client.get("/api/network/link", params={"source": ids["Antony Blinken"], "target": ids["James Cleverly"]}).json()
    assert link["articles"] == 1 and link["evidence"][0]["article_id"] == client.example_id
    ev = link["evidence"][0]
    assert ev["sentence"] and ev["span"][0] < ev["span"][1]
    r = client.get("/api/network/link", params={"source": ids["Antony Blinken"], "target": 999_999})
    assert r.status_code == 404
    assert client.get("/api/network", params={"type": "COLOUR"}).status_code == 422


def test_explorer_pages_render_with_facets_counts_and_downloads(client):
    blinken = client.get("/api/entities", params={"search": "Blinken"}).json()[0]["id"]
    for url in ["/errors", f"/quotes?kind=direct&article_id={client.example_id}", f"/articles?entity_id={blinken}",
                "/articles?q=Ukraine&sort=title", "/entities?sort=-mentions", "/counts?sort=-number",
                "/network?type=PLACE&type=GROUP&since=2023"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "script-src 'self'" in r.headers["content-security-policy"], url
    html = client.get(f"/quotes?kind=direct&article_id={client.example_id}").text
    assert 'id="result-count"' in html and 'class="facet"' in html
    assert f'href="/api/quotes.csv?kind=direct&amp;article_id={client.example_id}"' in html
    html = client.get("/articles?q=Ukraine").text
    assert '<mark class="hit">Ukraine</mark>' in html and 'href="/api/articles.csv?search=Ukraine"' in html
    html = client.get("/network").text
    assert 'src="/static/network.js"' in html and 'value="PERSON" checked' in html and 'value="PLACE">' in html
    assert client.get("/static/network.js").status_code == 200
    assert client.get("/articles?sort=bogus").status_code == 422


def test_counts_page_shows_which_kind_it_sums(tmp_path):
    """Aggregates sum incidents by default and say so; another kind is a choice on the page."""
    import warnings

    from newsgraph.article import Article, Count
    from newsgraph.store import Store
    from newsgraph.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    url = f"sqlite:///{tmp_path / 'k.db'}"
    text = "Three people were killed on Monday. Since 2011, 5,000 people have been killed."
    with Store.open(url) as store:
        store.add(Article(id="k1", text=text, published="2024-05-07", counts=[
            Count("KILL", 3, False, "people", (0, 25)),
            Count("KILL", 5000, False, "people", (48, 77), kind="total")]))
    with TestClient(create_app(url, warm=False)) as c:
        page = c.get("/counts").text
        assert "Counting incidents only" in page and 'name="kind"' in page
        assert [r["number"] for r in c.get("/api/counts").json()] == [3]
        assert sorted(r["number"] for r in c.get("/api/counts", params={"kind": "all"}).json()) == [3, 5000]
        assert "Counting every kind" in c.get("/counts", params={"kind": "all"}).text
        assert c.get("/api/counts", params={"kind": "bogus"}).status_code == 422
