"""The one data model: an analysed article and everything extracted from it.

Every offset (`span`, `spans`) indexes into `Article.text`. The field names are a
public contract (docs/record-format.md); add fields, never rename them.
Only plain dataclasses cross module and process boundaries, never spaCy objects.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Iterable

Span = tuple[int, int]


@dataclass
class Source:
    path: str | None = None
    url: str | None = None
    format: str = "text"  # text | html | warc | jsonl | stdin
    id: str | None = None  # the input's own id for the article (JSONL `id`, WARC-Record-ID)


@dataclass
class Removed:
    """An input line dropped by cleaning, with the reason it was dropped."""

    text: str
    reason: str


@dataclass
class Mention:
    text: str
    span: Span


@dataclass
class Entity:
    id: str
    name: str  # canonical: the fullest form seen in the article
    type: str  # PERSON, ORG, PLACE, GROUP, ...
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Cue:
    text: str
    span: Span


@dataclass
class Speaker:
    name: str  # resolved canonical name; the description for unnamed sources
    entity: str | None = None  # Entity.id, or None for unnamed sources
    span: Span | None = None  # the speaker's mention in the quote's sentence


@dataclass
class Quote:
    text: str
    spans: list[Span]
    kind: str  # direct | indirect | mixed
    cue: Cue | None = None
    speaker: Speaker | None = None
    # Several speakers ("The U.S. and British diplomats said"): `speaker` is the
    # first, `speakers` lists all of them (including the first). Empty when one.
    speakers: list[Speaker] = field(default_factory=list)


@dataclass
class Count:
    type: str  # KILL, WOUND, ARREST, KIDNAP, DISPLACE, EVACUATE, PROTEST, AFFECT
    number: int
    approximate: bool
    object: str
    span: Span


@dataclass
class Article:
    id: str = ""  # article_id(text)
    source: Source = field(default_factory=Source)
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    dateline: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO 8601 date
    language: str | None = None  # ISO 639-1
    text: str = ""  # the analysed body: every offset in the record indexes into it
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return Article(
            id=d["id"],
            text=d["text"],
            source=Source(**d.get("source") or {}),
            title=d.get("title"),
            byline=list(d.get("byline") or []),
            dateline=d.get("dateline"),
            publisher=d.get("publisher"),
            published=d.get("published"),
            language=d.get("language"),
            removed=[Removed(**r) for r in d.get("removed") or []],
            warnings=list(d.get("warnings") or []),
            entities=[
                Entity(
                    id=e["id"],
                    name=e["name"],
                    type=e["type"],
                    titles=list(e.get("titles") or []),
                    mentions=[Mention(m["text"], _span(m["span"])) for m in e.get("mentions") or []],
                )
                for e in d.get("entities") or []
            ],
            quotes=[_quote(q) for q in d.get("quotes") or []],
            counts=[
                Count(c["type"], c["number"], c["approximate"], c["object"], _span(c["span"]))
                for c in d.get("counts") or []
            ],
        )

    @classmethod
    def from_json(cls, s: str) -> Article:
        return cls.from_dict(json.loads(s))


@dataclass
class ErrorRecord:
    """An input that could not be analysed. Written where its article would have been."""

    source: Source
    error: str

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def article_id(text: str) -> str:
    """Stable id of an analysed text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _span(v: Iterable[int] | None) -> Span | None:
    if v is None:
        return None
    a, b = v
    return (int(a), int(b))


def _speaker(d: dict[str, Any] | None) -> Speaker | None:
    if d is None:
        return None
    return Speaker(name=d["name"], entity=d.get("entity"), span=_span(d.get("span")))


def _quote(q: dict[str, Any]) -> Quote:
    cue = q.get("cue")
    return Quote(
        text=q["text"],
        spans=[_span(s) for s in q["spans"]],
        kind=q["kind"],
        cue=Cue(cue["text"], _span(cue["span"])) if cue else None,
        speaker=_speaker(q.get("speaker")),
        speakers=[_speaker(s) for s in q.get("speakers") or []],
    )


def _plain(obj: Any) -> Any:
    """Dataclasses to dicts, tuples to lists: the JSON shape of the contract."""
    if is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


__all__ = [
    "Article", "Source", "Removed", "Mention", "Entity", "Cue", "Speaker", "Quote", "Count",
    "ErrorRecord", "article_id",
]
