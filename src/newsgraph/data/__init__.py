"""Data shipped inside the package: word lists, lexicons and tables per language
(data/<lang>/...), loaded once per process. A second language is a folder of the same
files plus a spaCy pipeline name.

    load_json("en", "countries.json")    -> the parsed JSON
    load_words("en", "cue_verbs.txt")    -> frozenset of lines (blank lines and # comments skipped)
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

__all__ = ["load_json", "load_words", "load_text"]


def load_text(lang: str, name: str) -> str:
    return files("newsgraph.data").joinpath(lang, name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_json(lang: str, name: str) -> Any:
    return json.loads(load_text(lang, name))


@lru_cache(maxsize=None)
def load_words(lang: str, name: str) -> frozenset[str]:
    words = []
    for line in load_text(lang, name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return frozenset(words)
