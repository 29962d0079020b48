"""HTML -> main text and metadata (title, byline, date, site name, canonical URL, language).

Main text is trafilatura in precision mode, with a recall fallback: precision mode
drops more boilerplate, but on a few layouts it keeps only a fragment of the
article, so when its text is short and the default mode finds more than twice as
much, the default text is used. Elements hidden with an inline `display:none` or
the `hidden` attribute are pruned first (schema.org blocks, pop-ups); an article
split into same-class containers gets its continuation chunks back; a leading line
that repeats the headline is dropped (the title is kept in `title`).
Choices were tuned on half of the article-extraction benchmark and are reported on
the other half (docs/inputs.md, `newsgraph eval extraction`).

Metadata comes from the same parse: trafilatura's metadata extraction (the date
through htmldate, preferring the original publication date, falling back to the
crawl date a WARC record gives), the language from `<html lang>` or the
content-language meta tag.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsgraph.clean.title import strip_site_name
from newsgraph.readers.base import RawArticle, ReadError
from newsgraph.readers.text import declared as declared_warning
from newsgraph.readers.text import decode

__all__ = ["extract_html", "decode_html", "main_text", "add_continuation_chunks", "strip_title", "html_language"]

# Inline-hidden elements carry metadata copies and pop-ups, never the visible article.
PRUNE_XPATH = [
    "//*[contains(translate(@style, ' ', ''), 'display:none')]",
    "//*[@hidden]",
]
# Below this many characters the precision text may be a fragment: try the default mode too.
FALLBACK_BELOW_CHARS = 2000
# ... and use the default text when the precision text is under this share of it.
FALLBACK_RATIO = 0.5

# No extensive search: its last resort reads a footer's "Copyright 2024" as 2024-01-01.
# Dates in meta tags, <time>, JSON-LD, URLs and date-classed elements are still found.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# Fewer words than this is a menu or a stub ("Home"), not an article.
MIN_WORDS = 5
# An article split into same-class containers with ads between them (wired.com's grid
# chunks): trafilatura keeps the first. Siblings of the chosen container, or of its
# parent, with the same tag and class and at least CHUNK_MIN_LONG paragraphs of
# CHUNK_LONG_WORDS words that are mostly not links, are the article's continuation.
CHUNK_LEVELS = 2
CHUNK_LONG_WORDS = 25
CHUNK_MIN_LONG = 2
_MATCH_WORDS = 8  # paragraphs this long locate the chosen container in the page
_HIDDEN = "ancestor-or-self::*[@hidden or contains(translate(@style, ' ', ''), 'display:none') or self::noscript]"
_WORDS = re.compile(r"\w+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_LANG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]+)*$", re.IGNORECASE)


def extract_html(raw: RawArticle) -> RawArticle:
    """`raw.html` -> a RawArticle with `.text` (main text) and metadata; ReadError if no main text."""
    name = raw.source.path or raw.source.url or "<input>"
    try:
        tree = load_html(flatten_deep(raw.html or ""))
        if tree is None:
            raise ReadError(f"cannot read {name!r}: not parseable as HTML")
        text, doc = main_text(tree, url=raw.source.url)
    except ReadError:
        raise
    except Exception as e:  # a parser or extractor bug on one odd page must fail that page alone
        raise ReadError(f"cannot read {name!r}: HTML extraction failed ({type(e).__name__}: {e})") from None
    if len(_WORDS.findall(text)) < MIN_WORDS:
        raise ReadError(f"cannot read {name!r}: no article text found in the HTML")
    title = raw.title or strip_site_name(_clean(doc.title if doc else None), _clean(doc.sitename if doc else None))
    if title:
        text = strip_title(text, title)
    source = raw.source
    if not source.url and doc is not None and doc.url:
        source = replace(source, url=doc.url)
    return replace(
        raw,
        source=source,
        text=text,
        title=title,
        published=raw.published or (doc.date if doc else None) or raw.crawled,
        byline=raw.byline or _authors(doc.author if doc else None),
        publisher=raw.publisher or _clean(doc.sitename if doc else None),
        language=raw.language or html_language(tree),
    )


def main_text(tree: HtmlElement, *, url: str | None = None, with_metadata: bool = True):
    """(main text, trafilatura Document with metadata or None) for a parsed page; text '' if none."""
    doc = trafilatura.bare_extraction(
        tree, url=url, favor_precision=True, include_comments=False, with_metadata=with_metadata,
        date_extraction_params=_DATE_PARAMS, prune_xpath=PRUNE_XPATH,
    )
    text = (doc.text or "") if doc else ""
    if len(text) < FALLBACK_BELOW_CHARS:
        fuller = trafilatura.bare_extraction(tree, url=url, include_comments=False, prune_xpath=PRUNE_XPATH)
        fuller_text = (fuller.text or "") if fuller else ""
        if len(text) < FALLBACK_RATIO * len(fuller_text):
            text = fuller_text
    if text:
        text = add_continuation_chunks(tree, text)
    if doc is None and with_metadata:
        # No main text in precision mode: the metadata is still worth having.
        doc = trafilatura.extract_metadata(tree, default_url=url, date_config=_DATE_PARAMS)
    return text.strip(), doc


def add_continuation_chunks(tree: HtmlElement, text: str) -> str:
    """`text` with the paragraphs of the chosen container's continuation chunks, in page order."""
    lines = {_norm(line) for line in text.split("\n") if len(_WORDS.findall(line)) >= _MATCH_WORDS}
    found = [p for p in tree.iter("p") if _norm(_text(p)) in lines]
    if len(found) < 2:
        return text
    shared = set.intersection(*({id(a) for a in p.iterancestors()} for p in found))
    node = next((a for a in found[0].iterancestors() if id(a) in shared), None)
    for _ in range(CHUNK_LEVELS):
        parent = node.getparent() if node is not None else None
        if parent is None:
            return text
        cls = node.get("class")
        siblings = [s for s in parent if s is not node and s.tag == node.tag and cls and s.get("class") == cls]
        if siblings:
            before: list[str] = []
            after: list[str] = []
            for sibling in siblings:
                paragraphs = _chunk_paragraphs(sibling, lines)
                is_after = sibling.getparent().index(sibling) > parent.index(node)
                (after if is_after else before).extend(paragraphs)
            return "\n".join(before + [text] + after) if before or after else text
        node = parent
    return text


