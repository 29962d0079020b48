"""The library entry point: raw articles in, Article records out.

analyze(text)          one article, in memory
analyze_many(inputs)   a stream of RawArticle/ErrorRecord; spaCy runs in nlp.pipe batches
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.article import Article, ErrorRecord, Source, article_id
from newsgraph.clean import Cleaned, clean_text
from newsgraph.extract.counts import extract_counts
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes
from newsgraph.nlp import load_pipeline
from newsgraph.readers.base import RawArticle, ReadError
from newsgraph.settings import Settings

__all__ = ["analyze", "analyze_many", "prepare", "build_article"]


@dataclass
class Prepared:
    """An article cleaned and ready for the parser; `english` decides whether extractors run."""

    raw: RawArticle
    cleaned: Cleaned

    @property
    def english(self) -> bool:
        return self.cleaned.language == "en" and bool(self.cleaned.body)


def analyze(
    text: str,
    *,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    source: Source | None = None,
    settings: Settings | None = None,
    nlp: Language | None = None,
) -> Article:
    """Analyse one article given as plain text or HTML. Raises ValueError for unusable input."""
    source = source or Source(url=url)
    is_html = text.lstrip()[:1] == "<" and "</" in text
    source.format = "html" if is_html else source.format
    raw = RawArticle(
        source=source,
        text=None if is_html else text,
        html=text if is_html else None,
        title=title,
        published=published,
    )
    (result,) = analyze_many([raw], settings=settings, nlp=nlp)
    if isinstance(result, ErrorRecord):
        raise ValueError(result.error)
    return result


def analyze_many(
    inputs: Iterable[RawArticle | ErrorRecord],
    *,
    settings: Settings | None = None,
    nlp: Language | None = None,
) -> Iterator[Article | ErrorRecord]:
    """Analyse a stream, in input order; errors pass through in place, one bad article fails alone."""
    settings = settings or Settings.from_env()
    it = iter(inputs)
    while batch := list(islice(it, settings.batch_size)):
        staged: list[Prepared | ErrorRecord] = [
            item if isinstance(item, ErrorRecord) else _prepare_or_error(item) for item in batch
        ]
        english = [p for p in staged if isinstance(p, Prepared) and p.english]
        docs: dict[int, Doc] = {}
        if english:
            nlp = nlp or load_pipeline(settings.model)
            for p, doc in zip(english, nlp.pipe(p.cleaned.body for p in english)):
                docs[id(p)] = doc
        for p in staged:
            if isinstance(p, ErrorRecord):
                yield p
                continue
            try:
                yield build_article(p, docs.get(id(p)))
            except Exception as e:  # an extractor bug must not lose the rest of the batch
                yield ErrorRecord(p.raw.source, f"cannot analyse {_name(p.raw.source)!r}: {type(e).__name__}: {e}")


def prepare(raw: RawArticle) -> Prepared:
    """Readers' output -> cleaned body. HTML goes through main-text extraction first."""
    if raw.html is not None and raw.text is None:
        from newsgraph.readers.html import extract_html

        raw = extract_html(raw)
    if not (raw.text or "").strip():
        raise ReadError(f"cannot read {_name(raw.source)!r}: no text; valid: a news article as text, HTML, WARC or JSONL")
    return Prepared(raw=raw, cleaned=clean_text(raw.text, title=raw.title))


def build_article(p: Prepared, doc: Doc | None) -> Article:
    raw, c = p.raw, p.cleaned
    warnings = list(raw.warnings)
    entities, quotes, counts = [], [], []
    if doc is not None:
        entities = extract_entities(doc)
        quotes = extract_quotes(doc, entities)
        counts = extract_counts(doc)
    elif not c.body:
        warnings.append("no article text left after cleaning")
    else:
        warnings.append(
            f"body language is {c.language or 'undetermined'!s}, not English: extractors not run"
        )
    return Article(
        id=article_id(c.body),
        text=c.body,
        source=replace(raw.source, id=raw.id) if raw.id else raw.source,
        title=raw.title or c.title,
        byline=raw.byline or c.byline,
        dateline=c.dateline,
        publisher=raw.publisher or c.publisher,
        published=raw.published,
        language=raw.language if raw.language and not c.language else c.language,
        removed=c.removed,
        warnings=warnings,
        entities=entities,
        quotes=quotes,
        counts=counts,
    )


def _prepare_or_error(raw: RawArticle) -> Prepared | ErrorRecord:
    try:
        return prepare(raw)
    except ReadError as e:
        return ErrorRecord(raw.source, str(e))


def _name(source: Source) -> str:
    return source.path or source.url or "<input>"
