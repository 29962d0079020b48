"""Adversarial inputs to the readers (issue 12): each fails alone, with a reason, never a crash."""

from __future__ import annotations

import gzip

import pytest

from newsgraph.analyze import prepare
from newsgraph.article import ErrorRecord
from newsgraph.readers import RawArticle, read_inputs
from newsgraph.readers.html import flatten_deep
from newsgraph.readers.text import decode
from newsgraph.settings import Settings

GOOD = '{"text": "The council said on Monday that the bridge would reopen next week."}\n'


def _read(path):
    return list(read_inputs([str(path)], settings=Settings()))


def test_a_jsonl_line_nested_100000_deep_fails_alone(tmp_path):
    f = tmp_path / "deep.jsonl"
    f.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + GOOD)
    first, second = _read(f)
    assert isinstance(first, ErrorRecord) and first.code == "E106"
    assert "line 1: JSON nested too deeply" in first.error and first.source.line == 1
    assert isinstance(second, RawArticle) and second.source.line == 2


def test_any_exception_while_parsing_a_line_fails_that_line(tmp_path, monkeypatch):
    import newsgraph.readers.jsonl as jsonl

    real = jsonl.parse_line
    monkeypatch.setattr(jsonl, "parse_line", lambda line, src: (_ for _ in ()).throw(MemoryError())
                        if b"boom" in line else real(line, src))
    f = tmp_path / "x.jsonl"
    f.write_text('{"text": "boom"}\n' + GOOD)
    first, second = _read(f)
    assert isinstance(first, ErrorRecord) and "line 1: cannot be parsed (MemoryError)" in first.error
    assert isinstance(second, RawArticle)


def test_a_one_line_jsonl_file_with_broken_json_is_a_line_error_not_text(tmp_path):
    f = tmp_path / "one.jsonl"
    f.write_text('{"text": "The council said on Monday that it would\n')
    (rec,) = _read(f)
    assert isinstance(rec, ErrorRecord) and rec.code == "E106" and "line 1: invalid JSON" in rec.error


def test_a_gzip_bomb_says_how_far_it_expanded(tmp_path):
    f = tmp_path / "bomb.txt.gz"
    f.write_bytes(gzip.compress(b"a " * 15_000_000))
    (rec,) = _read(f)
    assert isinstance(rec, ErrorRecord) and rec.code == "E103"
    assert "expands to 30.0 MB, over the 10.0 MB limit" in rec.error


def test_nul_bytes_are_stripped_with_a_warning_from_files_and_strings(tmp_path):
    f = tmp_path / "nul.txt"
    f.write_bytes(b"The council said on Monday\x00 that the bridge would reopen next week.")
    (raw,) = _read(f)
    assert isinstance(raw, RawArticle)
    from_file = prepare(raw)
    from_api = prepare(RawArticle(source=raw.source, text="The council said on Monday\x00 that it would."))
    assert "\x00" not in from_file.raw.text and "\x00" not in from_api.raw.text
    assert from_file.raw.warnings == from_api.raw.warnings == ["[W105] 1 NUL character(s) removed from the text"]


def test_binary_data_with_many_nuls_is_still_refused(tmp_path):
    f = tmp_path / "blob.txt"
    f.write_bytes(b"ab\x00\x00" * 1000)
    (rec,) = _read(f)
    assert isinstance(rec, ErrorRecord) and rec.code == "E102"


def test_a_10000_deep_html_page_keeps_its_paragraph(tmp_path):
    para = "The council said on Monday that the bridge would reopen next week after repairs."
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 10_000 + f"<p>{para}</p>" + "</div>" * 10_000 + "</body></html>")
    (raw,) = _read(f)
    assert prepare(raw).cleaned.body == para


def test_flatten_deep_leaves_ordinary_pages_alone():
    page = "<html><body><div><p>a <b>b</b></p><br><img src=x></div></body></html>"
    assert flatten_deep(page) is page
    assert flatten_deep("<div>" * 5 + "x" + "</div>" * 5, max_depth=2) == "<div><div>x</div></div>"


# -- encodings --------------------------------------------------------------------------------------

CP1252 = ("\u201cWe will rebuild,\u201d the mayor said \u2014 the repairs cost \u20ac5 million. "
          "\u201cIt\u2019s done.\u201d")


@pytest.mark.parametrize("text", [CP1252, "\u20ac5", "Caf\u00e9 \u2014 \u201cno\u201d", "Na\u00efve, s\u00e9ance \u2013 r\u00e9sum\u00e9."])
def test_cp1252_text_is_read_as_cp1252_never_a_mac_code_page(text):
    got, encoding, warning = decode(text.encode("cp1252"), "a.txt")
    assert (got, encoding) == (text, "cp1252")
    assert warning.startswith("[W101] input decoded as cp1252 (guessed, confidence ")


def test_mostly_utf8_with_a_few_invalid_bytes_is_utf8():
    data = ("The mayor said the caf\u00e9 would reopen \u2014 \u201csoon\u201d. " * 5).encode() + b"\xff broken"
    got, encoding, warning = decode(data, "b.txt")
    assert encoding == "utf-8" and got.startswith("The mayor said the caf\u00e9 would reopen \u2014 \u201csoon\u201d.")
    assert got.endswith("\u00ff broken")
    assert warning.startswith("[W101] input decoded as utf-8 (guessed, confidence ")
    assert "1 byte(s) not UTF-8 read as cp1252" in warning


def test_mixed_utf8_and_latin1_keeps_both_parts():
    data = "Caf\u00e9 na\u00efve \u201cquoted\u201d text. ".encode() * 3 + "Jos\u00e9 Mar\u00eda said so.".encode("latin-1")
    got, encoding, _ = decode(data, "c.txt")
    assert encoding == "utf-8"
    assert got == "Caf\u00e9 na\u00efve \u201cquoted\u201d text. " * 3 + "Jos\u00e9 Mar\u00eda said so."


def test_valid_utf8_has_no_warning_and_other_scripts_are_still_detected():
    assert decode("Caf\u00e9 \u2014 ok".encode(), "d.txt") == ("Caf\u00e9 \u2014 ok", "utf-8", None)
    russian = "\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430 \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043c\u043e\u0441\u0442 \u043e\u0442\u043a\u0440\u043e\u044e\u0442 \u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a. " * 4
    got, encoding, warning = decode(russian.encode("cp1251"), "r.txt")
    assert got == russian and encoding == "cp1251" and warning.startswith("[W101] input decoded as cp1251")


def test_the_guessed_encoding_reaches_the_record_warnings(tmp_path):
    f = tmp_path / "w.txt"
    f.write_bytes(CP1252.encode("cp1252"))
    (raw,) = _read(f)
    assert len(raw.warnings) == 1 and raw.warnings[0].startswith("[W101] input decoded as cp1252 (guessed")
