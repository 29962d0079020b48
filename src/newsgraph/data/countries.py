"""Country names: every common surface form -> one canonical name, plus demonyms.

The tables are data (data/en/countries.json), loaded once; this module holds the lookups.

Used by the entity resolver (newsgraph.extract.entities) to give "U.S.", "US",
"U..S", "USA", "America", "the United States" the one name "United States".
Demonyms ("British", "American") map to their country for *qualifiers* only
("the top U.S. diplomat", "British Foreign Secretary"); NORP entities stay GROUP.
"""

from __future__ import annotations

from newsgraph.data.lexicon import table

_TABLES = table("en", "countries")
COUNTRIES: tuple[str, ...] = tuple(_TABLES["countries"])  # short English forms as news uses them
ALIASES: dict[str, str] = dict(_TABLES["aliases"])  # other forms -> canonical
AMBIGUOUS: frozenset[str] = frozenset(_TABLES["ambiguous"])  # also common given names or words
PLACES: frozenset[str] = frozenset(_TABLES["places"])  # cities NER often mislabels: label repair only
DEMONYMS: dict[str, str] = dict(_TABLES["demonyms"])  # qualifiers only ("British Foreign Secretary")

_CANONICAL = {c: c for c in COUNTRIES} | {"Soviet Union": "Soviet Union"}


def country(form: str) -> str | None:
    """The canonical country for a surface form ("U.S." -> "United States"), or None."""
    form = form.strip()
    if form[:4].lower() == "the ":
        form = form[4:]
    return _CANONICAL.get(form) or ALIASES.get(form) or ALIASES.get("the " + form)


def demonym_country(form: str) -> str | None:
    """The country a demonym or country form names ("British" -> "United Kingdom"), or None."""
    return DEMONYMS.get(form.strip()) or country(form)


def all_forms() -> list[str]:
    """Every country surface form, longest first (for a regex alternation)."""
    forms = set(_CANONICAL) | {a for a in ALIASES if not a.startswith("the ")}
    return sorted(forms, key=len, reverse=True)
