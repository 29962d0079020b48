"""What an extractor is: its declaration (`Extractor`, `Option`) and what it is called with
(`Context`). The registry (registry.py) keeps them; the pipeline (pipeline.py) runs them."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from newsgraph.errors import ExtractorError, coded

__all__ = ["Extractor", "Option", "Context", "option_env"]


@dataclass(frozen=True)
class Option:
    """One option of an extractor: default, meaning, and its environment override
    NEWSGRAPH_<EXTRACTOR>_<OPTION> (upper case)."""

    name: str
    default: Any
    doc: str

    def parse(self, raw: str, extractor: str) -> Any:
        kind = type(self.default)
        if kind is bool:
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
        else:
            try:
                return kind(raw)
            except (TypeError, ValueError):
                pass
        raise ExtractorError(coded(
            "E301", f"{option_env(extractor, self.name)}={raw!r} is not valid; "
                    f"valid: a {kind.__name__} like {self.default!r}"))


def option_env(extractor: str, option: str) -> str:
    return f"NEWSGRAPH_{extractor.upper()}_{option.upper()}"


@dataclass(frozen=True)
class Extractor:
    """A registered capability. See the module docstring."""

    name: str  # the record field, store table and API name
    fact: type  # the dataclass of one fact
    func: Callable[..., Any]  # func(doc, ctx) -> list[fact] (or one fact when many=False)
    needs: tuple[str, ...] = ()  # extractors whose results this one reads (ctx.results[name])
    languages: tuple[str, ...] = ("en",)
    options: tuple[Option, ...] = ()
    version: str = "1"  # the extractor's own version, shown by `newsgraph extractors`
    schema_version: int = 1  # of its store table; raise it when the fact dataclass changes
    many: bool = True  # a list of facts per article (False: at most one, e.g. tone)
    doc: str = ""  # one line for `newsgraph extractors` and the API docs
    # For the article page: the fact field holding its span ("span" or "spans"), the
    # field whose value classes the mark (e.g. "type"), and a label for the hover title.
    span_field: str | None = "span"
    kind_field: str | None = None
    label: Callable[[Any], str] | None = None
    # Fields a query may filter on by equality (case-insensitive): `newsgraph NAME --FIELD V`,
    # `GET /api/NAME?FIELD=V`.
    filters: tuple[str, ...] = ()
    # Core extractors (entities, quotes, counts) are Article fields with their own
    # hand-made tables and queries; the others get the generic ones.
    core: bool = False
    package: str = "newsgraph"  # the distribution that registered it

    def option_values(self, env: dict[str, str] | None = None,
                      overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        env = os.environ if env is None else env
        out = {}
        for o in self.options:
            raw = env.get(option_env(self.name, o.name))
            out[o.name] = o.parse(raw, self.name) if raw not in (None, "") else o.default
        out.update(overrides or {})
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name, "version": self.version, "package": self.package,
            "fact": f"{self.fact.__module__}.{self.fact.__qualname__}",
            "needs": list(self.needs), "languages": list(self.languages),
            "many": self.many, "schema_version": self.schema_version, "core": self.core,
            "options": [{"name": o.name, "default": o.default, "env": option_env(self.name, o.name),
                         "doc": o.doc} for o in self.options],
            "doc": self.doc,
        }


@dataclass
class Context:
    """What an extractor is given besides the Doc."""

    text: str  # the article text; every span indexes into it (== doc.text)
    published: str | None  # ISO 8601 publication date, when known
    language: str
    results: dict[str, Any]  # earlier extractors' results by name (only those in `needs` are promised)
    options: dict[str, Any]  # this extractor's options
    entities: Any = None  # the article's EntityIndex, once the entities extractor has run
    dateline: str | None = None
    publisher: str | None = None
    url: str | None = None  # the article's address, when known
    stats: Counter = field(default_factory=Counter)  # per-step counts: ctx.stat("unresolved")
    _name: str = ""

    def stat(self, key: str, n: int = 1) -> None:
        """Count something this step did or dropped; merged across articles and workers."""
        self.stats[f"{self._name}.{key}"] += n
