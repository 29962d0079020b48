"""HTML: main text and metadata from a hand-written news page; decoding; sniffing by content."""

from __future__ import annotations

import gzip

import pytest

from newsgraph.article import ErrorRecord, Source
from newsgraph.readers import ReadError, read_inputs, sniff
from newsgraph.readers.base import RawArticle
from newsgraph.readers.html import decode_html, extract_html, html_language, strip_title
from newsgraph.settings import Settings
from readers_cases import BODY, PARAGRAPHS, news_page


def test_main_text_and_metadata_of_a_news_page():
    raw = extract_html(RawArticle(source=Source(path="flood.html", format="html"), html=news_page()))
    # No menu, no hidden schema.org block, no footer, no repeated headline: the four paragraphs.
    assert raw.text == BODY
    assert raw.title == "Flood kills 12 in river town"
    assert raw.published == "2024-03-05"
    assert raw.byline == ["Jane Doe", "John Roe"]
    assert raw.publisher == "The Daily Example"
    assert raw.language == "en"
    assert raw.source == Source(path="flood.html", url="https://news.example.com/2024/03/05/flood", format="html")


def test_metadata_given_by_the_input_wins_over_the_page():
    raw = RawArticle(source=Source(url="https://archive.example/x"), html=news_page(), title="Given title",
                     published="2024-01-02", byline=["A. Writer"], publisher="Given Press", language="fr")
    out = extract_html(raw)
    assert (out.title, out.published, out.byline, out.publisher, out.language) == (
        "Given title", "2024-01-02", ["A. Writer"], "Given Press", "fr")
    assert out.source.url == "https://archive.example/x"


def test_crawl_date_is_only_a_fallback_for_the_publication_date():
    dated = extract_html(RawArticle(source=Source(), html=news_page(), crawled="2024-03-06"))
    assert dated.published == "2024-03-05"
    undated_page = (news_page().replace('<meta property="article:published_time" content="2024-03-05T10:00:00Z">', "")
                    .replace("/2024/03/05/", "/"))  # htmldate reads dates in URLs too
    undated = extract_html(RawArticle(source=Source(), html=undated_page, crawled="2024-03-06"))
    assert undated.published == "2024-03-06"


def test_page_without_article_text_is_a_one_line_error():
    with pytest.raises(ReadError) as e:
        extract_html(RawArticle(source=Source(path="menu.html"), html="<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    assert str(e.value) == "cannot read 'menu.html': no article text found in the HTML"


@pytest.mark.parametrize("text, title, expected", [
    ("Flood kills 12\nBody line.", "Flood kills 12", "Body line."),
    ("FLOOD KILLS 12!\n\nBody line.", "Flood kills 12", "Body line."),
    ("Body line.\nFlood kills 12", "Flood kills 12", "Body line.\nFlood kills 12"),  # only leading lines
    ("Flood kills 12", "Flood kills 12", "Flood kills 12"),  # never leaves nothing
])
def test_strip_title(text, title, expected):
    assert strip_title(text, title) == expected


@pytest.mark.parametrize("html, expected", [
    ('<html lang="en-US"><body></body></html>', "en"),
    ('<html lang="pt_BR"><body></body></html>', "pt"),
    ('<html><head><meta http-equiv="Content-Language" content="de"></head><body></body></html>', "de"),
    ("<html><body></body></html>", None),
    ('<html lang="{{lang}}"><body></body></html>', None),
])
def test_html_language(html, expected):
    from trafilatura.utils import load_html

    assert html_language(load_html(html)) == expected


def test_decode_html_prefers_the_declared_charset():
    page = news_page(charset="windows-1252").replace("Tom Reed", "Jos\u00e9 Mar\u00eda")
    data = page.encode("cp1252")
    assert decode_html(data, "p.html")[:2] == (page, "cp1252")
    # The HTTP charset is tried before the page's own declaration.
    assert decode_html("<p>\u0416\u0443\u043a</p>".encode("koi8-r"), "p.html", declared="koi8-r")[0] == "<p>\u0416\u0443\u043a</p>"
    # Valid UTF-8 wins over a label: pages labelled Latin-1 but written in UTF-8 are common.
    assert decode_html(news_page(charset="iso-8859-1").encode("utf-8"), "p.html") == (news_page(charset="iso-8859-1"), "utf-8", None)
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "p.html") == ("<p>caf\u00e9</p>", "utf-8", None)
    # A <meta> claiming UTF-16 on a page that was parsed as ASCII is wrong (WHATWG).
    cp1252 = '<meta charset="utf-16"><p>caf\u00e9 \u20ac</p>'
    assert decode_html(cp1252.encode("cp1252"), "p.html")[:2] == (cp1252, "cp1252")


@pytest.mark.parametrize("head, fmt", [
    (b"<!DOCTYPE html><html>", "html"),
    (b"\xef\xbb\xbf  <html lang='en'>", "html"),
    (b"<?xml version='1.0'?>\n<!-- generated -->\n" + b" " * 1500 + b"<html>", "html"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
    (b"Officials said on Monday <b>nothing</b>.", "text"),
    (gzip.compress(b"<html><body><p>x</p></body></html>"), "html"),
    (gzip.compress(b"WARC/1.1\r\n"), "warc"),
])
def test_sniff_by_content(head, fmt):
    assert sniff(head, "x") == fmt


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
])
def test_unsupported_files_get_one_line(tmp_path, data, what):
    path = tmp_path / "x.bin"
    path.write_bytes(data)
    (record,) = read_inputs([str(path)], settings=Settings())
    assert isinstance(record, ErrorRecord)
    assert record.error == f"cannot read {str(path)!r}: {what}, not text, HTML, WARC or JSONL"


