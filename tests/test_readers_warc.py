"""WARC / WARC.gz: HTML responses become articles, everything else is skipped and counted,
damaged archives end with an error record after the articles read so far."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsgraph.article import ErrorRecord, Source
from newsgraph.readers import read_inputs
from newsgraph.readers.base import RawArticle
from newsgraph.readers.html import extract_html
from newsgraph.readers.stream import read_stream, read_stream_bytes
from newsgraph.settings import Settings
from readers_cases import BODY, gzip_members, news_page, response, sample_warc_records, warc_record

SUMMARY = ("2 articles from 7 WARC records; skipped 5: 1 HTTP 3xx responses, 1 metadata records, "
           "1 non-HTML responses, 1 request records, 1 warcinfo records")


def summary_of(items):
    return [(type(i).__name__, i.source.url, getattr(i, "error", None) or i.warnings) for i in items]


@pytest.mark.parametrize("compressed", [False, True])
def test_html_responses_become_articles_the_rest_is_counted(tmp_path, compressed):
    records = sample_warc_records()
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(gzip_members(records) if compressed else b"".join(records))
    items = list(read_inputs([str(path)], settings=Settings()))
    assert summary_of(items) == [
        ("RawArticle", "https://news.example.com/a", []),
        ("RawArticle", "https://news.example.com/b", ["[W104] input decoded as cp1252 (declared in the HTTP Content-Type)", f"{path}: {SUMMARY}"]),
    ]
    a, b = items
    assert a.source == Source(path=str(path), url="https://news.example.com/a", format="warc")
    assert (a.crawled, a.id) == ("2024-03-06", "<urn:uuid:00000000-0000-0000-0000-000000000001>")
    assert extract_html(a).text == BODY
    # Decoded by the HTTP charset: the euro sign and accents survive.
    assert extract_html(b).text.startswith("The old bridge reopened to traffic on Friday after nine months "
                                           "of repairs costing \u20ac4 million, the caf\u00e9 owners said.")


def test_standard_input_warc_gz_is_streamed_compressed():
    data = gzip_members(sample_warc_records())
    items = list(read_stream_bytes(data, "warc", Source(path="-"), settings=Settings()))
    assert [i.source.url for i in items] == ["https://news.example.com/a", "https://news.example.com/b"]
    assert items[1].warnings[-1] == f"-: {SUMMARY}"


def test_truncated_warc_gz_yields_articles_read_so_far_then_an_error(tmp_path):
    data = gzip_members(sample_warc_records()[:3] + [response("https://news.example.com/c", news_page().encode(), 9)])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:-200])
    items = list(read_stream(path, "warc", settings=Settings()))
    assert [type(i) for i in items] == [RawArticle, ErrorRecord]
    assert items[0].source.url == "https://news.example.com/a"
    assert items[0].warnings == [f"{path}: 1 article from 4 WARC records; skipped 2: 1 request records, 1 warcinfo records"]
    offset = len(gzip_members(sample_warc_records()[:3]))
    assert items[1].error.startswith(f"cannot read {str(path)!r}: truncated WARC record at byte {offset} "
                                     "(https://news.example.com/c): ")
    assert items[1].source.url == "https://news.example.com/c"


def test_corrupt_warc_gz_yields_articles_read_so_far_then_an_error(tmp_path):
    records = sample_warc_records()
    good = gzip_members(records[:3])
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(good + b"\x1f\x8b\x08\x00garbage-not-deflate" * 20 + gzip_members(records[3:]))
    items = list(read_stream(path, "warc", settings=Settings()))
    assert [type(i) for i in items] == [RawArticle, ErrorRecord]
    start_of_third = len(gzip_members(records[:2]))
    assert items[1].error.startswith(f"cannot read {str(path)!r}: corrupt WARC data in or after the record at "
                                     f"byte {start_of_third} (")
    assert items[1].error.endswith("); 1 article read before it")


def test_record_over_the_size_limit_fails_alone(tmp_path):
    big = news_page(paragraphs=["A long paragraph about the flood and the rescue. " * 200]).encode()
    records = [response("https://news.example.com/big", big, 1), response("https://news.example.com/a", news_page().encode(), 2)]
    path = tmp_path / "big.warc"
    path.write_bytes(b"".join(records))
    items = list(read_stream(path, "warc", settings=Settings(max_bytes=5000)))
    assert summary_of(items) == [
        ("ErrorRecord", "https://news.example.com/big",
         f"cannot read {str(path)!r} record at byte 0 (https://news.example.com/big): {len(big):,} bytes is over "
         "the 5,000 byte limit for one article (set NEWSGRAPH_MAX_BYTES)"),
        ("RawArticle", "https://news.example.com/a", [f"{path}: 1 article from 2 WARC records"]),
    ]


def test_archive_without_html_is_one_error(tmp_path):
    path = tmp_path / "images.warc"
    path.write_bytes(sample_warc_records()[0] + response("https://x.example/a.png", b"\x89PNG", 1, content_type="image/png"))
    (item,) = read_stream(path, "warc", settings=Settings())
    assert item.error == (f"cannot read {str(path)!r}: no HTML response records in the WARC "
                          "(0 articles from 2 WARC records; skipped 2: 1 non-HTML responses, 1 warcinfo records)")


def test_missing_file_is_an_error_record(tmp_path):
    (item,) = read_stream(Path(tmp_path / "gone.warc"), "warc", settings=Settings())
    assert item.error == f"cannot read {str(tmp_path / 'gone.warc')!r}: no such file or directory"


def test_http_content_and_transfer_encodings_are_undone_in_a_whole_file_gzip():
    page = news_page().encode()
    gz = gzip.compress(page, mtime=0)
    gzipped = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
               b"Content-Length: %d\r\n\r\n" % len(gz) + gz)
    chunked = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
               + b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (100, page[:100], len(page) - 100, page[100:]))
    records = [warc_record("response", f"https://news.example.com/{name}", block,
                           content_type="application/http; msgtype=response")
               for name, block in (("gz", gzipped), ("chunked", chunked))]
    items = list(read_stream_bytes(gzip.compress(b"".join(records), mtime=0), "warc", Source(path="w"),
                                   settings=Settings()))
    assert [i.source.url for i in items] == ["https://news.example.com/gz", "https://news.example.com/chunked"]
    assert [extract_html(i).text for i in items] == [BODY, BODY]


def test_size_limit_applies_to_the_decoded_payload():
    page = news_page(paragraphs=["The river rose again overnight. " * 300]).encode()
    gz = gzip.compress(page, mtime=0)
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
             b"Content-Length: %d\r\n\r\n" % len(gz) + gz)
    record = warc_record("response", "https://news.example.com/z", block, content_type="application/http; msgtype=response")
    assert len(gz) < 5000 < len(page)
    (item,) = read_stream_bytes(record, "warc", Source(path="w"), settings=Settings(max_bytes=5000))
    assert item.error == ("cannot read 'w' record at byte 0 (https://news.example.com/z): over the 5,000 byte "
                          "limit for one article once decoded (set NEWSGRAPH_MAX_BYTES)")
