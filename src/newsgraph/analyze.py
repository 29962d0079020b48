"""The library entry point: raw articles in, Article records out.

analyze(text)          one article, in memory
analyze_many(inputs)   a stream of RawArticle/ErrorRecord; spaCy runs in nlp.pipe batches
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import islice
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.article import Article, ErrorRecord, Source, article_id
from newsgraph.clean import Cleaned, clean_text
from newsgraph.errors import code_of, coded
from newsgraph.extract.pipeline import run_extractors, steps
from newsgraph.nlp import load_pipeline, parse
from newsgraph.readers import finish
from newsgraph.readers.base import RawArticle, ReadError, strip_nul
from newsgraph.settings import Settings

__all__ = ["analyze", "analyze_many", "prepare", "build_article", "skip_stored", "Prepared"]


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
    inputs: Iterable[RawArticle | Prepared | ErrorRecord],
    *,
    settings: Settings | None = None,
    nlp: Language | None = None,
) -> Iterator[Article | ErrorRecord]:
    """Analyse a stream, in input order; errors pass through in place, one bad article fails alone.

    Items already cleaned (`Prepared`, e.g. by a skip-if-stored check) are not cleaned again.
    """
    settings = settings or Settings.from_env()
    planned = steps(settings)  # the extractors and their options, once for the whole stream
    it = iter(inputs)
    while batch := list(islice(it, settings.batch_size)):
        staged: list[Prepared | ErrorRecord] = [
            item if isinstance(item, (ErrorRecord, Prepared)) else _prepare_or_error(item) for item in batch
        ]
        english = [p for p in staged if isinstance(p, Prepared) and p.english]
        docs: dict[int, Doc] = {}
        if english:
            nlp = nlp or load_pipeline(settings.model)
            for p, doc in zip(english, parse(nlp, (p.cleaned.body for p in english))):
                docs[id(p)] = doc
        for p in staged:
            if isinstance(p, ErrorRecord):
                yield p
                continue
            try:
                yield build_article(p, docs.get(id(p)), settings=settings, planned=planned)
            except Exception as e:  # a bug outside the extractors must not lose the rest of the batch
                yield ErrorRecord(p.raw.source, f"cannot analyse {_name(p.raw.source)!r}: {type(e).__name__}: {e}",
                                  code="E305")


def prepare(raw: RawArticle) -> Prepared:
    """Readers' output -> cleaned body, after the readers' last step (readers.finish: the
    main text of an HTML page), done here so that it runs in the analysing worker."""
    raw = finish(strip_nul(raw))
    if not (raw.text or "").strip():
        raise ReadError(f"cannot read {_name(raw.source)!r}: no text; valid: a news article as text, HTML, WARC or JSONL",
                        code="E110")
    return Prepared(raw=raw, cleaned=clean_text(raw.text, title=raw.title))


def unless_stored(item: RawArticle | ErrorRecord, has: Callable[[str], bool]):
    """(None, id) when `has(id)` holds the input's article already; else (the input, None),
    cleaned (`Prepared`) when it could be, so analyze_many does not clean it a second time."""
    if not isinstance(item, RawArticle):
        return item, None
    try:
        p = prepare(item)
    except Exception:  # analyze_many reports it, with its own message
        return item, None
    aid = article_id(p.cleaned.body)
    return (None, aid) if has(aid) else (p, None)


def skip_stored(items: Iterable[RawArticle | ErrorRecord], has: Callable[[str], bool],
                on_skip: Callable[[RawArticle], None]) -> Iterator[RawArticle | Prepared | ErrorRecord]:
    """unless_stored over a stream; on_skip(input) for each one dropped."""
    for item in items:
        kept, _ = unless_stored(item, has)
        if kept is None:
            on_skip(item)
        else:
            yield kept


def build_article(p: Prepared, doc: Doc | None, *, settings: Settings | None = None,
                  planned: list | None = None) -> Article:
    raw, c = p.raw, p.cleaned
    settings = settings or Settings.from_env()
    warnings = list(raw.warnings)
    found: dict = {}
    stats: Counter = Counter(f"clean.removed.{r.code}" for r in c.removed)
    language = raw.language if raw.language and not c.language else c.language
    # the input's date first; else the one cleaning found in a date line, dateline or byline
    published, published_source = (raw.published, "input") if raw.published else (c.published, c.published_source)
    if doc is not None:
        extracted = run_extractors(doc, text=c.body, settings=settings, language="en",
                                   published=published, dateline=c.dateline,
                                   publisher=raw.publisher or c.publisher, url=raw.source.url, planned=planned)
        found = extracted.results
        warnings += extracted.warnings
        stats.update(extracted.stats)
    elif not c.body:
        warnings.append(coded("W201", "no article text left after cleaning"))
    else:
        warnings.append(coded(
            "W202", f"body language is {c.language or 'undetermined'!s}, not English: extractors not run"))
    stats.update(f"warnings.{code_of(w) or 'uncoded'}" for w in warnings)
    core = {n: found.pop(n, []) for n in ("entities", "quotes", "counts")}
    return Article(
        id=article_id(c.body),
        text=c.body,
        source=replace(raw.source, id=raw.id) if raw.id else raw.source,
        title=raw.title or c.title,
        byline=raw.byline or c.byline,
        dateline=c.dateline,
        publisher=raw.publisher or c.publisher,
        published=published,
        published_source=published_source,
        language=language,
        removed=c.removed,
        warnings=warnings,
        facts=found,
        stats=dict(stats),
        **core,
    )


def _prepare_or_error(raw: RawArticle) -> Prepared | ErrorRecord:
    try:
        return prepare(raw)
    except ReadError as e:
        return ErrorRecord(raw.source, str(e), code=e.code)


def _name(source: Source) -> str:
    return source.path or source.url or "<input>"