def test_html_file_is_read_by_content_whatever_its_name(tmp_path):
    (tmp_path / "page.txt").write_bytes(news_page().encode("utf-8"))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(news_page().encode("utf-8")))
    records = list(read_inputs([str(tmp_path)], settings=Settings()))
    assert [(type(r).__name__, r.source.format) for r in records] == [("RawArticle", "html"), ("RawArticle", "html")]
    assert all(extract_html(r).text == BODY for r in records)
    assert PARAGRAPHS[0] in records[0].html


def test_xml_prolog_with_encoding_is_accepted():
    page = "<?xml version='1.0' encoding='utf-8'?>\n" + news_page()
    assert extract_html(RawArticle(source=Source(), html=page)).text == BODY


@pytest.mark.parametrize("html, reason", [
    ("", "not parseable as HTML"),
    ("\x00\x00", "not parseable as HTML"),
    ("<html></html>", "no article text found in the HTML"),
])
def test_unusable_html_is_a_read_error(html, reason):
    with pytest.raises(ReadError) as e:
        extract_html(RawArticle(source=Source(path="b.html"), html=html))
    assert str(e.value) == f"cannot read 'b.html': {reason}"


def test_article_split_into_same_class_chunks_is_joined():
    from trafilatura.utils import load_html

    from newsgraph.readers.html import add_continuation_chunks

    first = [f"{p} The reporter added details from the scene in paragraph {n} of the first chunk here." for n, p in
             enumerate(PARAGRAPHS[:3])]
    second = [f"{p} Officials repeated the figures later in paragraph {n} of the second chunk, reporters said."
              for n, p in enumerate(PARAGRAPHS[1:])]
    short = ["Sign up for our newsletter to get the news in your inbox every morning."]

    def page(chunks: list[list[str]]) -> str:
        grids = "".join(f'<div class="grid"><div class="body chunk">{"".join(f"<p>{t}</p>" for t in c)}</div></div>'
                        '<div class="ad"><p>Advertisement</p></div>' for c in chunks)
        hidden = '<div class="grid" hidden><div class="body chunk">' + "".join(f"<p>{t}</p>" for t in second) + "</div></div>"
        linked = ('<div class="grid"><div class="body chunk"><p><a href="/a">Related: the story of the flood in the town '
                  'and how the river rose overnight</a> and <a href="/b">another story</a></p></div></div>')
        return f"<html><body><article>{grids}{hidden}{linked}</article></body></html>"

    chosen = "\n".join(first)
    assert add_continuation_chunks(load_html(page([first, second])), chosen).split("\n") == first + second
    assert add_continuation_chunks(load_html(page([second, first])), chosen).split("\n") == second + first
    # A sibling with only short paragraphs (a promo box) is not the article's continuation.
    assert add_continuation_chunks(load_html(page([first, short])), chosen) == chosen


def test_utf16_html_is_read_as_html(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(news_page(charset=None).encode("utf-16"))
    (raw,) = read_inputs([str(path)], settings=Settings())
    assert (raw.source.format, raw.warnings) == ("html", ["[W104] input decoded as utf-16 (declared in a byte-order mark)"])
    assert extract_html(raw).text == BODY
