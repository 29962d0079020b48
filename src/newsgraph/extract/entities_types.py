"""The working types of entity building: a mention on its way to an entity (Cand) and the
mentions of one referent (Cluster). Shared by entities_build, _people and _titles, which
import them from here (not from each other)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Cand", "Cluster"]


@dataclass
class Cand:
    """One mention on its way to an entity."""

    start: int
    end: int
    text: str
    type: str
    source: str  # the spaCy label, or how it was found: country | surname | title
    tok_start: int = -1
    tok_end: int = -1


@dataclass
class Cluster:
    """Mentions of one referent; people also carry titles and title qualifiers (countries)."""

    type: str
    mentions: list[Cand] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # people: the fullest name's words
    titles: list[str] = field(default_factory=list)
    qualifiers: set[str] = field(default_factory=set)
    canonical: str | None = None  # countries: the table's name

    @property
    def first_start(self) -> int:
        return min(m.start for m in self.mentions)