def _chunk_paragraphs(chunk: HtmlElement, seen: set[str]) -> list[str]:
    out = []
    for p in chunk.iter("p"):
        if p.xpath(_HIDDEN):
            continue
        t = _text(p)
        words = len(_WORDS.findall(t))
        link_words = sum(len(_WORDS.findall(_text(a))) for a in p.iter("a"))
        if words >= _MATCH_WORDS and _norm(t) not in seen and link_words < 0.3 * words:
            out.append(t)
    long_ones = sum(1 for t in out if len(_WORDS.findall(t)) >= CHUNK_LONG_WORDS)
    return out if long_ones >= CHUNK_MIN_LONG else []


def _text(el: HtmlElement) -> str:
    return " ".join("".join(el.itertext()).split())


def strip_title(text: str, title: str) -> str:
    """Drop leading lines that repeat the headline (compared by words, case-insensitively)."""
    want = _norm(title)
    lines = text.split("\n")
    while lines:
        first = _norm(lines[0])
        repeats = first and (first == want or (len(first) > 15 and want.startswith(first))
                             or (len(want) > 15 and first.startswith(want) and len(first) < len(want) + 30))
        if first and not repeats:
            break
        lines.pop(0)
    return "\n".join(lines).strip() or text


def html_language(tree: HtmlElement) -> str | None:
    """ISO 639-1/3 code from `<html lang>` or `<meta http-equiv=content-language>`, None if absent."""
    candidates = tree.xpath("/html/@lang | /html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
    candidates += tree.xpath("//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content")
    for value in candidates:
        value = value.strip().split(",")[0].strip()
        if _LANG.match(value):
            return re.split(r"[-_]", value)[0].lower()
    return None


# libxml2 stops building the tree past 256 levels: a page nested deeper loses its text.
MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)\b[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}


def flatten_deep(html: str, max_depth: int = MAX_DEPTH) -> str:
    """`html` with the tags nested deeper than `max_depth` removed (their text kept), so the
    parser sees every paragraph of a pathologically nested page; other pages are returned as is."""
    stack: list[tuple[str, bool]] = []
    drop: list[tuple[int, int]] = []
    depth = 0
    for m in _TAG.finditer(html):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or selfclosing:
            continue
        if not closing:
            deep = depth >= max_depth
            stack.append((name, deep))
            depth += 0 if deep else 1
            if deep:
                drop.append(m.span())
            continue
        for i in range(len(stack) - 1, -1, -1):  # lenient: close up to the matching open tag
            if stack[i][0] == name:
                for _, was_deep in stack[i:]:
                    depth -= 0 if was_deep else 1
                if stack[i][1]:
                    drop.append(m.span())
                del stack[i:]
                break
    if not drop:
        return html
    out, last = [], 0
    for start, end in sorted(drop):
        out.append(html[last:start])
        last = end
    out.append(html[last:])
    return "".join(out)


def decode_html(data: bytes, name: str, declared: str | None = None) -> tuple[str, str, str | None]:
    """(text, encoding, warning) of HTML bytes: valid UTF-8, then the declared (HTTP) charset,
    then `<meta charset>`, then detection (readers.text.decode: the warning says what was guessed).

    UTF-8 comes first because bytes in another encoding almost never form valid UTF-8,
    while pages labelled ISO-8859-1 but written in UTF-8 are common.
    """
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-8-sig"), "utf-8", None
        except UnicodeDecodeError:
            pass
    for label, from_meta in ((declared, False), (_meta_charset(data[:4096]), True)):
        codec = _codec(label)
        if from_meta and codec and codec.startswith(("utf-16", "utf-32")):
            continue  # a page that could be parsed to find this label is not UTF-16 (WHATWG: read as UTF-8)
        if codec and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            try:
                return data.decode(codec), codec, declared_warning(
                    codec, "the page's <meta charset>" if from_meta else "the HTTP Content-Type")
            except UnicodeDecodeError:
                continue  # a wrong declaration is common; fall through to detection
    return decode(data, name)


def _meta_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        codec = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    # Pages labelled Latin-1 are nearly always cp1252 (the WHATWG encoding standard maps them so).
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _norm(s: str) -> str:
    return " ".join(_WORDS.findall(s.casefold()))


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _authors(value: str | None) -> list[str]:
    return [a for a in (_clean(part) for part in (value or "").split(";")) if a]
