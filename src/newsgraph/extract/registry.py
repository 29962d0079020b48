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
from importlib.metadata import entry_points
from typing import Iterable

from newsgraph.errors import ExtractorError, coded
from newsgraph.extract.base import Context, Extractor, Option, option_env

__all__ = ["Extractor", "Option", "Context", "register", "unregister", "registered", "get", "ordered", "generic",
           "ENTRY_POINT_GROUP", "option_env"]

ENTRY_POINT_GROUP = "newsgraph.extractors"
log = logging.getLogger(__name__)


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
    from newsgraph.extract.builtin import EXTRACTORS

    for ex in EXTRACTORS:
        register(ex)

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
