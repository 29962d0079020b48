"""The web server under hostile and heavy use (issue 12): timed-out analyses stopped,
cross-site writes and foreign Host headers refused, optional token for writes, ranges
and sizes answered with 4xx, never 500 or a reset connection."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import warnings

import pytest

from newsgraph.settings import Settings
from newsgraph.web import WebOptions, create_app
from newsgraph.web.analyzer import Analyzer, AnalysisTimeout
from web_cases import quick

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ARTICLE = "The council said on Monday that the bridge would reopen next week."


def _app(tmp_path, **options):
    settings = Settings.from_env(db=f"sqlite:///{tmp_path / 'web.db'}")
    opts = WebOptions(**options)
    app = create_app(settings=settings, options=opts, warm=False)
    app.state.analyzer = Analyzer(settings, opts.analyze_timeout, max_waiting=opts.queue, workers=opts.workers,
                                  run=quick, warm=None)
    return app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(_app(tmp_path_factory.mktemp("web"))) as c:
        yield c


def _stored(c) -> int:
    return len(c.get("/api/articles").json())


# -- 4: cross-site writes, DNS rebinding, token ---------------------------------------------------

def test_a_text_plain_post_from_another_origin_stores_nothing(client):
    before = _stored(client)
    r = client.post("/api/articles", content=ARTICLE, headers={"content-type": "text/plain",
                                                              "origin": "https://evil.example"})
    assert r.status_code == 403
    assert r.json()["detail"].startswith("a POST from Origin 'https://evil.example' is refused")
    r = client.post("/api/articles", content=ARTICLE, headers={"content-type": "text/plain",
                                                              "referer": "https://evil.example/page"})
    assert r.status_code == 403
    assert _stored(client) == before


def test_the_analyse_forms_store_action_refuses_a_foreign_origin(client):
    r = client.post("/analyze", data={"text": ARTICLE, "store": "1"}, headers={"origin": "null"},
                    follow_redirects=False)
    assert r.status_code == 403 and "text/html" in r.headers["content-type"]
    r = client.post("/analyze", data={"text": ARTICLE, "store": "1"}, headers={"origin": "http://testserver"},
                    follow_redirects=False)
    assert r.status_code == 303  # the server's own page may store


def test_writes_without_origin_or_referer_pass_and_reads_stay_open(client):
    r = client.post("/api/articles", content=ARTICLE + " Again.", headers={"content-type": "text/plain"})
    assert r.status_code == 201
    assert client.get("/api/articles", headers={"origin": "https://evil.example"}).status_code == 200


@pytest.mark.parametrize("host, status", [
    ("evil.example", 400), ("rebind.attacker.test:8000", 400),
    ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200), ("10.0.0.5", 200), ("testserver", 200),
])
def test_the_host_header_must_name_this_server(client, host, status):
    r = client.get("/api/articles", headers={"host": host})
    assert r.status_code == status
    if status == 400:
        assert "is not served here" in r.json()["detail"]


def test_allowed_hosts_and_origins_are_settings(tmp_path):
    with TestClient(_app(tmp_path, allowed_hosts="news.example", allowed_origins="https://app.example")) as c:
        assert c.get("/api/articles", headers={"host": "news.example"}).status_code == 200
        r = c.post("/api/articles", content=ARTICLE, headers={"content-type": "text/plain",
                                                             "origin": "https://app.example"})
        assert r.status_code == 201


def test_a_configured_token_guards_storing_only(tmp_path):
    with TestClient(_app(tmp_path, api_token="s3cret")) as c:
        body = {"content": ARTICLE, "headers": {"content-type": "text/plain"}}
        r = c.post("/api/articles", **body)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.post("/api/articles", content=ARTICLE, headers={"content-type": "text/plain",
                                                                 "authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/api/articles", content=ARTICLE, headers={"content-type": "text/plain",
                                                                 "authorization": "Bearer s3cret"}).status_code == 201
        assert c.post("/analyze", data={"text": ARTICLE, "store": "1"}).status_code == 401
        assert c.post("/analyze", data={"text": ARTICLE, "store": "1", "token": "s3cret"},
                      follow_redirects=False).status_code == 303
        assert c.post("/api/analyze", **body).status_code == 200  # analysing stores nothing: open
        assert c.get("/api/articles").status_code == 200


# -- 7: ranges and sizes ------------------------------------------------------------------------------

@pytest.mark.parametrize("url, words", [
    (f"/api/articles?offset={2**63}", "less than or equal to 9223372036854775807"),
    (f"/api/quotes?offset={2**64}", "less than or equal to 9223372036854775807"),
    (f"/api/quotes?entity_id={2**63}", "less than or equal to 9223372036854775807"),
    (f"/api/entities/{10**20}", "less than or equal to 9223372036854775807"),
    ("/api/counts?type=FOO", "type 'FOO' is not valid; valid: KILL, WOUND"),
    ("/api/entities?type=people", "type 'people' is not valid; valid: PERSON, ORG"),
])
def test_out_of_range_parameters_are_422_with_the_valid_range(client, url, words):
    r = client.get(url)
    assert r.status_code == 422 and words in r.json()["detail"]


def test_types_are_case_insensitive_in_the_api_as_in_the_cli(client):
    assert client.get("/api/counts?type=kill").status_code == 200
    assert client.get("/api/entities?type=person").status_code == 200


def test_a_huge_query_string_or_header_is_414_or_431_in_process(client):
    assert client.get("/api/articles", params={"search": "x" * 20_000}).status_code == 414
    assert client.get("/api/articles", headers={"x-big": "y" * 40_000}).status_code == 431


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


def test_a_real_server_answers_a_1_mb_query_string_with_414_not_a_reset(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", f"sqlite:///{tmp_path / 's.db'}",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        proc.stdout.readline()
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        huge = b"GET /api/articles?search=" + b"x" * 1_000_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        assert _raw(port, huge).startswith(b"HTTP/1.1 414 ")
        big = b"GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"y" * 100_000 + b"\r\n\r\n"
        assert _raw(port, big).startswith(b"HTTP/1.1 431 ")
        evil = b"GET /api/articles HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        assert _raw(port, evil).startswith(b"HTTP/1.1 400 ")
        ok = b"GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        assert _raw(port, ok).startswith(b"HTTP/1.1 200 ")
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


# -- 3: a timed-out analysis is stopped ---------------------------------------------------------------

def test_a_timed_out_analysis_is_killed_and_the_next_one_is_served(tmp_path):
    with TestClient(_app(tmp_path, analyze_timeout=60)) as c:
        analyzer = c.app.state.analyzer
        assert c.post("/api/analyze", json={"text": ARTICLE}).status_code == 200  # the worker is up
        (slow_pid,) = analyzer.pids()
        analyzer.timeout = 2
        started = time.monotonic()
        r = c.post("/api/analyze", json={"text": "SLOW " + ARTICLE})
        assert r.status_code == 503 and "it was stopped" in r.json()["detail"]
        assert time.monotonic() - started < 10
        assert not _alive(slow_pid)  # the worker that ran it is gone ...
        analyzer.timeout = 60  # (a fresh worker takes a few seconds to start on a busy machine)
        r = c.post("/api/analyze", json={"text": ARTICLE})  # ... and a fresh one serves the next request
        assert r.status_code == 200 and r.json()["text"] == ARTICLE
        assert analyzer.pids() != [slow_pid]


def test_capacity_and_queue_are_settings(tmp_path):
    import asyncio

    async def two_at_once(analyzer):
        slow = asyncio.create_task(analyzer.analyze("SLOW"))
        await asyncio.sleep(0.05)
        with pytest.raises(AnalysisTimeout, match=r"^0 analyses are already waiting \(the limit, NEWSGRAPH_WEB_QUEUE\)"):
            await analyzer.analyze(ARTICLE)
        slow.cancel()

    analyzer = Analyzer(Settings.from_env(), 30, max_waiting=0, workers=1, run=quick, warm=None)
    try:
        asyncio.run(two_at_once(analyzer))
    finally:
        analyzer.close()
    os.environ["NEWSGRAPH_WEB_WORKERS"], os.environ["NEWSGRAPH_WEB_QUEUE"] = "3", "0"
    try:
        assert (WebOptions.from_env().workers, WebOptions.from_env().queue) == (3, 0)
    finally:
        del os.environ["NEWSGRAPH_WEB_WORKERS"], os.environ["NEWSGRAPH_WEB_QUEUE"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
