"""The extractor registry: every capability is a registered component, as in spaCy.

An extractor declares its name (the record field, the store table, the API path),
the dataclass of one fact, what it needs from earlier extractors, the languages it
supports and its options. The pipeline (`run_extractors`), the record
(`Article.to_dict/from_dict`), the store (a table derived from the fact dataclass),
the export, `GET /api/{name}` and the article page read the registration; none of
them names an extractor.

    from newsgraph.extract.registry import Extractor, Option, register

    def extract_tone(doc, ctx) -> list[Tone]: ...

    register(Extractor(name="tone", fact=Tone, func=extract_tone, needs=("entities",),
                       options=(Option("lexicon", "vader", "which lexicon scores words"),)))

Third-party packages register through the entry-point group `newsgraph.extractors`:
each entry point names an `Extractor` object (or a function returning one or a list
of them). Built-in extractors are registered by `newsgraph.extract.builtin`.

An extractor's function is called as `func(doc, ctx)`, with the parsed spaCy Doc
and a `Context`; it returns a list of facts (or one fact, when `many=False`). It
must not keep state between articles: it may run in any worker process.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Callable, Iterable

from newsgraph.errors import ExtractorError, coded

__all__ = ["Extractor", "Option", "Context", "register", "unregister", "registered", "get", "ordered", "generic",
           "ENTRY_POINT_GROUP", "option_env"]

ENTRY_POINT_GROUP = "newsgraph.extractors"
log = logging.getLogger(__name__)


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
    stats: Counter = field(default_factory=Counter)  # per-step counts: ctx.stat("unresolved")
    _name: str = ""

    def stat(self, key: str, n: int = 1) -> None:
        """Count something this step did or dropped; merged across articles and workers."""
        self.stats[f"{self._name}.{key}"] += n


_REGISTRY: dict[str, Extractor] = {}
_loaded = False


def register(extractor: Extractor) -> Extractor:
    """Add (or replace) an extractor. Names are record fields: lower case, a valid identifier."""
    if not extractor.name.isidentifier() or extractor.name != extractor.name.lower():
        raise ExtractorError(coded("E302", f"extractor name {extractor.name!r} is not valid; "
                                           "valid: a lower-case identifier such as 'places'"))
    _REGISTRY[extractor.name] = extractor
    return extractor


def unregister(name: str) -> None:
    """Remove an extractor (tests; a deployment that wants one off sets NEWSGRAPH_EXTRACTORS)."""
    _REGISTRY.pop(name, None)


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import newsgraph.extract.builtin  # noqa: F401  (registers the built-in extractors)

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            found = obj() if callable(obj) and not isinstance(obj, Extractor) else obj
            for ex in found if isinstance(found, (list, tuple)) else [found]:
                if not isinstance(ex, Extractor):
                    raise TypeError(f"{ep.value} gave {type(ex).__name__}, not an Extractor")
                if ex.name in _REGISTRY and _REGISTRY[ex.name].package == "newsgraph":
                    raise TypeError(f"{ep.value} would replace the built-in extractor {ex.name!r}")
                dist = getattr(ep, "dist", None)
                register(ex if ex.package != "newsgraph" or dist is None
                         else _with_package(ex, dist.name))
        except Exception as e:  # one broken plug-in must not stop newsgraph
            log.warning(coded("W301", f"extractor plug-in {ep.name!r} ({ep.value}) not loaded: "
                                      f"{type(e).__name__}: {e}"))


def _with_package(ex: Extractor, package: str) -> Extractor:
    from dataclasses import replace

    return replace(ex, package=package)


def registered() -> dict[str, Extractor]:
    """Every registered extractor by name, in dependency order."""
    _load()
    return {e.name: e for e in ordered(_REGISTRY.values())}


def get(name: str) -> Extractor:
    reg = registered()
    if name not in reg:
        raise ExtractorError(coded("E303", f"no extractor named {name!r}; valid: {', '.join(reg)}"))
    return reg[name]


def generic() -> list[Extractor]:
    """The extractors whose facts the store, API and export handle generically."""
    return [e for e in registered().values() if not e.core]


def ordered(extractors: Iterable[Extractor]) -> list[Extractor]:
    """Topological order by `needs` (registration order among equals); a missing need or a
    cycle is an error naming it."""
    pending = {e.name: e for e in extractors}
    done: list[Extractor] = []
    names: set[str] = set()
    while pending:
        ready = [e for e in pending.values() if all(n in names for n in e.needs)][:1]
        if not ready:
            missing = {n for e in pending.values() for n in e.needs if n not in pending and n not in names}
            why = (f"needs {', '.join(sorted(missing))}, which is not registered" if missing
                   else "their needs form a cycle")
            raise ExtractorError(coded("E304", f"cannot order extractors {', '.join(sorted(pending))}: {why}"))
        for e in ready:
            done.append(e)
            names.add(e.name)
            del pending[e.name]
    return done
