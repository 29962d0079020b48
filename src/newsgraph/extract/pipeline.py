"""Run the registered extractors over one parsed article, in dependency order.

One extractor that raises loses only its own facts: the article gets a coded warning
([W302]) and the extractors that do not need the failed one still run (those that do
are skipped with [W303]). Per-step statistics (facts found, failures, what each step
dropped through `ctx.stat`) come back with the results and are merged by the caller.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from newsgraph.errors import ExtractorError, coded
from newsgraph.extract import registry
from newsgraph.extract.registry import Context, Extractor
from newsgraph.settings import Settings

__all__ = ["Extracted", "run_extractors", "plan", "steps"]


@dataclass
class Extracted:
    results: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    stats: Counter = field(default_factory=Counter)


def plan(settings: Settings, language: str = "en") -> list[Extractor]:
    """The extractors to run for an article in `language`: the selected ones and what they
    need, in dependency order."""
    reg = registry.registered()
    wanted = settings.selected()
    if wanted is None:
        names = set(reg)
    else:
        unknown = [n for n in wanted if n not in reg]
        if unknown:
            raise ExtractorError(coded("E303", f"no extractor named {', '.join(map(repr, unknown))}; "
                                               f"valid: {', '.join(reg)}"))
        names, todo = set(), list(wanted)
        while todo:
            n = todo.pop()
            if n not in names:
                names.add(n)
                todo.extend(reg[n].needs)
    return [e for e in reg.values() if e.name in names and language in e.languages]


def steps(settings: Settings, language: str = "en") -> list[tuple[Extractor, dict[str, Any]]]:
    """The plan with each extractor's option values: worked out once per batch, not per article."""
    return [(ex, settings.options(ex.name)) for ex in plan(settings, language)]


def run_extractors(doc: Doc, *, text: str, settings: Settings, language: str = "en",
                   published: str | None = None, dateline: str | None = None,
                   publisher: str | None = None, url: str | None = None,
                   planned: list[tuple[Extractor, dict[str, Any]]] | None = None) -> Extracted:
    out = Extracted()
    failed: set[str] = set()
    index = None
    for ex, options in planned if planned is not None else steps(settings, language):
        missing = [n for n in ex.needs if n in failed or n not in out.results]
        if missing:
            failed.add(ex.name)
            out.warnings.append(coded("W303", f"extractor {ex.name!r} not run: it needs "
                                              f"{', '.join(missing)}, which failed or did not run"))
            out.stats[f"{ex.name}.skipped"] += 1
            continue
        ctx = Context(text=text, published=published, language=language,
                      results={n: out.results[n] for n in ex.needs}, options=options,
                      entities=index, dateline=dateline, publisher=publisher, url=url, stats=out.stats,
                      _name=ex.name)
        try:
            facts = ex.func(doc, ctx)
        except Exception as e:  # one extractor's bug must not lose the article
            failed.add(ex.name)
            out.warnings.append(coded("W302", f"extractor {ex.name!r} failed on this article: "
                                              f"{type(e).__name__}: {e}"))
            out.stats[f"{ex.name}.failed"] += 1
            continue
        if ex.many:
            facts = list(facts or [])
            out.stats[f"{ex.name}.facts"] += len(facts)
        out.results[ex.name] = facts
        if ex.name == "entities":
            from newsgraph.extract.entities import EntityIndex

            index = EntityIndex(facts)
    return out
