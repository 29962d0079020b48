"""Word lists shipped as data files (src/newsgraph/data/<lang>/<name>.json), loaded once.

    from newsgraph.data.lexicon import words, table
    words("en", "quote_cues", "cue_verbs")  -> frozenset of the list's entries
    table("en", "titles")                   -> the whole file (dict), for mappings

Each file is a JSON object of named lists (or mappings); a "_doc" key says what the
file is for. Entries are lower case unless a list says otherwise.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

__all__ = ["words", "table"]


@lru_cache(maxsize=None)
def table(lang: str, name: str) -> dict[str, Any]:
    path = files("newsgraph.data").joinpath(lang, f"{name}.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"no word list {lang}/{name}.json in newsgraph/data; valid: a file there") from None


@lru_cache(maxsize=None)
def words(lang: str, name: str, key: str) -> frozenset[str]:
    data = table(lang, name)
    if key not in data:
        raise ValueError(f"{lang}/{name}.json has no list {key!r}; valid: {sorted(k for k in data if k != '_doc')}")
    return frozenset(data[key])
