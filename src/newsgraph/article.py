"""The one data model: an analysed article and everything extracted from it.

Every offset (`span`, `spans`) indexes into `Article.text`. The field names are a
public contract (docs/record-format.md); add fields, never rename them.
Only plain dataclasses cross module and process boundaries, never spaCy objects.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from functools import lru_cache
from types import UnionType
from typing import Any, NewType, Union, get_args, get_origin, get_type_hints

Span = tuple[int, int]

# The types a record may hold: the one list every layer (API, CLI, charts) reads.
ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "GROUP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE")
COUNT_TYPES = ("KILL", "WOUND", "ARREST", "KIDNAP", "DISPLACE", "EVACUATE", "PROTEST", "AFFECT")
# A fact field holding an Entity.id of the same article: the store turns it into the
# canonical entity's key (an `entity_id` column).
EntityRef = NewType("EntityRef", str)


@dataclass
class Source:
    path: str | None = None
    url: str | None = None
    format: str = "text"  # text | html | warc | jsonl | stdin
    id: str | None = None  # the input's own id for the article (JSONL `id`, WARC-Record-ID)
    line: int | None = None  # the line of a JSONL file the article was read from (1-based)


@dataclass
class Removed:
    """An input line dropped by cleaning, with the reason it was dropped."""

    text: str
    reason: str
    code: str | None = field(default=None, compare=False)  # newsgraph.errors.CODES: R2xx, from the reason


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
    entity: EntityRef | None = None  # Entity.id, or None for unnamed sources
    span: Span | None = None  # the speaker's mention in the quote's sentence
    # How likely the speaker is right (0-1, the ranker's score calibrated on PolNeAR dev);
    # None where no model scored it.
    confidence: float | None = None
    kind: str | None = None  # person | organisation | group | document | unnamed


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
    sentence: Span | None = None  # the sentence(s) holding the quote and its cue, from the parse


@dataclass
class Count:
    type: str  # KILL, WOUND, ARREST, KIDNAP, DISPLACE, EVACUATE, PROTEST, AFFECT
    number: int
    approximate: bool
    object: str
    span: Span  # the first mention
    # incident (what happened in the event reported), total (a running or past total:
    # "since 2011", "so far"), statistic (a general figure: "worldwide", "each year").
    # Aggregates sum incidents only, by default.
    kind: str = "incident"
    # Every span reporting this same figure (type and number) in the article, `span` first;
    # empty when it is reported once.
    mentions: list[Span] = field(default_factory=list)
    # Index (in the article's counts) of the larger figure this one is part of: "at least
    # seven, including four children" gives the four part_of the seven; not summed.
    part_of: int | None = None
    sentence: Span | None = None  # the sentence holding the count, from the parse


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
    # Where `published` came from: "input" (the reader: JSONL/HTML metadata, WARC date,
    # the caller), or what cleaning removed: "date line", "dateline", "byline"; None when unknown.
    published_source: str | None = None
    # The facts of every other registered extractor, by its name: in JSON each is a
    # top-level field of its own ("places": [...]), after the fields above; also
    # readable as an attribute (article.places).
    facts: dict[str, Any] = field(default_factory=dict, metadata={"flatten": True})
    # Per-step statistics of this article's analysis (not part of the record).
    stats: dict[str, int] = field(default_factory=dict, compare=False, repr=False, metadata={"record": False})

    def __getattr__(self, name: str) -> Any:
        facts = self.__dict__.get("facts")
        if facts is not None and name in facts:
            return facts[name]
        raise AttributeError(f"Article has no field or extractor facts {name!r}")

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        """The record back from its JSON shape. Facts of an extractor that is not installed
        here are kept as plain dicts, so a record round-trips unchanged."""
        from newsgraph.extract.registry import registered

        a = decode(cls, d)
        extractors = registered()
        own = {f.name for f in fields(cls)}
        for key, value in d.items():
            if key in own:
                continue
            ex = extractors.get(key)
            if ex is None:
                a.facts[key] = value
            elif ex.many:
                a.facts[key] = [decode(ex.fact, v) for v in value or []]
            else:
                a.facts[key] = decode(ex.fact, value) if value is not None else None
        return a

    @classmethod
    def from_json(cls, s: str) -> Article:
        return cls.from_dict(json.loads(s))


@dataclass
class ErrorRecord:
    """An input that could not be analysed. Written where its article would have been."""

    source: Source
    error: str
    code: str | None = None  # newsgraph.errors.CODES

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ErrorRecord:
        return decode(cls, d)


def article_id(text: str) -> str:
    """Stable id of an analysed text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _plain(obj: Any) -> Any:
    """Dataclasses to dicts, tuples to lists: the JSON shape of the contract. A field with
    metadata flatten=True (a dict) is merged into its parent; record=False is left out."""
    if is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for f in fields(obj):
            if f.metadata.get("record") is False:
                continue
            v = getattr(obj, f.name)
            if f.metadata.get("flatten"):
                out.update({k: _plain(x) for k, x in v.items()})
            else:
                out[f.name] = _plain(v)
        return out
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def decode(tp: Any, value: Any) -> Any:
    """A JSON value back into the type `tp` (dataclasses, lists, tuples, optionals, dicts),
    following the dataclasses' type hints: from_dict for every record type, written once."""
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        for a in args:
            if is_dataclass(a) and isinstance(value, dict):
                return decode(a, value)
            if get_origin(a) in (list, tuple) and isinstance(value, (list, tuple)):
                return decode(a, value)
        return decode(args[0], value) if len(args) == 1 else value
    if is_dataclass(tp):
        hints = _hints(tp)
        kw = {}
        for f in fields(tp):
            if f.metadata.get("record") is False or f.metadata.get("flatten"):
                continue
            if f.name in value:
                kw[f.name] = decode(hints[f.name], value[f.name])
        return tp(**kw)
    if origin is list:
        (arg,) = get_args(tp) or (Any,)
        return [decode(arg, v) for v in value]
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value)) if args else tuple(value)
    if origin is dict:
        _, arg = get_args(tp) or (Any, Any)
        return {k: decode(arg, v) for k, v in value.items()}
    if tp is int and isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    if tp is float and isinstance(value, (int, float)):
        return float(value)
    return value


__all__ = [
    "Article", "Source", "Removed", "Mention", "Entity", "Cue", "Speaker", "Quote", "Count",
    "ErrorRecord", "article_id", "decode", "EntityRef", "ENTITY_TYPES", "COUNT_TYPES",
]
