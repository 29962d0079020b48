"""Bytes -> str for plain-text inputs, detecting the encoding, refusing binary data.

The order, cheapest evidence first: a byte-order mark; UTF-16 without one; valid
UTF-8; bytes that are mostly UTF-8 (more valid multi-byte sequences than stray
bytes: files concatenated from UTF-8 and Latin-1 parts, or damaged UTF-8), decoded
as UTF-8 with each stray byte read as cp1252 (U+FFFD where cp1252 has no
character); then detection, where any Western single-byte guess becomes cp1252,
what news sites use, and a Mac code page is taken only when cp1252 cannot read the
bytes. Whenever the encoding was guessed, `decode` returns a W101 warning naming
it and how confident the guess is.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from newsgraph.errors import coded
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
# A NUL now and then is damage (stripped later, with a warning); many are binary data.
_MAX_NUL_RATIO = 0.01
# A valid UTF-8 multi-byte sequence (2-4 bytes).
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HANDLER = "newsgraph-cp1252"


def _stray_as_cp1252(e: UnicodeDecodeError):
    byte = e.object[e.start:e.start + 1]
    try:
        return byte.decode("cp1252"), e.start + 1
    except UnicodeDecodeError:
        return "\ufffd", e.start + 1


codecs.register_error(_HANDLER, _stray_as_cp1252)


def decode(data: bytes, name: str) -> tuple[str, str, str | None]:
    """Return (text, encoding, warning): warning is None for UTF-8 (valid, or with its BOM),
    W104 for another encoding a BOM declares, else a W101 line naming the guess and its confidence. Raises ReadError for
    empty or binary input."""
    if not data.strip():
        raise ReadError(f"cannot read {name!r}: empty file; valid: a news article as text, HTML, WARC or JSONL")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            codec_name = codec.replace("-sig", "")
            return _strict(data, codec, name), codec_name, None if codec_name == "utf-8" else declared(
                codec_name, "a byte-order mark")
    head = data[:8192]
    utf16 = _utf16_without_bom(head)
    if utf16:
        return _strict(data, utf16, name), utf16, guessed(utf16, 0.9, "no byte-order mark")
    if head.count(0) > max(8, _MAX_NUL_RATIO * len(head)) or _control_ratio(head) > 0.05:
        raise ReadError(f"cannot read {name!r}: binary data, not text, HTML, WARC or JSONL")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    valid = len(_UTF8_SEQ.findall(data))
    high = sum(1 for b in data if b >= 0x80)
    stray = high - sum(len(m) for m in _UTF8_SEQ.findall(data))
    if valid >= stray:
        return (data.decode("utf-8", _HANDLER), "utf-8",
                guessed("utf-8", valid / (valid + stray), f"{stray} byte(s) not UTF-8 read as cp1252"))
    western = _mostly_latin(data)
    best = None if western else from_bytes(data).best()
    encoding = best.encoding if best else "cp1252"
    # Wide encodings were ruled out above (no BOM, no zero bytes): a guess of one is noise.
    if encoding in _WESTERN or encoding.startswith(("mac_", "utf_16", "utf_32")) or best is None:
        if encoding.startswith("mac_") and encoding not in _WESTERN:
            try:
                data.decode("cp1252")
            except UnicodeDecodeError:  # cp1252 cannot read it: the Mac page is all that is left
                return str(best), encoding, guessed(encoding, _confidence(best), "cp1252 cannot read it")
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
        return text, encoding, guessed(encoding, _western_confidence(text))
    return str(best), encoding, guessed(encoding, _confidence(best))


def guessed(encoding: str, confidence: float, why: str | None = None) -> str:
    """The W101 warning of a guessed encoding: 'input decoded as cp1252 (guessed, confidence 95%)'."""
    extra = f"; {why}" if why else ""
    return coded("W101", f"input decoded as {encoding} (guessed, confidence {confidence:.0%}{extra})")


def declared(encoding: str, where: str) -> str:
    """The W104 warning of an encoding the input declared (not guessed, but not UTF-8 either)."""
    return coded("W104", f"input decoded as {encoding} (declared in {where})")


def _mostly_latin(data: bytes) -> bool:
    """Latin-script text with a few accented letters and typographic marks (what a Western
    news text is), as opposed to a script written wholly in high bytes (Cyrillic, Greek, CJK):
    most high bytes stand alone between ASCII ones, and cp1252 reads them as letters or punctuation."""
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if not high:
        return True
    runs = sum(1 for i in high if (i > 0 and data[i - 1] >= 0x80) or (i + 1 < len(data) and data[i + 1] >= 0x80))
    if runs > 0.5 * len(high):
        return False
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return _western_confidence(text) >= 0.8


def _confidence(best) -> float:
    return max(0.0, min(1.0, 1.0 - float(getattr(best, "chaos", 0.5))))


# Characters a Western news text uses beyond ASCII; others (box drawing, C1 controls,
# stray symbols) suggest the guess is wrong.
_PLAUSIBLE_PUNCT = set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u00a3\u00a9\u00ae\u00b0\u00a0\u00ab\u00bb"
                       "\u2022\u00b7\u00bd\u00bc\u00be\u2122\u00a7\u00b4\u00b2\u00b3\u00ba\u00aa\u00bf\u00a1")


def _western_confidence(text: str) -> float:
    """Share of non-ASCII characters that are letters or news punctuation."""
    high = [c for c in text if ord(c) >= 0x80]
    if not high:
        return 1.0
    ok = sum(1 for c in high if c in _PLAUSIBLE_PUNCT or unicodedata.category(c).startswith("L"))
    return ok / len(high)


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
    controls = sum(1 for b in head if b < 32 and b not in (0, 9, 10, 12, 13))
    return controls / len(head)
