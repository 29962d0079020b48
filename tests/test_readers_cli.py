"""`newsgraph analyze` and `ingest` on web inputs: HTML, WARC.gz (whole and truncated), JSONL with a
malformed line, and a PDF; the reader is picked by content, one bad input fails alone (real model)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.cli import main
from readers_cases import PARAGRAPHS, gzip_members, jsonl, news_page, response, sample_warc_records

TEXT = "Police arrested three men in Leeds on Monday, a spokesman for West Yorkshire Police said."


@pytest.fixture
def web_inputs(tmp_path: Path) -> Path:
    d = tmp_path / "web"
    d.mkdir()
    (d / "a-page.html.gz").write_bytes(gzip.compress(news_page().encode("utf-8"), mtime=0))
    (d / "b-crawl.warc.gz").write_bytes(gzip_members(sample_warc_records()))
    cut = gzip_members(sample_warc_records()[:3] + [response("https://news.example.com/c", news_page().encode(), 9)])
    (d / "c-cut.warc.gz").write_bytes(cut[:-200])
    (d / "d-feed.dat").write_bytes(jsonl({"id": "x1", "url": "https://news.example.com/j", "published": "2024-03-07",
                                          "text": TEXT}, b'{"text": ', {"html": news_page()}))
    (d / "e-scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    return d


def run_cli(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.model
def test_analyze_picks_the_reader_by_content(capsys, web_inputs):
    status, out, err = run_cli(capsys, "analyze", str(web_inputs), "--format", "jsonl")
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    d = str(web_inputs)
    summary = [(Path(r["source"]["path"]).name, r["source"]["format"], r["source"]["url"],
                r.get("published"), r.get("title"), "error" in r) for r in records]
    assert summary == [
        ("a-page.html.gz", "html", "https://news.example.com/2024/03/05/flood", "2024-03-05", "Flood kills 12 in river town", False),
        ("b-crawl.warc.gz", "warc", "https://news.example.com/a", "2024-03-05", "Flood kills 12 in river town", False),
        ("b-crawl.warc.gz", "warc", "https://news.example.com/b", "2024-03-05", "Bridge reopens after repairs", False),
        ("c-cut.warc.gz", "warc", "https://news.example.com/a", "2024-03-05", "Flood kills 12 in river town", False),
        ("c-cut.warc.gz", "warc", "https://news.example.com/c", None, None, True),
        ("d-feed.dat", "jsonl", "https://news.example.com/j", "2024-03-07", None, False),
        ("d-feed.dat", "jsonl", None, None, None, True),
        ("d-feed.dat", "jsonl", "https://news.example.com/2024/03/05/flood", "2024-03-05", "Flood kills 12 in river town", False),
        ("e-scan.pdf", "text", None, None, None, True),
    ]
    for r in records:
        if "error" not in r and r["source"]["url"] != "https://news.example.com/b" and r["source"]["url"] != "https://news.example.com/j":
            assert r["text"].startswith(PARAGRAPHS[0]) and r["byline"] == ["Jane Doe", "John Roe"]
    assert records[5]["text"] == TEXT
    cut_at = len(gzip_members(sample_warc_records()[:3]))
    assert err.splitlines() == [
        f"newsgraph: cannot read '{d}/c-cut.warc.gz': truncated WARC record at byte {cut_at} (https://news.example.com/c): "
        + records[4]["error"].split("(https://news.example.com/c): ")[1],
        f"newsgraph: cannot read '{d}/d-feed.dat' line 2: invalid JSON (expecting value at column 10); valid: one JSON "
        'object per line with "text" or "html" (optional "url", "title", "published", "id")',
        f"newsgraph: cannot read '{d}/e-scan.pdf': a PDF document, not text, HTML, WARC or JSONL",
    ]


@pytest.mark.model
def test_ingest_reads_a_warc(capsys, tmp_path, web_inputs):
    db = f"sqlite:///{tmp_path / 'news.db'}"
    status, out, err = run_cli(capsys, "ingest", str(web_inputs / "b-crawl.warc.gz"), "--db", db)
    assert status == 0, err
    assert err.startswith("ingested 2, skipped 0 (already stored), failed 0 in ")
