"""Cleaning: raw article text -> analysed body + removed lines (each with a reason) + byline/dateline/publisher."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.article import Removed


@dataclass
class Cleaned:
    body: str
    removed: list[Removed] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    dateline: str | None = None
    publisher: str | None = None
    language: str | None = None  # ISO 639-1 of the body, None when undetermined


def clean_text(text: str) -> Cleaned:
    """Placeholder until the cleaning module lands: normalise newlines only."""
    body = "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    return Cleaned(body=body, language="en")
