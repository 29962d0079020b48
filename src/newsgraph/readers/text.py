"""Bytes -> str for plain-text inputs, detecting the encoding, refusing binary data."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newsgraph.readers.base import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte Western encodings charset_normalizer may name for Latin-1/cp1252 text;
# they decode such text alike, and cp1252 is what such files nearly always are.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_9", "cp1250", "iso8859_2", "mac_roman",
            "cp850", "cp437", "iso8859_14", "iso8859_10", "iso8859_16", "iso8859_3", "iso8859_4"}


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Raises ReadError for empty or binary input."""
    if not data.strip():
        raise ReadError(f"cannot read {name!r}: empty file; valid: a news article as text, HTML, WARC or JSONL")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name), codec.replace("-sig", "")
    head = data[:8192]
    utf16 = _utf16_without_bom(head)
    if utf16:
        return _strict(data, utf16, name), utf16
    if b"\x00" in head or _control_ratio(head) > 0.05:
        raise ReadError(f"cannot read {name!r}: binary data, not text, HTML, WARC or JSONL")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    encoding = best.encoding if best else "cp1252"
    if encoding in _WESTERN or best is None:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"
    return str(best), encoding


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise ReadError(f"cannot read {name!r}: invalid {codec} at byte {e.start}") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of Latin script has a zero in every other byte."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _control_ratio(head: bytes) -> float:
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head)
