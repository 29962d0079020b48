"""JSONL: one object per line; a malformed line is an error record for that line only."""

from __future__ import annotations

import gzip

import pytest

from newsgraph.article import Source
from newsgraph.readers import read_inputs
from newsgraph.readers.base import RawArticle, ReadError
from newsgraph.readers.jsonl import parse_line
from newsgraph.settings import Settings
from readers_cases import jsonl, news_page

VALID = 'valid: one JSON object per line with "text" or "html" (optional "url", "title", "published", "id")'
TEXT = "Police arrested three men in Leeds on Monday, a spokesman said."


def test_lines_become_articles_and_bad_lines_fail_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl(
        {"id": 7, "url": "https://news.example.com/a", "title": "Arrests", "published": "2024-03-05T10:00:00Z", "text": TEXT},
        b'{"text": "unterminated',
        b"",
        [1, 2],
        {"html": news_page(), "published": "last Tuesday"},
        {"title": "no body"},
        {"text": 42},
    ))
    items = list(read_inputs([str(path)], settings=Settings()))
    name = repr(str(path))
    assert [getattr(i, "error", None) for i in items] == [
        None,
        f"cannot read {name} line 2: invalid JSON (unterminated string starting at column 10); {VALID}",
        f"cannot read {name} line 4: a JSON list, not an object; {VALID}",
        None,
        f'cannot read {name} line 6: no "text" or "html"; {VALID}',
        f'cannot read {name} line 7: "text" is a JSON int, not a string; {VALID}',
    ]
    first, page = items[0], items[3]
    assert first == RawArticle(source=Source(path=str(path), url="https://news.example.com/a", format="jsonl", line=1),
                               text=TEXT, title="Arrests", published="2024-03-05", id="7")
    assert page.text is None and page.html == news_page()
    assert page.warnings == ["published 'last Tuesday' is not an ISO 8601 date (YYYY-MM-DD...); ignored"]


def test_gzip_jsonl_and_a_truncated_one(tmp_path):
    data = gzip.compress(jsonl(*({"text": f"{TEXT} Line {n}."} for n in range(100))), mtime=0)
    (tmp_path / "a.jsonl.gz").write_bytes(data)
    (tmp_path / "b.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read_inputs([str(tmp_path / "a.jsonl.gz")], settings=Settings()))
    assert len(items) == 100 and all(isinstance(i, RawArticle) for i in items)
    cut = list(read_inputs([str(tmp_path / "b.jsonl.gz")], settings=Settings()))
    assert all(isinstance(i, RawArticle) for i in cut[:-1]) and len(cut) > 1
    assert cut[-1].error == (f"cannot read {str(tmp_path / 'b.jsonl.gz')!r}: corrupt or truncated data after line "
                             f"{len(cut) - 1} (compressed file ended before the end-of-stream marker was reached)")


def test_overlong_line_fails_alone(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(jsonl({"text": "x " * 5000}, {"text": TEXT}))
    items = list(read_inputs([str(path)], settings=Settings(max_bytes=1000)))
    assert items[0].error == (f"cannot read {str(path)!r} line 1: over the 1,000 byte limit for one article "
                              "(set NEWSGRAPH_MAX_BYTES)")
    assert items[1].text == TEXT


@pytest.mark.parametrize("line, message", [
    (b'{"text": "a", "id": [1]}', f'"id" is a JSON list, not a string or number; {VALID}'),
    (b'{"text": "a", "id": true}', f'"id" is a JSON bool, not a string or number; {VALID}'),
    (b'{"text": "   "}', f'no "text" or "html"; {VALID}'),
    (b'"just a string"', f"a JSON str, not an object; {VALID}"),
    (b'{"text": "caf\xe9"}', f"not UTF-8 text; {VALID}"),
])
def test_parse_line_errors(line, message):
    with pytest.raises(ReadError) as e:
        parse_line(line, Source(path="f.jsonl"))
    assert str(e.value) == message


def test_text_wins_over_html_when_both_are_given():
    raw = parse_line(b'{"text": "Given text.", "html": "<p>Other</p>", "published": "2024-02-30"}', Source(path="f"))
    assert (raw.text, raw.html, raw.published) == ("Given text.", None, None)
    assert raw.warnings == ["published '2024-02-30' is not an ISO 8601 date (YYYY-MM-DD...); ignored"]
